import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { shot } from "./helpers";

// Issue 3 acceptance: a manager builds a call-time group on the grid and in the list, sees the
// 2026 National Day arrangement in the preview and what each provider would lose, saves it as the
// default, and finds everything again after a reload. Keyboard-only editing and axe on the editor.

const NAME = "Office hours E2E";

async function drag(page: Page, from: [day: number, slot: number], to: [day: number, slot: number]) {
  const grid = page.getByTestId("week-grid");
  const a = grid.locator(`[data-day="${from[0]}"][data-slot="${from[1]}"]`);
  const b = grid.locator(`[data-day="${to[0]}"][data-slot="${to[1]}"]`);
  await a.scrollIntoViewIfNeeded();
  const boxA = (await a.boundingBox())!;
  const boxB = (await b.boundingBox())!;
  await page.mouse.move(boxA.x + boxA.width / 2, boxA.y + boxA.height / 2);
  await page.mouse.down();
  await page.mouse.move(boxB.x + boxB.width / 2, boxB.y + boxB.height / 2, { steps: 8 });
  await page.mouse.up();
}

async function expectDay(page: Page, day: number, ranges: [string, string][]) {
  const row = page.getByTestId(`day-${day}`);
  for (const [i, [start, end]] of ranges.entries()) {
    await expect(row.getByTestId(`day-${day}-start-${i}`)).toHaveValue(start);
    await expect(row.getByTestId(`day-${day}-end-${i}`)).toHaveValue(end);
  }
  await expect(row.getByTestId(`day-${day}-start-${ranges.length}`)).toHaveCount(0);
}

const isUpdate = (page: Page) =>
  page.waitForResponse((r) => r.request().method() === "POST" && Boolean(r.request().headers()["next-action"]) && (r.request().postData() ?? "").includes('"group"'));

test.describe.configure({ mode: "serial" });

