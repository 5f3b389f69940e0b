import type { FeatureAuthz } from "@/app/authz-matrix";

export const authz: FeatureAuthz = {
  routes: {
    // An unknown id answers 404 after authorization, which proves the role check passed.
    "api/tasks/[id]/synced-at/route.ts": { methods: { GET: "viewer" }, url: "http://localhost/api/tasks/nobody/synced-at", params: { id: "nobody" } },
  },
};
