import type { FeatureAuthz } from "@/app/authz-matrix";

export const authz: FeatureAuthz = {
  routes: {
    "api/overview/route.ts": { methods: { GET: "viewer" }, url: "http://localhost/api/overview?range=24h" },
  },
};
