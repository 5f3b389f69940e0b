import type { FeatureAuthz } from "@/app/authz-matrix";

export const authz: FeatureAuthz = {
  actions: {
    findNumberAction: { access: "viewer", input: { phone: "13800138000" } },
  },
};
