import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { shot, signIn } from "./helpers";

// A viewer reads everything and changes nothing: the admin creates one through the Users page, then in
// its own browser context the viewer walks every editable page and finds no enabled control that writes.

const VIEWER = { name: "Wang Fang", email: "wang.fang@dialboard.test", password: "viewer-pass-2" };

async function english(context: BrowserContext, page: Page) {
  const host = new URL(page.url().startsWith("http") ? page.url() : `http://localhost:${process.env.E2E_PORT ?? 3100}`).hostname;
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", domain: host, path: "/" }]);
}

test("a viewer is read only on every page", async ({ page, context, browser }) => {
  await page.goto("/tasks");
  await english(context, page);

  // The admin brings the demo tasks in, so the viewer has tasks to look at.
  await page.goto("/tasks");
  await page.getByRole("button", { name: "Sync now" }).first().click();
  await expect(page.getByText(/^Synced \d+ tasks/).first()).toBeVisible({ timeout: 60_000 });

  // The admin creates the viewer through the Users page.
  await page.goto("/users");
  await page.getByRole("button", { name: "Add user" }).click();
  await page.getByLabel(/^Name$/).fill(VIEWER.name);
  await page.getByLabel(/^Email$/).fill(VIEWER.email);
  await page.getByLabel(/Initial password/).fill(VIEWER.password);
  await page.getByLabel(/^Role$/).selectOption("viewer");
  await page.getByRole("button", { name: /^Create$/ }).click();
  const row = page.getByTestId(`user-row-${VIEWER.email}`);
  await expect(row).toBeVisible();
  await expect(row.getByRole("combobox")).toHaveValue("viewer");

  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const viewer = await ctx.newPage();
  await viewer.goto("/login");
  await english(ctx, viewer);
  await signIn(viewer, VIEWER.email, VIEWER.password);
  await expect(viewer.getByTestId("shell-user").first()).toBeVisible();
  const readOnlyNotice = viewer.getByText("Your role can view this page but not change it.");

  // Call-time group: the editor opens with every input disabled and no Save.
  await viewer.goto("/time-groups");
  await expect(viewer.getByRole("link", { name: "New group" })).toHaveCount(0);
  await viewer.locator('[data-testid^="group-"] a[href^="/time-groups/"]').first().click();
  await expect(viewer).toHaveURL(/\/time-groups\/[^/]+$/);
  await expect(readOnlyNotice).toBeVisible();
  await expect(viewer.getByLabel("Name", { exact: true })).toBeDisabled();
  await expect(viewer.getByRole("button", { name: /^(Save|Saving…)$/ })).toHaveCount(0);
  const enabledInputs = await viewer.locator("main input:enabled, main select:enabled, main textarea:enabled").count();
  expect(enabledInputs).toBe(0);
  await shot(viewer, "viewer-time-group-en-1280");

  // Retry strategy: the same.
  await viewer.goto("/retry-strategies");
  await expect(viewer.getByRole("link", { name: "New retry strategy" })).toHaveCount(0);
  await viewer.getByRole("link", { name: /^View: / }).first().click();
  await expect(viewer).toHaveURL(/\/retry-strategies\/[^/]+$/);
  await expect(readOnlyNotice).toBeVisible();
  await expect(viewer.getByLabel("Name", { exact: true })).toBeDisabled();
  await expect(viewer.getByRole("button", { name: /^(Save changes|Create|Duplicate|Delete)$/ })).toHaveCount(0);
  // The preview beside the form stays usable (it changes nothing); the form itself is all disabled.
  const strategyForm = viewer.locator("main form");
  await expect(strategyForm.getByRole("button", { name: "Add a retry" })).toBeDisabled();
  expect(await strategyForm.locator("input:enabled, select:enabled, textarea:enabled, button:enabled").count()).toBe(0);
  await shot(viewer, "viewer-retry-strategy-en-1280");

  // Providers: no adding, testing, editing or disabling accounts.
  await viewer.goto("/providers");
  await expect(viewer.getByRole("heading", { name: "Providers", exact: true })).toBeVisible();
  await expect(viewer.getByRole("link", { name: "Add account" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Test connection" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /^(Disable|Enable)$/ })).toHaveCount(0);
  await viewer.goto("/providers/new");
  await expect(viewer).toHaveURL(/denied=1/);

  // Tasks: no new task, no sync, no bulk start or pause, nothing to select.
  await viewer.goto("/tasks");
  await expect(viewer.getByTestId("task-row").first()).toBeVisible();
  await expect(viewer.getByRole("link", { name: "New task" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Sync now" })).toHaveCount(0);
  await expect(viewer.getByTestId("bulk-bar")).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /^(Start|Pause) selected$/ })).toHaveCount(0);
  await expect(viewer.getByTestId("task-row").getByRole("checkbox")).toHaveCount(0);
  await shot(viewer, "viewer-tasks-en-1280");

  // A task's page: no enabled control that starts, pauses, completes or deletes; no settings or numbers forms.
  await viewer.goto("/tasks?provider=nxcloud");
  await viewer.getByTestId("task-row").first().getByRole("link").first().click();
  await expect(viewer.getByTestId("remote-id")).toBeVisible();
  await expect(viewer.getByText("Your role can view this task but not change it.")).toBeVisible();
  await expect(viewer.getByRole("button", { name: /^(Start|Pause|Complete|Delete)$/ }).and(viewer.locator(":enabled"))).toHaveCount(0);
  await expect(viewer.getByTestId("task-settings-form")).toHaveCount(0);
  await expect(viewer.getByTestId("add-numbers")).toHaveCount(0);
  await shot(viewer, "viewer-task-en-1280");

  // Pages that only write are refused.
  await viewer.goto("/tasks/new");
  await expect(viewer).toHaveURL(/denied=1/);
  await viewer.goto("/time-groups/new");
  await expect(viewer).toHaveURL(/denied=1/);
  await viewer.goto("/retry-strategies/new");
  await expect(viewer).toHaveURL(/denied=1/);
  await viewer.goto("/users");
  await expect(viewer).toHaveURL(/denied=1/);
  await ctx.close();
});