test("build a group on the grid and the list, preview National Day, see provider losses, save as default", async ({ page }) => {
  await page.goto("/time-groups");
  await expect(page.getByRole("heading", { name: "Call-time groups" })).toBeVisible();
  // A fresh install has realistic demo groups, one of them the default.
  await expect(page.getByRole("link", { name: "工作日 Weekdays 09:00–12:00, 13:00–18:00" })).toBeVisible();
  await shot(page, "time-groups-list-en-1280");

  await page.goto("/time-groups/new?from=2026-09-28");
  await expect(page.getByRole("heading", { name: "New call-time group" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(NAME);
  await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Shanghai");

  // Mon–Fri 09:00–12:00 in one rectangle, Monday 13:00–18:00, then Monday copied to Tuesday–Friday.
  await drag(page, [1, 18], [5, 23]);
  await drag(page, [1, 26], [1, 35]);
  await expectDay(page, 1, [["09:00", "12:00"], ["13:00", "18:00"]]);
  await expectDay(page, 3, [["09:00", "12:00"]]);
  await page.getByRole("button", { name: "Copy Monday’s hours to" }).click();
  const copy = page.getByRole("dialog", { name: "Copy Monday’s hours to" });
  for (const day of ["Tuesday", "Wednesday", "Thursday", "Friday"]) await copy.getByLabel(day).check();
  await copy.getByRole("button", { name: "Copy", exact: true }).click();
  for (const day of [2, 3, 4, 5]) await expectDay(page, day, [["09:00", "12:00"], ["13:00", "18:00"]]);
  await expectDay(page, 6, []);
  // A Mon–Fri group dials the make-up Saturday 10 Oct like a working day by default, and says so.
  await expect(page.getByLabel("On make-up workdays, dial with")).toHaveValue("");
  await expect(page.getByLabel("On make-up workdays, dial with").locator("option:checked")).toHaveText(/^Working-day hours/);
  await expect(page.getByTestId("preview-2026-10-10")).toHaveAttribute("data-rule", "makeUpWorkday");
  await expect(page.getByTestId("preview-2026-10-10")).toContainText("Make-up workday (National Day): dials with Monday’s hours");
  await expect(page.getByTestId("preview-2026-10-10")).toContainText("09:00–12:00, 13:00–18:00");

  // Dragging from a painted cell erases.
  await drag(page, [3, 20], [3, 21]);
  await expectDay(page, 3, [["09:00", "10:00"], ["11:00", "12:00"], ["13:00", "18:00"]]);
  await page.getByRole("button", { name: "Copy Monday’s hours to" }).click();
  await copy.getByLabel("Wednesday").check();
  await copy.getByRole("button", { name: "Copy", exact: true }).click();
  await expectDay(page, 3, [["09:00", "12:00"], ["13:00", "18:00"]]);

  // Saturday 10:15–11:45, typed with minute precision; the grid shows the cells as partly open.
  await page.getByRole("switch", { name: "Saturday" }).click();
  await page.getByTestId("day-6-start-0").fill("10:15");
  await page.getByTestId("day-6-end-0").fill("11:45");
  await expect(page.getByTestId("week-grid").locator('[data-day="6"][data-slot="20"]')).toHaveAttribute("data-fill", "partial");
  await page.getByTestId("week-grid").locator('[data-day="6"][data-slot="21"]').hover();
  await expect(page.getByTestId("grid-info")).toContainText("Saturday 10:30–11:00 · dials 10:15–11:45");

  // An overlapping range is refused with the message on Saturday, and the group is not saved.
  await page.getByRole("button", { name: "Add a range on Saturday" }).click();
  await page.getByTestId("day-6-start-1").fill("11:00");
  await expect(page.getByTestId("day-6-errors")).toHaveText("Saturday: 10:15–11:45 overlaps 11:00–12:45");
  await expect(page.getByText("Fix the problems above to see what each provider can express.")).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("save-message")).toContainText("Fix the problems shown in red");
  await expect(page).toHaveURL(/\/time-groups\/new/);
  await page.getByRole("button", { name: "Remove Saturday 11:00–12:45" }).click();
  await expect(page.getByTestId("day-6-errors")).toHaveCount(0);

  // Provider panel: NXCloud names the 10:15 and the Saturday difference; Yunfu keeps everything.
  const nxcloud = page.getByTestId("provider-nxcloud");
  await expect(nxcloud).toContainText("10:15");
  await expect(nxcloud).toContainText("Saturday");
  await expect(page.getByTestId("provider-yunfu").getByTestId("loss-report-exact")).toHaveText("Expressed exactly");
  await expect(page.getByTestId("provider-wshoto")).toContainText("Not applicable");

  // Holidays: off, National Day is dialled; on, 1–7 Oct are closed and Sat 10 Oct follows the make-up rule.
  const skip = page.getByRole("switch", { name: /Skip statutory holidays/ });
  await expect(skip).toBeChecked();
  await skip.click();
  await expect(page.getByTestId("preview-2026-10-01")).toHaveAttribute("data-rule", "weekly");
  await skip.click();
  for (let d = 1; d <= 7; d++) {
    const day = page.getByTestId(`preview-2026-10-0${d}`);
    await expect(day).toHaveAttribute("data-rule", "holiday");
    await expect(day).toContainText("Closed");
  }
  await expect(page.getByTestId("preview-2026-10-01")).toContainText("Holiday: National Day");
  const makeUp = page.getByTestId("preview-2026-10-10");
  await expect(makeUp).toHaveAttribute("data-rule", "makeUpWorkday");
  await expect(makeUp).toContainText("Make-up workday (National Day): dials with Saturday’s hours");
  await expect(makeUp).toContainText("10:15–11:45");
  await expect(page.getByTestId("preview-2026-09-28")).toContainText("09:00–12:00, 13:00–18:00");

  await page.getByLabel("Default group for new tasks").check();
  await shot(page, "time-groups-editor-en-1280");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/time-groups\/(?!new)[^/?]+\?from=2026-09-28$/);
  await expect(page.getByRole("heading", { name: NAME })).toBeVisible();

  // Everything is still there after a reload.
  await page.reload();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(NAME);
  for (const day of [1, 2, 3, 4, 5]) await expectDay(page, day, [["09:00", "12:00"], ["13:00", "18:00"]]);
  await expectDay(page, 6, [["10:15", "11:45"]]);
  await expectDay(page, 7, []);
  await expect(page.getByRole("switch", { name: /Skip statutory holidays/ })).toBeChecked();
  await expect(page.getByLabel("Default group for new tasks")).toBeChecked();
  await expect(page.getByTestId("preview-2026-10-03")).toHaveAttribute("data-rule", "holiday");
  await expect(page.getByTestId("preview-2026-10-10")).toContainText("10:15–11:45");

  // axe: no serious or critical violation on the editor.
  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // The list shows it as the only default.
  await page.goto("/time-groups");
  const defaults = page.locator("li", { has: page.getByText("Default", { exact: true }) });
  await expect(defaults).toHaveCount(1);
  await expect(defaults).toContainText(NAME);
  await expect(defaults).toContainText("Mon–Fri 09:00–12:00, 13:00–18:00 · Sat 10:15–11:45");
});

test("keyboard only: paint and erase on the grid, switch a day on, type a time, save with Enter", async ({ page }) => {
  await page.goto("/time-groups");
  await page.getByRole("link", { name: NAME }).click();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(NAME);

  await page.getByLabel("Name", { exact: true }).focus();
  // Name → time zone → zoom 30 → zoom 15 → the grid (the default checkbox is disabled: this group is the default).
  for (let i = 0; i < 4; i++) await page.keyboard.press("Tab");
  await expect(page.locator(":focus")).toHaveAttribute("role", "gridcell");
  for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(page.locator(":focus")).toHaveAttribute("aria-label", "Sunday 10:00–10:30");
  await page.keyboard.press("Space");
  await expectDay(page, 7, [["10:00", "10:30"]]);
  await expect(page.getByTestId("grid-info")).toContainText("dials 10:00–10:30");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Space");
  await expectDay(page, 7, [["10:00", "11:00"]]);
  await page.keyboard.press("Space");
  await expectDay(page, 7, [["10:00", "10:30"]]);
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Space");
  await expectDay(page, 7, []);
  await expect(page.getByTestId("unsaved")).toHaveCount(0);

  // The per-day list: switch Sunday on with Space, then type its end time.
  await page.getByRole("switch", { name: "Sunday" }).focus();
  await page.keyboard.press("Space");
  await expectDay(page, 7, [["09:00", "17:00"]]);
  await page.keyboard.press("Tab");
  await expect(page.locator(":focus")).toHaveAttribute("aria-label", "Sunday: start of range 1");
  await page.keyboard.press("Tab");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("12:30");
  await expect(page.getByTestId("unsaved")).toBeVisible();
  const saved = isUpdate(page);
  await page.keyboard.press("Enter");
  await saved;
  await expect(page.getByTestId("unsaved")).toHaveCount(0);
  await page.reload();
  await expectDay(page, 7, [["09:00", "12:30"]]);

  // Put Sunday back (closed) for the other tests.
  await page.getByRole("switch", { name: "Sunday" }).click();
  const again = isUpdate(page);
  await page.getByRole("button", { name: "Save" }).click();
  await again;
});

test("unsaved changes warn before leaving; duplicate and delete from the list", async ({ page }) => {
  await page.goto("/time-groups");
  await page.getByRole("link", { name: NAME }).click();
  await page.getByLabel("Name", { exact: true }).fill(`${NAME} renamed`);
  await page.getByRole("link", { name: "All groups" }).click();
  const leave = page.getByRole("dialog", { name: "Leave without saving?" });
  await expect(leave).toBeVisible();
  await leave.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(`${NAME} renamed`);
  await page.getByRole("link", { name: "All groups" }).click();
  await leave.getByRole("button", { name: "Leave without saving" }).click();
  await expect(page).toHaveURL(/\/time-groups$/);
  await expect(page.getByRole("link", { name: NAME, exact: true })).toBeVisible();

  const duplicated = page.waitForResponse((r) => r.request().method() === "POST" && Boolean(r.request().headers()["next-action"]));
  await page.getByRole("button", { name: `Duplicate “${NAME}”` }).click();
  await duplicated;
  const copyName = `${NAME} (copy)`;
  await expect(page.getByRole("link", { name: copyName })).toBeVisible();

  await page.getByRole("button", { name: `Delete “${copyName}”` }).click();
  const confirm = page.getByRole("dialog", { name: "Delete call-time group" });
  const deleted = page.waitForResponse((r) => r.request().method() === "POST" && Boolean(r.request().headers()["next-action"]));
  await confirm.getByRole("button", { name: "Delete" }).click();
  await deleted;
  await expect(page.getByRole("link", { name: copyName })).toHaveCount(0);

  // The default cannot be deleted while other groups exist; the message says why.
  await page.getByRole("button", { name: `Delete “${NAME}”` }).click();
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("list-message")).toContainText("make another group the default");
});

