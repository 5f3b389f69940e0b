import { expect, test, type Page } from "@playwright/test";
import { shot } from "./helpers";

// The task list and a task's page against the four embedded simulators: "Sync now" brings their demo
// tasks in; filters live in the URL; an NXCloud task is paused and the simulator agrees; delete is
// refused with its reason where the provider forbids it and needs the typed name where it is allowed;
// a WShoto follow-up keeps its 19-digit id exactly from the provider's list to the page.

const SIM_BASE = Number(process.env.E2E_SIM_BASE_PORT ?? 4201);
// Port order is part of the simulators' contract: yunfu, aliyun-vms, nxcloud, wshoto.
const SIM = { yunfu: SIM_BASE, "aliyun-vms": SIM_BASE + 1, nxcloud: SIM_BASE + 2, wshoto: SIM_BASE + 3 } as const;
// docs/providers/research.md §3 taskStatus values, as the NXCloud simulator stores them.
const NXCLOUD_RUNNING = 2;
const NXCLOUD_PAUSED = 5;

async function simState(page: Page, kind: keyof typeof SIM): Promise<{ text: string; json: Record<string, unknown> }> {
  const res = await page.request.get(`http://127.0.0.1:${SIM[kind]}/__sim/state`);
  expect(res.ok()).toBe(true);
  const text = await res.text();
  return { text, json: JSON.parse(text) as Record<string, unknown> };
}

/** NXCloud identifies a task by our userTaskID where it has one, else by its own taskID (docs/providers/research.md §3). */
async function nxTask(page: Page, remoteId: string) {
  const tasks = (await simState(page, "nxcloud")).json.tasks as { taskID: string; userTaskID: string; taskStatus: number }[];
  return tasks.find((t) => (t.userTaskID || t.taskID) === remoteId);
}

async function setLocale(page: Page, locale: "en" | "zh-CN") {
  const base = new URL(page.url().startsWith("http") ? page.url() : `http://localhost:${process.env.E2E_PORT ?? 3100}`);
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, domain: base.hostname, path: "/" }]);
}

const rows = (page: Page) => page.getByTestId("task-row");

/** Opens the first task the URL's filters list and returns its name and provider id. */
async function openFirst(page: Page, query: string): Promise<{ name: string; remoteId: string }> {
  await page.goto(`/tasks?${query}`);
  await expect(rows(page).first()).toBeVisible();
  await rows(page).first().getByRole("link").first().click();
  await expect(page.getByTestId("remote-id")).toBeVisible();
  return { name: (await page.getByTestId("task-name").innerText()).trim(), remoteId: (await page.getByTestId("remote-id").innerText()).trim() };
}

async function simDialing(factor: number) {
  for (const port of Object.values(SIM)) {
    const res = await fetch(`http://127.0.0.1:${port}/__sim/config`, { method: "POST", body: JSON.stringify({ dialing: { factor } }) });
    expect(res.ok).toBe(true);
  }
}

test.describe.configure({ mode: "serial" });

// The demo runs at 600 simulated seconds per second, so a task started here could finish before the
// next click. The simulated clocks stand still during these tests and run again afterwards.
test.beforeAll(async () => simDialing(0));
test.afterAll(async () => simDialing(600));

test("Sync now lists the demo tasks of all four simulators; filters and sort stay in the URL", async ({ page }) => {
  await page.goto("/tasks");
  await setLocale(page, "en");
  await page.goto("/tasks");
  await expect(page.getByRole("heading", { name: "Tasks", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "New task" })).toHaveAttribute("href", "/tasks/new");

  await page.getByRole("button", { name: "Sync now" }).first().click();
  await expect(page.getByText(/^Synced \d+ tasks/).first()).toBeVisible({ timeout: 60_000 });
  for (const kind of Object.keys(SIM)) {
    await page.goto(`/tasks?provider=${kind}`);
    await expect(rows(page).first()).toBeVisible();
    await expect(rows(page).and(page.locator(`:not([data-provider="${kind}"])`))).toHaveCount(0);
  }

  // Provider and status filters together, from the URL, and the form shows them.
  await page.goto("/tasks?provider=nxcloud&status=paused");
  await expect(page.getByRole("combobox", { name: "Provider", exact: true })).toHaveValue("nxcloud");
  await expect(page.getByRole("combobox", { name: "Status", exact: true })).toHaveValue("paused");
  await expect(rows(page).first()).toBeVisible();
  const statuses = await page.getByTestId("task-status").evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));
  expect(new Set(statuses)).toEqual(new Set(["paused"]));

  // The form writes the URL; a sort link keeps the filters.
  await page.goto("/tasks");
  await page.getByRole("combobox", { name: "Provider", exact: true }).selectOption("wshoto");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/provider=wshoto/);
  await page.getByTestId("sort-name").click();
  await expect(page).toHaveURL(/sort=name/);
  await expect(page).toHaveURL(/provider=wshoto/);
  await expect(rows(page).first()).toHaveAttribute("data-provider", "wshoto");
  // Follow-up tasks are read-only: nothing to select for start or pause.
  await expect(rows(page).first().getByRole("checkbox")).toBeDisabled();

  await page.goto("/tasks");
  await shot(page, "tasks-list-en-1280");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "tasks-list-en-390");
  await setLocale(page, "zh-CN");
  await page.goto("/tasks");
  await expect(page.getByRole("heading", { name: "任务", exact: true })).toBeVisible();
  await shot(page, "tasks-list-zh-390");
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, "tasks-list-zh-1280");
  await setLocale(page, "en");
});

