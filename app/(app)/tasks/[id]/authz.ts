import type { FeatureAuthz } from "@/app/authz-matrix";

export const authz: FeatureAuthz = {
  actions: {
    taskOperationAction: { access: "manager", input: { taskId: "nothing", op: "pause" } },
    updateTaskSettingsAction: {
      access: "manager",
      input: { taskId: "nothing", data: { name: "x", description: "", callTimeGroupId: "none", retryStrategyId: null, params: {} } },
    },
    addTaskContactsAction: { access: "manager", input: { taskId: "nothing", contacts: [{ phone: "+8613800138000", name: "", variables: {} }] } },
  },
};
