import { expect, test, type Page } from "@playwright/test";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { shot } from "./helpers";

// Issue 13's acceptance, the sending half: a contact list is sent to an NXCloud task made in the wizard, the
// numbers tab fills while the simulator dials, one number is found across tasks, and putting it on do-not-call
// stops it at the simulator (NXCloud stopOrder).

const SIM_BASE = Number(process.env.E2E_SIM_BASE_PORT ?? 4201);
// Port order is part of the simulators' contract: yunfu, aliyun-vms, nxcloud, wshoto.
const NXCLOUD_SIM = `http://127.0.0.1:${SIM_BASE + 2}`;
const DEMO_FACTOR = 600;
const NUMBERS = 120;
const mobile = (i: number) => `1367${String(i).padStart(7, "0")}`;

interface SimOrder {
  phone: string;
  attempts: number;
  stopped: boolean;
}
interface SimTask {
  setting: { taskName: string };
  taskStatus: number;
  orders: SimOrder[];
}

async function simTask(page: Page, name: string): Promise<SimTask | undefined> {
  const res = await page.request.get(`${NXCLOUD_SIM}/__sim/state`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { tasks: SimTask[] }).tasks.find((t) => t.setting.taskName === name);
}

async function simNow(page: Page): Promise<Date> {
  const res = await page.request.get(`${NXCLOUD_SIM}/__sim/state`);
  return new Date(((await res.json()) as { simNow: string }).simNow);
}

async function simFactor(page: Page, factor: number) {
  const res = await page.request.post(`${NXCLOUD_SIM}/__sim/config`, { data: JSON.stringify({ dialing: { factor } }) });
  expect(res.ok()).toBe(true);
}

// The wizard's default group (the embedded demo's) dials 09:00–12:00 and 13:00–18:00 Beijing time, Monday to
// Friday; NXCloud cannot skip holidays, so the simulator dials those days too. Early in a window leaves time to
// watch the first calls before it closes.
function inDialWindow(at: Date): boolean {
  const beijing = new Date(at.getTime() + 8 * 3_600_000);
  const minute = beijing.getUTCHours() * 60 + beijing.getUTCMinutes();
  const weekday = beijing.getUTCDay();
  return weekday >= 1 && weekday <= 5 && ((minute >= 9 * 60 + 5 && minute < 10 * 60 + 30) || (minute >= 13 * 60 + 5 && minute < 16 * 60));
}

test.afterAll(async ({ request }) => {
  await request.post(`${NXCLOUD_SIM}/__sim/config`, { data: JSON.stringify({ dialing: { factor: DEMO_FACTOR } }) });
});

