import { describe, expect, it } from "vitest";
import { ZTaskWizardInput, type WizardOptions } from "@/lib/contracts/task-write";
import { nxcloudCapabilities } from "@/lib/providers/nxcloud/capabilities";
import { yunfuCapabilities } from "@/lib/providers/yunfu/capabilities";
import { taskBodyFromDraft } from "@/lib/providers/yunfu/mapping";
import { initialValues, listProblem, numbersRequest, previewRequest, requestParams, STEP_FIELDS, stepForField, variableNames, WIZARD_STEPS } from "./wizard-state";

const nx = {
  id: "acc-nx",
  name: "NXCloud demo",
  kind: "nxcloud",
  providerLabel: nxcloudCapabilities.label,
  isDemo: true,
  taskTypes: nxcloudCapabilities.taskTypes,
  limits: { nameMaxLength: 64, descriptionMaxLength: 500, contactsBatchSize: 500 },
  params: nxcloudCapabilities.params,
  paramChoices: {},
};
const summary = { en: "", zh: "" };
const options: WizardOptions = {
  accounts: [nx],
  unavailableAccounts: 0,
  groups: [
    { id: "g1", name: "Evenings", isDefault: false, timeZone: "Asia/Shanghai", summary, losses: {} },
    { id: "g2", name: "Weekdays", isDefault: true, timeZone: "Asia/Shanghai", summary, losses: {} },
  ],
  strategies: [],
};

describe("wizard state", () => {
  it("puts a server error on the step it belongs to", () => {
    expect(stepForField("name")).toBe("basics");
    expect(stepForField("params.startupAt")).toBe("params");
    expect(stepForField("acceptLosses")).toBe("group");
    expect(stepForField("contacts")).toBe("numbers");
    expect(stepForField("listId")).toBe("numbers");
    expect(stepForField(undefined)).toBe("review");
  });

  it("gives every field of the create action's input a step (the key is made by the wizard itself)", () => {
    const owned = WIZARD_STEPS.flatMap((step) => STEP_FIELDS[step]);
    expect([...owned, "idempotencyKey"].sort()).toEqual(Object.keys(ZTaskWizardInput.shape).sort());
  });

  it("starts on the only account and task type, the default group and the provider's default parameters", () => {
    const values = initialValues(options, "0123456789abcdef");
    expect(values).toMatchObject({ accountId: "acc-nx", taskType: "callbot", callTimeGroupId: "g2", acceptLosses: false, retryStrategyId: null, contacts: [] });
    expect(values.params.maxCall).toBe(String(nxcloudCapabilities.params.find((p) => p.key === "maxCall")?.default ?? ""));
    // The form's values are the create action's own input: the same schema checks both.
    expect(ZTaskWizardInput.safeParse({ ...values, name: "Renewals" }).success).toBe(true);
    expect(previewRequest(values, nx).params).toEqual(requestParams(nx.params, "callbot", values.params));
  });

  it("sends the numbers of the chosen source only: a list (no pasted numbers) or the paste (no list)", () => {
    const contacts = [{ phone: "+8613800138000", name: "Zhang San", variables: {} }];
    const values = { ...initialValues(options, "0123456789abcdef"), name: "Renewals", contacts, contactRows: 2, listId: "list-1" };
    expect(numbersRequest(values, "list")).toEqual({ contacts: [], contactRows: 0, listId: "list-1" });
    expect(numbersRequest(values, "paste")).toEqual({ contacts, contactRows: 2, listId: null });
    // The create action's schema takes either.
    expect(ZTaskWizardInput.safeParse({ ...values, ...numbersRequest(values, "list") }).success).toBe(true);
    expect(ZTaskWizardInput.parse({ ...values, listId: undefined }).listId).toBeNull();
    expect(ZTaskWizardInput.safeParse({ ...values, listId: "" }).success).toBe(false);
  });

  it("does not leave the numbers step with no list, a list still being checked, or a list that would send nothing", () => {
    const summary = { total: 3, willSend: 1, dnc: 1, cap: 1, inTask: 0 };
    expect(listProblem("list", null, null)).toBe("chooseList");
    expect(listProblem("list", "list-1", null)).toBe("listChecking");
    expect(listProblem("list", "list-1", { ...summary, willSend: 0, dnc: 2 })).toBe("listNothingToSend");
    expect(listProblem("list", "list-1", summary)).toBeNull();
    // Pasting (or sending nothing, to create the task empty) is not about a list.
    expect(listProblem("paste", null, null)).toBeNull();
  });

  it("sends blanks as null, flags as booleans and local datetimes as instants", () => {
    const local = "2026-05-04T09:30";
    const params = requestParams(nxcloudCapabilities.params, "callbot", { maxCall: " 5 ", startupAt: local, taskKeep: true, sceneID: "" });
    expect(params.maxCall).toBe("5");
    expect(params.sceneID).toBeNull();
    expect(params.taskKeep).toBe(true);
    expect(params.startupAt).toBe(new Date(local).toISOString());
    expect(Object.keys(params)).toEqual(nxcloudCapabilities.params.map((p) => p.key));
  });

  it("sends Yunfu's China-time start and stop as typed: 08:00 and 20:00 reach Yunfu as 08:00 and 20:00 (issue 15 point 5)", () => {
    const form = { destination_extension: "297", maximumcall: "2", start_time: "2026-12-01T08:00", stop_time: "2026-12-01T20:00", line: "" };
    const params = requestParams(yunfuCapabilities.params, "2.0", form);
    expect(params.start_time).toBe("2026-12-01T08:00");
    expect(params.stop_time).toBe("2026-12-01T20:00");
    const retry = { recycle_limit: 0, redial: { redial_enabled: 0 as const } };
    const body = taskBodyFromDraft({ name: "回访", description: "", taskType: "2.0", callTimeGroup: null, retryStrategy: null, params, contacts: [] } as never, "1", retry as never);
    expect(body.task_extras).toMatchObject({ start_time: "2026-12-01 08:00:00", stop_time: "2026-12-01 20:00:00" });
  });

  it("reads variable names from a comma list, Chinese commas included", () => {
    expect(variableNames(" amount, due_date，amount ,, ")).toEqual(["amount", "due_date"]);
  });
});
