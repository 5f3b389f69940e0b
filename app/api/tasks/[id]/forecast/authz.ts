import type { FeatureAuthz } from "@/app/authz-matrix";

export const authz: FeatureAuthz = {
  routes: {
    "api/tasks/[id]/forecast/route.ts": { methods: { GET: "viewer" }, url: "http://localhost/api/tasks/nobody/forecast", params: { id: "nobody" } },
  },
};
