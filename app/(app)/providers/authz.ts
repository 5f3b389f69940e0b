import type { FeatureAuthz } from "@/app/authz-matrix";

const account = { kind: "nxcloud", name: "", baseUrl: "not a url", credentials: {}, settings: {}, enabled: true };

export const authz: FeatureAuthz = {
  actions: {
    createAccountAction: { access: "manager", input: account },
    updateAccountAction: { access: "manager", input: { id: "missing", data: account } },
    setAccountEnabledAction: { access: "manager", input: { id: "missing", enabled: true } },
    testConnectionAction: { access: "manager", input: { id: "" } },
    setAccountPrivateNetworkAction: { access: "admin", input: { id: "missing", allow: true } },
    replayWebhooksAction: { access: "manager", input: { accountId: "missing" } },
  },
};
