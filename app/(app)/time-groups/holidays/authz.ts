import type { FeatureAuthz } from "@/app/authz-matrix";

export const authz: FeatureAuthz = {
  actions: {
    setHolidayDayAction: { access: "admin", input: { date: "not-a-date", kind: "holiday", name: "" } },
    removeHolidayDayAction: { access: "admin", input: { date: "not-a-date" } },
    importYearArrangementAction: { access: "admin", input: { text: "{" } },
  },
};
