import type { FeatureAuthz } from "@/app/authz-matrix";

const group = {
  name: "Matrix",
  timeZone: "Asia/Shanghai",
  weekly: { 1: [{ start: 540, end: 720 }], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] },
  skipHolidays: true,
  makeUpDayAs: null,
  overrides: [],
  isDefault: false,
};

export const authz: FeatureAuthz = {
  actions: {
    createCallTimeGroupAction: { access: "manager", input: group },
    updateCallTimeGroupAction: { access: "manager", input: { id: "nothing", group } },
    duplicateCallTimeGroupAction: { access: "manager", input: { id: "nothing" } },
    deleteCallTimeGroupAction: { access: "manager", input: { id: "nothing" } },
    setDefaultCallTimeGroupAction: { access: "manager", input: { id: "nothing" } },
    encodeForProvidersAction: { access: "viewer", input: group },
  },
};