/** No horizontal overflow: the element's content fits its box, and the page does not scroll sideways. */
async function expectNoOverflow(page: Page, selector: ReturnType<Page["locator"]>) {
  const widths = await selector.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  const pageOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(pageOverflow).toBeLessThanOrEqual(0);
}

test("a name stops at 80 characters with a counter, a long unbroken name wraps in the header and the list, and a group with no hours asks before saving", async ({ page }) => {
  await page.goto("/time-groups/new");
  const name = page.getByLabel("Name", { exact: true });
  await expect(name).toHaveAccessibleDescription("0 / 80 characters");
  // One unbroken word (a pasted id), typed past the limit: the field keeps 80 and the counter says so.
  await name.pressSequentially("Q".repeat(85));
  const long = "Q".repeat(80);
  await expect(name).toHaveValue(long);
  await expect(name).toHaveAccessibleDescription("80 / 80 characters");

  // No weekday and no date has hours: saving asks first, Cancel saves nothing.
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const ask = page.getByRole("dialog", { name: "Save a group with no hours?" });
  await expect(ask).toContainText("a task using this group never dials");
  await ask.getByRole("button", { name: "Cancel" }).click();
  await expect(ask).toHaveCount(0);
  await expect(page).toHaveURL(/\/time-groups\/new$/);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && Boolean(r.request().headers()["next-action"])),
    ask.getByRole("button", { name: "Save without hours" }).click(),
  ]);
  await expect(page).toHaveURL(/\/time-groups\/(?!new)[^/?]+$/);

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    const heading = page.getByRole("heading", { level: 1, name: long });
    await expect(heading).toBeVisible();
    await expectNoOverflow(page, heading);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/time-groups");
  const link = page.getByRole("link", { name: long, exact: true });
  const item = page.locator("li").filter({ has: link });
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await expect(link).toBeVisible();
    await expectNoOverflow(page, item);
    const [box, itemBox] = [(await link.boundingBox())!, (await item.boundingBox())!];
    expect(box.x + box.width).toBeLessThanOrEqual(itemBox.x + itemBox.width);
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole("button", { name: `Delete “${long}”` }).click();
  const deleted = page.waitForResponse((r) => r.request().method() === "POST" && Boolean(r.request().headers()["next-action"]));
  await page.getByRole("dialog", { name: "Delete call-time group" }).getByRole("button", { name: "Delete" }).click();
  await deleted;
  await expect(link).toHaveCount(0);
});

