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
  // Each provider says how it really spaces the redials of this strategy, and what it does with retry 2 there.
  await expect(page.getByTestId("provider-nxcloud-spacing")).toContainText("NXCloud redials an unanswered number once (roundRedial on)");
  await expect(page.getByTestId("provider-nxcloud-spacing")).toContainText("Retry 2 falls due at one window opening here, but NXCloud never dials it");
  await expect(page.getByTestId("provider-aliyun-vms-spacing")).toContainText("retry 1 after 30 min (“0-0-30”), retry 2 after 2 h (“0-2-0”), each measured from the first call");
  await expect(page.getByTestId("provider-aliyun-vms-spacing")).toContainText(
    "Retry 2 falls due at the same window opening as the call before here: whether Alibaba Cloud then dials it back to back, spaces it or skips it is not documented.",
  );
  await expect(page.getByTestId("provider-yunfu-spacing")).toContainText("Yunfu redials up to 2 times (redial_max_times 2), 30 minutes after the call before");
  await expect(page.getByTestId("provider-yunfu-spacing")).toContainText("whether Yunfu then dials it back to back or keeps 30 minutes between calls is not documented");
  await expect(page.getByTestId("provider-wshoto-spacing")).toHaveText(/WShoto dials nobody/);
  await shot(page, "retry-spacing-collapsed-en");
  // A first call whose retries all fall inside the hours: nothing collapses, and no provider speaks of it.
  await page.getByLabel("First call at").fill("2026-10-08T09:30");
  await expect(page.getByTestId("attempt-2").getByTestId("attempt-reason")).not.toContainText(/same window opening/);
  for (const kind of ["nxcloud", "aliyun-vms", "yunfu"]) {
    await expect(page.getByTestId(`provider-${kind}-spacing`)).not.toContainText("window opening");
  }
  await expect(page.getByTestId("provider-nxcloud-spacing")).toContainText("Retry 2 is never dialled.");
  await page.getByLabel("First call at").fill("2026-10-09T17:50");
  await expect(page.getByTestId("provider-aliyun-vms-spacing")).toContainText("Retry 2 falls due at the same window opening");

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
  // How each provider really spaces the redials, in Chinese; retry 2 collapses into retry 1 at Saturday 09:00.
  await expect(page.getByTestId("provider-nxcloud-spacing")).toContainText("牛信云对未接通的号码在本轮内重拨一次");
  await expect(page.getByTestId("provider-aliyun-vms-spacing")).toContainText("此处第 2 次重试与前一次呼叫落在同一个时段开始时刻：阿里云会连续拨打、拉开间隔还是跳过，没有文档说明。");
  await expect(page.getByTestId("provider-yunfu-spacing")).toContainText("云蝠最多重拨 2 次");
  await expect(page.getByTestId("provider-wshoto-spacing")).toContainText("微盛不拨打电话");
  await shot(page, "retry-spacing-collapsed-zh");
  // Before National Day: the retry skips the holiday and names it.
  await page.getByLabel("首次呼叫时间").fill("2026-09-30T17:50");
  await expect(page.getByTestId("attempt-1").getByTestId("attempt-reason")).toHaveText("节假日（国庆节）：顺延到下一个工作时段");
  await expect(page.getByTestId("attempt-1").getByTestId("attempt-actual")).toHaveText("10月8日 周四 09:00");
  await shot(page, "retry-builder-zh");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "retry-builder-zh-390");
});
