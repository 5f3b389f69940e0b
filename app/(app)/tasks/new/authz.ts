import type { FeatureAuthz } from "@/app/authz-matrix";

const preview = { accountId: "nobody", taskType: "1", name: "", description: "", callTimeGroupId: "nothing", retryStrategyId: null, params: {}, acceptLosses: false };

export const authz: FeatureAuthz = {
  actions: {
    previewTaskAction: { access: "manager", input: preview },
    createTaskAction: {
      access: "manager",
      input: { ...preview, contacts: [], idempotencyKey: "not a key" },
    },
  },
};