test("the preview browses by month with the keyboard, loading holiday years on demand: Spring Festival 2026, 2027 unknown", async ({ page, context, baseURL }) => {
  // Opening on January 2027 the page ships only 2027; December 2026 and earlier are loaded when shown.
  await page.goto("/time-groups/new?from=2027-01-04");
  await expect(page.getByTestId("preview-period")).toHaveText("14 days from Jan 4");
  const loaded2026 = page.waitForResponse((r) => r.url().includes("/api/holidays?years=2026") && r.ok());
  const previous = page.getByRole("button", { name: "‹ December 2026" });
  await previous.focus();
  await page.keyboard.press("Enter");
  await loaded2026;
  await expect(page.getByTestId("preview-period")).toHaveText("December 2026");
  for (let i = 0; i < 10; i++) await page.keyboard.press("Enter");
  await expect(page.getByTestId("preview-period")).toHaveText("February 2026");
  await expect(page.getByTestId("preview-2026-02-17")).toHaveAttribute("data-rule", "holiday");
  await expect(page.getByTestId("preview-2026-02-17")).toContainText("Spring Festival");
  await expect(page.getByTestId("preview-2026-02-28")).toHaveAttribute("data-rule", "makeUpWorkday");
  await expect(page.getByTestId("preview-unknown-year")).toHaveCount(0);
  await shot(page, "time-groups-preview-month-en");

  // Back to the opening fortnight, then forward to Spring Festival 2027, which the calendar does not know yet.
  await page.getByRole("button", { name: "Back to the next 14 days" }).click();
  await expect(page.getByTestId("preview-period")).toHaveText("14 days from Jan 4");
  await page.getByRole("button", { name: "February 2027 ›" }).click();
  await expect(page.getByTestId("preview-period")).toHaveText("February 2027");
  await expect(page.getByTestId("preview-2027-02-06")).toHaveAttribute("data-rule", "unknownYear");
  await expect(page.getByTestId("preview-unknown-year")).toContainText("does not know 2027");
  await shot(page, "time-groups-preview-2027-en");

  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: baseURL! }]);
  await page.goto("/time-groups/new?from=2027-01-04");
  await page.getByRole("button", { name: "2027年2月 ›" }).click();
  await expect(page.getByTestId("preview-period")).toHaveText("2027年2月");
  await expect(page.getByTestId("preview-2027-02-06")).toHaveAttribute("data-rule", "unknownYear");
  await shot(page, "time-groups-preview-2027-zh");
  await page.getByRole("button", { name: "回到未来 14 天" }).click();
  await page.getByRole("button", { name: "‹ 2026年12月" }).click();
  await expect(page.getByTestId("preview-period")).toHaveText("2026年12月");
  await shot(page, "time-groups-preview-month-zh");
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
});

