import { expect, test } from "@playwright/test";
import { ADMIN, shot, signIn } from "./helpers";

// A new user on a fresh install: creates the first administrator, signs in, sees the shell in the
// browser's language and switches language. Runs before every other spec (it creates the admin they use).
test.use({ locale: "zh-CN", extraHTTPHeaders: { "accept-language": "zh-CN,zh;q=0.9,en;q=0.5" } });

test("first visit creates the administrator, then the shell follows the browser's language and switches", async ({ page, context }) => {
  // Two more language switches on the setup page than before: on a loaded 2-core machine this runs past 60 s.
  test.setTimeout(120_000);
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "创建第一个管理员" })).toBeVisible();
  await shot(page, "setup-zh");

  // An empty form says what is wrong with the name, and the error follows a language switch.
  await page.getByRole("button", { name: "创建管理员" }).click();
  await expect(page.getByText("请输入姓名（最多 80 个字符）。")).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByText("Enter a name (up to 80 characters).")).toBeVisible();
  await page.getByRole("button", { name: /中文/ }).click();
  await expect(page.getByText("请输入姓名（最多 80 个字符）。")).toBeVisible();

  // A bad email is refused on its field, nothing is created.
  await page.getByLabel("您的姓名").fill(ADMIN.name);
  await page.getByLabel("邮箱").fill("not-an-email");
  await page.getByLabel("密码").fill(ADMIN.password);
  await page.getByRole("button", { name: "创建管理员" }).click();
  await expect(page.getByText("请输入有效的邮箱地址。")).toBeVisible();

  await page.getByLabel("邮箱").fill(ADMIN.email);
  await page.getByRole("button", { name: "创建管理员" }).click();
  await expect(page).toHaveURL(/\/login\?email=/);
  await shot(page, "login-zh");

  // Setup is gone once an administrator exists.
  const again = await page.request.get("/setup");
  expect(again.status()).toBe(404);

  await page.getByLabel("密码").fill(ADMIN.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { name: "概览" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "呼叫时间组" })).toBeVisible();
  await shot(page, "shell-zh");

  // Switch to English; the choice is remembered across a reload.
  await page.getByRole("button", { name: "English" }).first().click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Call-time groups" })).toBeVisible();
  await shot(page, "shell-en");

  await context.storageState({ path: `${process.env.E2E_AUTH_DIR}/admin.json` });
});

test("an English browser sees the login page in English", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] }, locale: "en-US", extraHTTPHeaders: { "accept-language": "en-US,en;q=0.9" } });
  const page = await ctx.newPage();
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in to Dialboard" })).toBeVisible();
  await shot(page, "login-en");
  // A wrong password gets one generic message.
  await signIn(page, ADMIN.email, "wrong password");
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  await signIn(page, "nobody@dialboard.test", "whatever1");
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  await ctx.close();
});

test("the administrator set up via localhost signs in via 127.0.0.1, and a foreign origin is named as such", async ({ browser, baseURL }) => {
  const loopback = baseURL!.replace("localhost", "127.0.0.1");
  const ctx = await browser.newContext({ baseURL: loopback, storageState: { cookies: [], origins: [] }, locale: "en-US", extraHTTPHeaders: { "accept-language": "en-US,en;q=0.9" } });
  // better-auth checks the origin of a request that carries cookies: this user chose English before signing in.
  await ctx.addCookies([{ name: "NEXT_LOCALE", value: "en", url: loopback }]);
  const page = await ctx.newPage();

  // A request whose Origin the server does not trust is refused as such, not as a wrong password.
  // (A browser cannot be made to send another Origin; the request is re-sent from Playwright with one.)
  await page.route("**/api/auth/sign-in/email", async (route) => {
    const response = await route.fetch({ headers: { ...route.request().headers(), origin: "http://dialboard.example" } });
    expect(response.status()).toBe(403);
    await route.fulfill({ response });
  });
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByText(/This page was opened at http:\/\/127\.0\.0\.1:\d+, which Dialboard does not accept/)).toBeVisible();
  await expect(page.getByText("Email or password is incorrect.")).toHaveCount(0);
  await page.unroute("**/api/auth/sign-in/email");

  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  expect(new URL(page.url()).hostname).toBe("127.0.0.1");
  await ctx.close();
});
