import type { FeatureAuthz } from "@/app/authz-matrix";

export const authz: FeatureAuthz = {
  actions: {
    startSendAction: { access: "manager", input: { taskId: "nothing", listId: "nothing" } },
  },
};