test("starting and pausing an NXCloud task changes its status here and in the simulator; NXCloud has no delete", async ({ page }) => {
  await page.goto("/tasks");
  await setLocale(page, "en");
  const task = await openFirst(page, "provider=nxcloud&status=paused");
  await expect(page.getByRole("button", { name: "Delete" })).toBeDisabled();
  await expect(page.getByTestId("control-reason").filter({ hasText: "Delete:" })).toContainText("has no delete");
  await expect(page.getByRole("button", { name: "Pause" })).toBeDisabled();
  await expect(page.getByTestId("control-reason").filter({ hasText: "Pause:" })).toContainText("can pause only running tasks");

  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(`/tasks/`)),
    page.getByRole("button", { name: "Start" }).click(),
  ]);
  await expect(page.getByTestId("task-status").first()).toHaveAttribute("data-status", "running");
  expect((await nxTask(page, task.remoteId))?.taskStatus).toBe(NXCLOUD_RUNNING);

  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(`/tasks/`)),
    page.getByRole("button", { name: "Pause" }).click(),
  ]);
  await expect(page.getByTestId("task-status").first()).toHaveAttribute("data-status", "paused");
  await expect(page.getByRole("button", { name: "Start" })).toBeEnabled();

  expect((await nxTask(page, task.remoteId))?.taskStatus).toBe(NXCLOUD_PAUSED);
  // The audit entry is written after the response (lib/server/audit.ts), so the history may need a reload.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("task-history").locator("li").first()).toContainText("Running → Paused", { timeout: 1_000 });
  }).toPass();
  await shot(page, "task-detail-nxcloud-en-1280");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "task-detail-nxcloud-en-390");
  await setLocale(page, "zh-CN");
  await page.reload();
  await expect(page.getByRole("button", { name: "启动" })).toBeEnabled();
  await shot(page, "task-detail-nxcloud-zh-390");
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, "task-detail-nxcloud-zh-1280");
  await setLocale(page, "en");
});

test("bulk pause answers per row", async ({ page }) => {
  await page.goto("/tasks");
  await setLocale(page, "en");
  // Not-started tasks of every provider: Yunfu pauses them, the others refuse, each row says which.
  await page.goto("/tasks?status=pending&kind=call");
  await expect(rows(page).first()).toBeVisible();
  await page.getByRole("checkbox", { name: "Select all tasks on this page" }).check();
  const selected = await rows(page).count();
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/tasks")),
    page.getByRole("button", { name: "Pause selected" }).click(),
  ]);
  const results = page.getByTestId("bulk-results").locator("li");
  await expect(results).toHaveCount(selected);
  await expect(page.getByTestId("bulk-results")).toContainText(`of ${selected} done`);
  await shot(page, "tasks-bulk-en-1280");
});

test("delete is refused with the reason on a running Aliyun task and needs the typed name where allowed", async ({ page }) => {
  await page.goto("/tasks");
  await setLocale(page, "en");
  const running = await openFirst(page, "provider=aliyun-vms&status=paused");
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: "Start" }).click(),
  ]);
  await expect(page.getByTestId("task-status").first()).toHaveAttribute("data-status", "running");
  await expect(page.getByRole("button", { name: "Delete" })).toBeDisabled();
  await expect(page.getByTestId("control-reason").filter({ hasText: "Delete:" })).toContainText("can delete only not started or ended tasks");
  expect(running.remoteId).not.toBe("");

  const ended = await openFirst(page, "provider=aliyun-vms&status=completed");
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole("button", { name: "Delete" });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole("textbox").fill(`${ended.name} x`);
  await expect(confirm).toBeDisabled();
  await dialog.getByRole("textbox").fill(ended.name);
  await shot(page, "task-delete-confirm-en-1280");
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), confirm.click()]);
  await expect(page).toHaveURL(/\/tasks$/);

  const { json } = await simState(page, "aliyun-vms");
  const ids = Object.values(json.enterprises as Record<string, { tasks: { props: Record<string, unknown> }[] }>).flatMap((e) =>
    e.tasks.map((t) => String(t.props.Id)),
  );
  expect(ids).not.toContain(ended.remoteId);
  await page.goto("/tasks?provider=aliyun-vms&status=deleted");
  await expect(page.getByRole("link", { name: ended.name })).toBeVisible();
});

test("a WShoto follow-up keeps its 19-digit template id exactly from the provider to the page", async ({ page }) => {
  const { json, text } = await simState(page, "wshoto");
  const tasks = json.tasks as { template_id: string; template_name: string }[];
  const big = tasks.find((t) => t.template_id.length === 19);
  expect(big).toBeDefined();
  // The simulator's own bytes carry the id as written; JSON.parse would round it if it were a number.
  expect(text).toContain(big!.template_id);

  await page.goto("/tasks");
  await setLocale(page, "en");
  await page.goto(`/tasks?provider=wshoto&search=${encodeURIComponent(big!.template_name)}`);
  await rows(page).first().getByRole("link", { name: big!.template_name }).click();
  await expect(page.getByTestId("remote-id")).toHaveText(big!.template_id);
  await expect(page.getByTestId("template-id")).toHaveText(big!.template_id);
  await expect(page.getByTestId("raw-record")).toContainText(big!.template_id, { useInnerText: false });
  await expect(page.getByTestId("execution-table")).toBeVisible();
  await expect(page.getByRole("button", { name: "Pause" })).toBeDisabled();
  await expect(page.getByTestId("control-reason")).toHaveText(/^Start, Pause, Complete, Delete: .*read-only/);
  await shot(page, "task-detail-wshoto-en-1280");
  await setLocale(page, "zh-CN");
  await page.reload();
  await expect(page.getByTestId("template-id")).toHaveText(big!.template_id);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "task-detail-wshoto-zh-390");
  await setLocale(page, "en");
});
