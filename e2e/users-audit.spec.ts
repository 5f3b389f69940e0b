import { expect, test } from "@playwright/test";
import { shot, signIn } from "./helpers";

test("an admin adds a user, changes the role and deactivates them; each step shows on the audit page", async ({ page, browser }) => {
  await page.goto("/users");
  await page.getByRole("button", { name: /Add user|添加用户/ }).click();
  await page.getByLabel(/^(Name|名称)$/).fill("Zhang Min");
  await page.getByLabel(/^(Email|邮箱)$/).fill("zhang.min@dialboard.test");
  await page.getByLabel(/Initial password|初始密码/).fill("viewer-pass-1");
  await page.getByRole("button", { name: /^(Create|创建)$/ }).click();
  const row = page.getByTestId("user-row-zhang.min@dialboard.test");
  await expect(row).toBeVisible();

  // The new viewer can sign in and sees no Users page.
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const viewer = await ctx.newPage();
  await signIn(viewer, "zhang.min@dialboard.test", "viewer-pass-1");
  await expect(viewer.getByTestId("shell-user").first()).toBeVisible();
  await expect(viewer.getByRole("link", { name: /^(Users|用户)$/ })).toHaveCount(0);
  await viewer.goto("/users");
  await expect(viewer).toHaveURL(/denied=1/);
  // Not a silent redirect: the overview says which role the page needs and which one the user has.
  await expect(viewer.getByTestId("denied")).toContainText(/(That page is for the Administrator role; you are signed in as Viewer|该页面需要「管理员」角色，您当前的角色是「只读成员」)/);

  await row.getByRole("combobox").selectOption("manager");
  await expect(page.getByText(/Role updated|角色已更新/)).toBeVisible();

  await row.getByRole("button", { name: /Deactivate|停用/ }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("zhang.min@dialboard.test");
  await dialog.getByRole("button", { name: /Deactivate|停用/ }).click();
  await expect(row.getByText(/Deactivated|已停用/)).toBeVisible();

  // Deactivation ends the user's session at once.
  await viewer.goto("/");
  await expect(viewer).toHaveURL(/\/login/);
  await ctx.close();

  await page.goto("/audit");
  const rows = page.getByTestId("audit-rows");
  await expect(rows).toContainText("user.create");
  await expect(rows).toContainText("user.role");
  await expect(rows).toContainText("role: viewer → manager");
  await expect(rows).toContainText("user.deactivate");
  await shot(page, "audit");

  // Filters: by action, and a date range with nothing in it.
  await page.getByLabel(/^(Action|操作)$/).selectOption("user.role");
  await page.getByRole("button", { name: /^(Filter|筛选)$/ }).click();
  await expect(page).toHaveURL(/action=user\.role/);
  await expect(rows.locator("tr")).toHaveCount(1);
  await page.goto("/audit?to=2020-01-01");
  await expect(page.getByText(/No audit entries match|没有符合筛选条件/)).toBeVisible();
});

test("the shell works on a 390 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/audit");
  await expect(page.getByRole("navigation", { name: /Main navigation|主导航/ })).toBeHidden();
  await page.getByRole("button", { name: /^(Menu|菜单)$/ }).click();
  const nav = page.getByRole("navigation", { name: /Main navigation|主导航/ });
  await expect(nav).toBeVisible();
  await shot(page, "shell-phone");
  await nav.getByRole("link", { name: /Providers|服务商/ }).click();
  await expect(page).toHaveURL(/\/providers$/);
  await expect(nav).toBeHidden();
});
