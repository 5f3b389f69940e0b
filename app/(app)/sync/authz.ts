import type { FeatureAuthz } from "@/app/authz-matrix";

export const authz: FeatureAuthz = {
  actions: {
    syncNowAction: { access: "manager", input: { accountId: "missing" } },
  },
  routes: {
    "api/sync/runs/[runId]/route.ts": { methods: { GET: "viewer" }, url: "http://localhost/api/sync/runs/missing", params: { runId: "missing" } },
    // Signature-authenticated by the provider's adapter; an unknown account answers 404.
    "api/webhooks/[provider]/[accountId]/route.ts": {
      methods: { POST: "public" },
      url: "http://localhost/api/webhooks/nxcloud/missing",
      params: { provider: "nxcloud", accountId: "missing" },
    },
  },
};
