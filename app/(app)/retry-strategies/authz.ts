import type { FeatureAuthz } from "@/app/authz-matrix";

const strategy = {
  name: "Standard",
  rounds: [{ after: { days: 0, hours: 0, minutes: 30 } }],
  measureFrom: "first-call",
  onlyToday: false,
  retryOn: ["no-answer"],
};

export const authz: FeatureAuthz = {
  actions: {
    createRetryStrategyAction: { access: "manager", input: { ...strategy, name: "" } },
    updateRetryStrategyAction: { access: "manager", input: { id: "missing", data: strategy } },
    duplicateRetryStrategyAction: { access: "manager", input: { id: "missing" } },
    deleteRetryStrategyAction: { access: "manager", input: { id: "missing" } },
    encodeRetryStrategyAction: { access: "viewer", input: { strategy, collapsedRetries: [2] } },
  },
};
