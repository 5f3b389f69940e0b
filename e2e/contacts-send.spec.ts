import { expect, test, type Page } from "@playwright/test";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { nxcloudWizardToNumbers, shot } from "./helpers";

// Issue 13's acceptance, the sending half: an NXCloud task is made in the wizard from a contact list (the
// numbers step's "From a contact list"), the list is sent by the send job the create started, the numbers tab
// fills while the simulator dials, one number is found across tasks, and putting it on do-not-call
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

test("a task made in the wizard from a list gets the list's numbers; its numbers tab fills while the simulator dials; do-not-call stops a number there", async ({ page, baseURL }) => {
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

  // An NXCloud task made in the wizard from the list.
  await nxcloudWizardToNumbers(page, name);

  // The numbers step: a list instead of a paste (by keyboard), with what this account would skip.
  const numbersStep = page.getByTestId("step-numbers");
  await numbersStep.getByRole("radio", { name: /Paste or upload/ }).focus();
  await page.keyboard.press("ArrowUp");
  await expect(numbersStep.getByRole("radio", { name: /From a contact list/ })).toBeChecked();
  await page.getByTestId("wizard-next").click();
  await expect(numbersStep.getByRole("alert")).toHaveText("Choose a contact list, or switch to pasting numbers.");
  await numbersStep.getByTestId("list-picker").getByLabel("Contact list").selectOption({ label: `${listName} (${NUMBERS} numbers)` });
  await expect(numbersStep.getByTestId("send-summary")).toHaveText(`All ${NUMBERS} numbers will be sent.`);
  await page.getByTestId("wizard-next").click();
  await expect(page.getByTestId("review-list")).toContainText(listName);
  await expect(page.getByTestId("review-list")).toContainText(`${NUMBERS} of ${NUMBERS} will be sent`);
  await page.getByTestId("wizard-create").click();
  await expect(page.getByTestId("wizard-list-sending")).toBeVisible();

  // The result links to the task's numbers tab, which follows the batches of the send the create started.
  await page.getByRole("link", { name: "Open the numbers tab" }).click();
  await expect(page).toHaveURL(/\/tasks\/(?!new)[^/]+\/numbers\?job=/);
  const taskUrl = new URL(page.url()).pathname.replace(/\/numbers$/, "");
  await expect(page.getByTestId("job-progress")).toHaveAttribute("data-state", "done", { timeout: 60_000 });
  await expect.poll(async () => (await simTask(page, name))?.orders.length).toBe(NUMBERS);
  await page.reload();
  await expect(page.getByTestId("state-sent")).toContainText(String(NUMBERS));
  await shot(page, "contacts-send-numbers-sent-en");

  // "Add numbers from a list" on the tab: the same list again would send nothing twice.
  await page.goto(`${taskUrl}/numbers`);
  await page.getByLabel("Contact list").selectOption({ label: `${listName} (${NUMBERS} numbers)` });
  await expect(page.getByTestId("send-summary")).toHaveText(
    `${NUMBERS} of ${NUMBERS} will be skipped — do-not-call 0, over the contact cap 0, already in this task ${NUMBERS}.`,
  );
  await expect(page.getByRole("button", { name: "Send 0 numbers" })).toBeDisabled();
  expect((await simTask(page, name))?.orders).toHaveLength(NUMBERS);

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
