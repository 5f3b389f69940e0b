import type { FeatureAuthz } from "@/app/authz-matrix";

export const authz: FeatureAuthz = {
  actions: {
    bulkTaskOperationAction: { access: "manager", input: { taskIds: ["nothing"], op: "pause" } },
  },
};
