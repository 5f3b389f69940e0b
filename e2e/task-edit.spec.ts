import { expect, test, type Page } from "@playwright/test";
import { shot } from "./helpers";

// Editing a task that already exists at the provider: an NXCloud demo task that is paused or not started
// gets a new name and a call-time group NXCloud cannot keep exactly (the same confirmation as in the wizard;
// the name is kept after a reload and at the simulator) and more numbers (pasted with a duplicate and an
// invalid row, both listed by line; only the accepted ones reach the simulator).

const SIM_BASE = Number(process.env.E2E_SIM_BASE_PORT ?? 4201);
// Port order is part of the simulators' contract: yunfu, aliyun-vms, nxcloud, wshoto.
const SIM_PORTS = [SIM_BASE, SIM_BASE + 1, SIM_BASE + 2, SIM_BASE + 3];
const NXCLOUD = SIM_BASE + 2;

type NxTask = { taskID: string; userTaskID: string; taskStatus: number; setting: { taskName: string }; orders: unknown[] };

async function nxTask(page: Page, remoteId: string): Promise<NxTask | undefined> {
  const res = await page.request.get(`http://127.0.0.1:${NXCLOUD}/__sim/state`);
  expect(res.ok()).toBe(true);
  const tasks = ((await res.json()) as { tasks: NxTask[] }).tasks;
  // NXCloud identifies a task by our userTaskID where it has one, else by its own taskID (docs/providers/research.md §3).
  return tasks.find((t) => (t.userTaskID || t.taskID) === remoteId);
}

async function simDialing(factor: number) {
  for (const port of SIM_PORTS) {
    const res = await fetch(`http://127.0.0.1:${port}/__sim/config`, { method: "POST", body: JSON.stringify({ dialing: { factor } }) });
    expect(res.ok).toBe(true);
  }
}

test.describe.configure({ mode: "serial" });

// A paused task stays paused anyway, but a pending one could be started by its schedule: the clocks stand still.
test.beforeAll(async () => simDialing(0));
test.afterAll(async () => simDialing(600));

let taskUrl = "";
let remoteId = "";

test("an NXCloud task's settings are edited here and at the provider", async ({ page, context }) => {
  await page.goto("/tasks");
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", domain: new URL(page.url()).hostname, path: "/" }]);
  await page.goto("/tasks");
  await page.getByRole("button", { name: "Sync now" }).first().click();
  await expect(page.getByText(/^Synced \d+ tasks/).first()).toBeVisible({ timeout: 60_000 });

  await page.goto("/tasks?provider=nxcloud&status=paused");
  const rows = page.getByTestId("task-row");
  if ((await rows.count()) === 0) await page.goto("/tasks?provider=nxcloud&status=pending");
  await rows.first().getByRole("link").first().click();
  await expect(page.getByTestId("remote-id")).toBeVisible();
  taskUrl = page.url();
  remoteId = (await page.getByTestId("remote-id").innerText()).trim();
  expect((await nxTask(page, remoteId))?.setting.taskName).toBe((await page.getByTestId("task-name").innerText()).trim());

  await page.getByText("Change name, call-time group, retry strategy or dialing parameters").click();
  const form = page.getByTestId("task-settings-form");
  await expect(form).toBeVisible();
  const newName = "Renewal reminders (edited)";
  await form.getByLabel("Name", { exact: true }).fill(newName);
  // Every demo group skips holidays (or follows London's clock changes), which NXCloud cannot do: the form
  // shows what NXCloud loses and, as the wizard does, saves only once the manager confirms it.
  const group = form.getByLabel("Call-time group", { exact: true });
  const first = await group.locator("option").nth(1).getAttribute("value");
  await group.selectOption(first!);
  const losses = form.getByTestId("edit-group-losses");
  await expect(losses.getByTestId("loss-report-losses")).toBeVisible();
  const save = () =>
    Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/tasks/")),
      form.getByRole("button", { name: "Save at the provider" }).click(),
    ]);
  await save();
  await expect(losses.getByRole("alert")).toHaveText(/Confirm the differences, or choose another group\./);
  expect((await nxTask(page, remoteId))?.setting.taskName).not.toBe(newName);
  await shot(page, "task-edit-confirm-losses-en-1280");
  await losses.getByRole("checkbox", { name: /I understand these differences/ }).check();
  await save();
  await expect(form.getByText("Saved. The provider accepted the new settings.")).toBeVisible();
  await shot(page, "task-edit-settings-en-1280");

  await page.reload();
  await expect(page.getByTestId("task-name")).toHaveText(newName);
  expect((await nxTask(page, remoteId))?.setting.taskName).toBe(newName);
});

test("numbers added to an NXCloud task list each problem row and reach the simulator", async ({ page }) => {
  expect(taskUrl).not.toBe("");
  await page.goto(taskUrl);
  const before = (await nxTask(page, remoteId))!.orders.length;

  const add = page.getByTestId("add-numbers");
  await add.getByLabel("Paste numbers").fill(["13912340001", "13912340002", "13912340001", "12345"].join("\n"));
  const problems = add.getByTestId("contacts-problem");
  await expect(problems).toHaveCount(2);
  await expect(problems.filter({ hasText: "Line 3" })).toHaveCount(1);
  await expect(problems.filter({ hasText: "Line 4" })).toHaveCount(1);
  await expect(add.getByTestId("contacts-valid-count")).toHaveText("2 valid numbers");
  await shot(page, "task-add-numbers-problems-en-1280");

  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/tasks/")),
    add.getByRole("button", { name: "Add 2 numbers" }).click(),
  ]);
  const result = add.getByTestId("add-numbers-result");
  await expect(result).toContainText("2 accepted, 0 refused by the provider, no failed batches.");
  expect((await nxTask(page, remoteId))!.orders.length).toBe(before + 2);
  await shot(page, "task-add-numbers-done-en-1280");
});