test("a list sent to an NXCloud task fills its numbers tab while the simulator dials; do-not-call stops a number there", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL ?? "http://localhost" }]);
  const name = `E2E list send ${Date.now()}`;
  const listName = `Send list ${Date.now()}`;

  // A list of 120 numbers.
  const dir = mkdtempSync(path.join(os.tmpdir(), "e2e-send-"));
  const file = path.join(dir, "send.csv");
  writeFileSync(file, ["phone,name", ...Array.from({ length: NUMBERS }, (_, i) => `${mobile(i + 1)},Customer ${i + 1}`)].join("\n") + "\n");
  await page.goto("/contacts");
  await page.getByLabel("New list name").fill(listName);
  await page.getByRole("button", { name: "Create list" }).click();
  await expect(page).toHaveURL(/\/contacts\/[^/]+$/);
  await page.getByLabel("Choose a CSV or Excel file").setInputFiles(file);
  await expect(page.getByTestId("column-0")).toHaveValue("phone");
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByTestId("job-progress")).toHaveAttribute("data-state", "done", { timeout: 60_000 });

  // An NXCloud task made in the wizard without numbers.
  await page.goto("/tasks/new");
  await page.getByRole("radio", { name: /NXCloud demo/ }).check();
  await page.getByTestId("wizard-next").click();
  await page.getByTestId("wizard-next").click();
  await page.getByLabel("Task name *").fill(name);
  await page.getByTestId("wizard-next").click();
  const report = page.getByTestId("group-loss-report");
  await expect(report).toBeVisible();
  if (!(await report.getByTestId("loss-report-exact").isVisible())) {
    await report.getByRole("checkbox", { name: /I understand these differences/ }).check();
  }
  await page.getByTestId("wizard-next").click();
  await page.getByTestId("wizard-next").click();
  await page.getByLabel(/^Concurrent calls \*$/).fill("1");
  await page.getByTestId("wizard-next").click();
  await page.getByTestId("wizard-next").click();
  await page.getByTestId("wizard-create").click();
  await expect(page).toHaveURL(/\/tasks\/(?!new)[^/]+$/);
  const taskUrl = new URL(page.url()).pathname;

  // The numbers tab: pick the list, read what will be sent, send, follow the batches.
  await page.goto(`${taskUrl}/numbers`);
  await page.getByLabel("Contact list").selectOption({ label: `${listName} (${NUMBERS} numbers)` });
  await expect(page.getByTestId("send-summary")).toHaveText(`All ${NUMBERS} numbers will be sent.`);
  await page.getByRole("button", { name: `Send ${NUMBERS} numbers` }).click();
  await expect(page.getByTestId("job-progress")).toHaveAttribute("data-state", "done", { timeout: 60_000 });
  await expect.poll(async () => (await simTask(page, name))?.orders.length).toBe(NUMBERS);
  await page.reload();
  await expect(page.getByTestId("state-sent")).toContainText(String(NUMBERS));
  await shot(page, "contacts-send-numbers-sent-en");

  // Start it while the simulator's clock is inside the group's hours, slow enough that most numbers wait.
  await simFactor(page, 3_600);
  await expect.poll(async () => inDialWindow(await simNow(page)), { timeout: 90_000, intervals: [100] }).toBe(true);
  await simFactor(page, 30);
  await page.goto(taskUrl);
  await page.getByTestId("task-controls").getByRole("button", { name: "Start", exact: true }).click();
  await expect.poll(async () => (await simTask(page, name))?.taskStatus, { timeout: 30_000 }).toBe(2);

  // The numbers tab fills from the provider's callbacks and listings: some numbers leave "Sent".
  await expect
    .poll(
      async () => {
        await page.goto(`${taskUrl}/numbers`);
        return page.getByTestId("number-row").filter({ hasNotText: /\bSent\b/ }).count();
      },
      { timeout: 120_000, intervals: [3_000] },
    )
    .toBeGreaterThan(0);
  await shot(page, "contacts-send-numbers-dialling-en");

  // The last number has not been called yet: find it across tasks, then put it on do-not-call.
  const last = mobile(NUMBERS);
  expect((await simTask(page, name))?.orders.find((o) => o.phone.endsWith(last))?.attempts).toBe(0);
  await page.goto("/contacts/search");
  await page.getByLabel("Phone number").fill(last);
  await page.getByRole("button", { name: "Find" }).click();
  await expect(page.getByTestId("story-tasks")).toContainText(name);

  await page.goto("/contacts/dnc");
  await page.getByLabel("Number", { exact: true }).fill(last);
  await page.getByLabel("Reason", { exact: true }).fill("Asked not to be called");
  await page.getByRole("button", { name: "Add to do-not-call" }).click();
  await expect(page.getByTestId("dnc-stops")).toContainText(name);
  await shot(page, "contacts-send-dnc-stopped-en");
  // The simulator itself: the order is stopped and is never dialled.
  await expect.poll(async () => (await simTask(page, name))?.orders.find((o) => o.phone.endsWith(last))?.stopped).toBe(true);
  await page.goto(`${taskUrl}/numbers?state=removed`);
  await expect(page.getByTestId("number-row")).toHaveCount(1);
});
