import type { FeatureAuthz } from "@/app/authz-matrix";

export const authz: FeatureAuthz = {
  actions: {
    createUserAction: { access: "admin", input: { name: "", email: "bad", password: "", role: "viewer" } },
    setUserRoleAction: { access: "admin", input: { userId: "nobody", role: "viewer" } },
    setUserActiveAction: { access: "admin", input: { userId: "nobody", active: true } },
  },
};
