import { expect, test } from "@playwright/test";
import { ADMIN, shot, signIn } from "./helpers";

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

test("the add-user form refuses bad values on their fields before sending, and a taken email after", async ({ page }) => {
  const actions: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.headers()["next-action"]) actions.push(r.url());
  });
  await page.goto("/users");
  await page.getByRole("button", { name: /Add user|添加用户/ }).click();
  await page.getByLabel(/^(Email|邮箱)$/).fill("not-an-email");
  await page.getByLabel(/Initial password|初始密码/).fill("short");
  await page.getByRole("button", { name: /^(Create|创建)$/ }).click();
  // The messages of the schema the server action uses, on their fields; nothing was sent.
  await expect(page.getByRole("alert").filter({ hasText: /Enter a name|请输入姓名/ })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: /Enter a valid email address|请输入有效的邮箱地址/ })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: /Use 10 to 128 characters|请使用 10 到 128 个字符/ })).toBeVisible();
  expect(actions).toEqual([]);

  // What only the server knows lands on its field too: a commonly used password (the list is too big for the
  // browser) and a taken email.
  await page.getByLabel(/^(Name|名称)$/).fill("Li Wei again");
  await page.getByLabel(/^(Email|邮箱)$/).fill("li.wei.again@example.com");
  await page.getByLabel(/Initial password|初始密码/).fill("1234567890");
  await page.getByRole("button", { name: /^(Create|创建)$/ }).click();
  await expect(page.getByRole("alert").filter({ hasText: /too common|过于常见/ })).toBeVisible();
  await expect(page.getByLabel(/Initial password|初始密码/)).toHaveAttribute("aria-invalid", "true");
  expect(actions).toHaveLength(1);

  await page.getByLabel(/^(Email|邮箱)$/).fill(ADMIN.email);
  await page.getByLabel(/Initial password|初始密码/).fill("another-pass-1");
  await page.getByRole("button", { name: /^(Create|创建)$/ }).click();
  await expect(page.getByRole("alert").filter({ hasText: /already exists|已被使用/ })).toBeVisible();
  await expect(page.getByLabel(/^(Email|邮箱)$/)).toHaveAttribute("aria-invalid", "true");
  expect(actions).toHaveLength(2);
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
