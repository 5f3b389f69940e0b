import type { FeatureAuthz } from "@/app/authz-matrix";

export const authz: FeatureAuthz = {
  routes: {
    "api/tasks/[id]/export/route.ts": { methods: { GET: "viewer" }, url: "http://localhost/api/tasks/nobody/export", params: { id: "nobody" } },
  },
};
