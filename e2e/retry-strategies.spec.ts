import { expect, test, type Page } from "@playwright/test";
import { shot } from "./helpers";

// A manager builds a retry strategy: an out-of-order round is refused on that round, the timeline
// shows a Friday-evening retry pushed to Monday's first window with its reason, the Aliyun JSON is
// what the provider expects; then save, reload, duplicate and delete, in both languages.

const NAME = "Weekend retries E2E";

/** Waits for the server action a click triggers (Next posts actions with a Next-Action header). */
async function withAction(page: Page, act: () => Promise<unknown>) {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined),
    act(),
  ]);
}

test("build, preview, save, reload, duplicate and delete a retry strategy", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  await page.goto("/retry-strategies");
  await expect(page.getByRole("heading", { name: "Retry strategies" })).toBeVisible();
  await page.getByRole("link", { name: "New retry strategy" }).first().click();
  await expect(page.getByRole("heading", { name: "New retry strategy" })).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill(NAME);
  const round1 = page.getByTestId("round-1");
  const round2 = page.getByTestId("round-2");
  await round1.getByLabel("Minutes").fill("30");
  // Round 2 at 20 minutes: not later than round 1 when measured from the first call.
  await round2.getByLabel("Hours").fill("0");
  await round2.getByLabel("Minutes").fill("20");
  await expect(round2.getByRole("alert")).toHaveText("Round 2 must come later than round 1 when measured from the first call");
  await expect(round1.getByRole("alert")).toHaveCount(0);
  await expect(page.getByTestId("retry-timeline")).toContainText("Fix the errors in the strategy");
  await shot(page, "retry-round-error-en");

  await round2.getByLabel("Hours").fill("2");
  await round2.getByLabel("Minutes").fill("0");
  await expect(round2.getByRole("alert")).toHaveCount(0);

  // Friday 9 Oct 2026 17:50 in Shanghai, office hours Mon–Fri: 18:20 is after closing, and Saturday
  // 10 Oct is a make-up workday dialled with the weekday hours, so the retry moves to Saturday 09:00.
  await page.getByLabel("Call-time group").selectOption({ label: "Office hours (example)" });
  await page.getByLabel("First call at").fill("2026-10-09T17:50");
  const retry1 = page.getByTestId("attempt-1");
  await expect(page.getByTestId("attempt-0").getByTestId("attempt-actual")).toHaveText("Fri 9 Oct 17:50");
  await expect(retry1.getByTestId("attempt-actual")).toHaveText("Sat 10 Oct 09:00");
  await expect(retry1.getByTestId("attempt-nominal")).toHaveText("Planned Fri 9 Oct 18:20");
  await expect(retry1.getByTestId("attempt-reason")).toHaveText("Outside the calling window: moved to the next window");
  // Retry 2 falls due before Monday's window too: one call there, not two at the same minute (issue 15 point 8).
  await expect(page.getByTestId("attempt-2").getByTestId("attempt-reason")).toContainText(/Falls due at the same window opening as retry 1/i);

  // The provider panel: Aliyun receives the strategy exactly; NXCloud names what it loses.
  await expect(page.getByTestId("provider-aliyun-vms-value")).toContainText(
    'RetryStrategy = {"retry":2,"strategy":[{"round":1,"time":"0-0-30"},{"round":2,"time":"0-2-0"}]}',
  );
  await expect(page.getByTestId("provider-aliyun-vms-value")).toContainText("RetryStrategyTimeType = 1");
  await expect(page.getByTestId("provider-nxcloud").getByTestId("loss-report-losses")).toBeVisible();
  await shot(page, "retry-builder-en");

  await withAction(page, () => page.getByRole("button", { name: "Create strategy" }).click());
  await expect(page).toHaveURL(/\/retry-strategies\/[^/?]+\?created=1$/);
  await expect(page.getByRole("heading", { name: NAME })).toBeVisible();
  const url = page.url().replace(/\?.*$/, "");

  await page.goto(url);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(NAME);
  await expect(page.getByTestId("round-1").getByLabel("Minutes")).toHaveValue("30");
  await expect(page.getByTestId("round-2").getByLabel("Hours")).toHaveValue("2");
  await expect(page.getByRole("radio", { name: /The first call/ })).toBeChecked();

  // Unsaved changes: leaving through a link asks first; staying keeps the edit.
  await page.getByTestId("round-2").getByLabel("Hours").fill("3");
  await expect(page.getByTestId("unsaved")).toBeVisible();
  await page.getByRole("link", { name: "All retry strategies" }).click();
  const leave = page.getByRole("dialog", { name: "Leave without saving?" });
  await expect(leave).toContainText("retry strategy have not been saved");
  await leave.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(url);
  await expect(page.getByTestId("round-2").getByLabel("Hours")).toHaveValue("3");
  await page.getByTestId("round-2").getByLabel("Hours").fill("2");
  await expect(page.getByTestId("unsaved")).toHaveCount(0);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByLabel("Call-time group").selectOption({ label: "Office hours (example)" });
  await page.getByLabel("First call at").fill("2026-10-09T17:50");
  await expect(page.getByTestId("attempt-1").getByTestId("attempt-actual")).toHaveText("Sat 10 Oct 09:00");
  await shot(page, "retry-builder-en-390");
  await page.setViewportSize({ width: 1280, height: 800 });

  // Duplicate, then delete the copy with a typed confirmation.
  await withAction(page, () => page.getByRole("button", { name: "Duplicate" }).click());
  await expect(page.getByRole("heading", { name: `${NAME} (copy)` })).toBeVisible();
  await expect(page.getByTestId("round-2").getByLabel("Hours")).toHaveValue("2");
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Type the name to confirm").fill(`${NAME} (copy)`);
  await withAction(page, () => dialog.getByRole("button", { name: "Delete" }).click());
  await expect(page).toHaveURL(/\/retry-strategies\?deleted=1$/);
  await expect(page.getByText("Retry strategy deleted.")).toBeVisible();
  await expect(page.getByTestId(`strategy-${NAME}`)).toBeVisible();
  await expect(page.getByTestId(`strategy-${NAME} (copy)`)).toHaveCount(0);
  await shot(page, "retry-list-en");
});

test("the builder and the list in Chinese, on a desktop and a phone", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: baseURL! }]);
  await page.goto("/retry-strategies");
  await expect(page.getByRole("heading", { name: "重试策略" })).toBeVisible();
  await shot(page, "retry-list-zh");
  await page.getByRole("link", { name: `打开: ${NAME}` }).click();
  await expect(page.getByRole("heading", { name: NAME })).toBeVisible();
  await page.getByLabel("呼叫时间组").selectOption({ label: "办公时间（示例）" });
  await page.getByLabel("首次呼叫时间").fill("2026-10-09T17:50");
  await expect(page.getByTestId("attempt-1").getByTestId("attempt-actual")).toHaveText("10月10日 周六 09:00");
  await expect(page.getByTestId("attempt-1").getByTestId("attempt-reason")).toHaveText("不在呼叫时段内：顺延到下一个时段");
  // Before National Day: the retry skips the holiday and names it.
  await page.getByLabel("首次呼叫时间").fill("2026-09-30T17:50");
  await expect(page.getByTestId("attempt-1").getByTestId("attempt-reason")).toHaveText("节假日（国庆节）：顺延到下一个工作时段");
  await expect(page.getByTestId("attempt-1").getByTestId("attempt-actual")).toHaveText("10月8日 周四 09:00");
  await shot(page, "retry-builder-zh");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "retry-builder-zh-390");
});
