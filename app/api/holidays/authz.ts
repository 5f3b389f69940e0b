import type { FeatureAuthz } from "@/app/authz-matrix";

export const authz: FeatureAuthz = {
  routes: {
    "api/holidays/route.ts": { methods: { GET: "viewer" }, url: "http://localhost/api/holidays?years=2026" },
  },
};
