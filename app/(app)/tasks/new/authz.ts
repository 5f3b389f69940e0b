import type { FeatureAuthz } from "@/app/authz-matrix";

const preview = { accountId: "nobody", taskType: "1", callTimeGroupId: "nothing", retryStrategyId: null, params: {} };

export const authz: FeatureAuthz = {
  actions: {
    previewTaskAction: { access: "manager", input: preview },
    createTaskAction: {
      access: "manager",
      input: { ...preview, name: "", description: "", acceptLosses: false, contacts: [], idempotencyKey: "not a key" },
    },
  },
};