test("holiday calendar: unknown year warned, add and remove a day, import 2027", async ({ page }) => {
  await page.goto("/time-groups/new?from=2026-12-25");
  await expect(page.getByTestId("preview-unknown-year")).toContainText("does not know 2027");

  await page.goto("/time-groups/holidays?year=2026");
  await expect(page.getByTestId("holiday-2026-10-01")).toContainText("National Day");
  await expect(page.getByTestId("holiday-2026-10-10")).toContainText("Make-up workday");
  await shot(page, "time-groups-holidays-en-1280");

  await page.getByLabel("Date", { exact: true }).fill("2026-10-12");
  await page.getByLabel("Name", { exact: true }).fill("Company day,公司假日");
  const added = page.waitForResponse((r) => r.request().method() === "POST" && Boolean(r.request().headers()["next-action"]));
  await page.getByRole("button", { name: "Save day" }).click();
  await added;
  await expect(page.getByTestId("holiday-2026-10-12")).toContainText("Company day");

  await page.getByRole("button", { name: "Remove 2026-10-12" }).click();
  const removed = page.waitForResponse((r) => r.request().method() === "POST" && Boolean(r.request().headers()["next-action"]));
  await page.getByRole("dialog", { name: "Remove this day?" }).getByRole("button", { name: "Remove" }).click();
  await removed;
  await expect(page.getByTestId("holiday-2026-10-12")).toHaveCount(0);

  // A broken arrangement is refused with its reason; the example imports 2027.
  await page.getByLabel("Arrangement (JSON)").fill('{"year": 2027, "holidays": [{"name": "X", "from": "2027-02-30", "to": "2027-03-01"}]}');
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("“2027-02-30” is not a date (YYYY-MM-DD)")).toBeVisible();
  await page.getByRole("button", { name: "Fill in an example" }).click();
  const imported = page.waitForResponse((r) => r.request().method() === "POST" && Boolean(r.request().headers()["next-action"]));
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await imported;
  await expect(page).toHaveURL(/year=2027/);
  await expect(page.getByTestId("holiday-2027-02-13")).toContainText("Make-up workday");

  await page.goto("/time-groups/new?from=2026-12-25");
  await expect(page.getByTestId("preview-2027-01-01")).toHaveAttribute("data-rule", "holiday");
  await expect(page.getByTestId("preview-unknown-year")).toHaveCount(0);
});

test("screenshots in both languages at 1280 and 390 px", async ({ page, context, baseURL }) => {
  await page.goto("/time-groups");
  const href = await page.getByRole("link", { name: NAME, exact: true }).getAttribute("href");
  for (const locale of ["en", "zh-CN"] as const) {
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      await page.goto(`${href}?from=2026-09-28`);
      await expect(page.getByTestId("preview-2026-10-10")).toBeVisible();
      await expect(page.getByTestId("provider-yunfu").getByTestId("loss-report-exact")).toBeVisible();
      await shot(page, `time-groups-editor-${locale}-${width}`);
      await page.goto("/time-groups");
      await shot(page, `time-groups-list-${locale}-${width}`);
    }
  }
  await expect(page.getByRole("heading", { name: "呼叫时间组" })).toBeVisible();
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
});
