import { expect, test, type Response } from "@playwright/test";
import { DEMO_CREDENTIALS } from "../simulators/nxcloud/demo";
import { shot } from "./helpers";

const simBase = Number(process.env.E2E_SIM_BASE_PORT ?? 4201);
const nxcloudUrl = `http://127.0.0.1:${simBase + 2}`;
const WRONG = "wrong-secret-0123456789";

test("the demo accounts of the embedded mode are listed, one per provider", async ({ page }) => {
  await page.goto("/providers");
  for (const name of ["云蝠 演示 / Yunfu demo", "阿里云 演示 / Aliyun demo", "牛信 演示 / NXCloud demo", "微盛 演示 / WShoto demo"]) {
    await expect(page.getByTestId(`account-${name}`)).toBeVisible();
  }
  // The NXCloud demo account answers a connection test through its simulator.
  const card = page.getByTestId("account-牛信 演示 / NXCloud demo");
  await card.getByRole("button", { name: /test connection|测试连接/i }).click();
  await expect(card.getByText(/Connection OK|连接成功/)).toBeVisible();
  await shot(page, "providers");
});

test("a wrong NXCloud secret gives a clear error, fixing it connects, and no secret ever reaches the browser", async ({ page }) => {
  const bodies: string[] = [];
  page.on("response", async (r: Response) => {
    try {
      bodies.push(await r.text());
    } catch {
      /* redirects and aborted requests have no body */
    }
  });

  await page.goto("/providers/new?kind=nxcloud");
  // NXCloud reports calls only to the callback URLs sent with the numbers: the form says the webhook URL matters.
  await expect(page.getByTestId("account-hint")).toContainText(/webhook URL|Webhook 地址/);
  await page.getByLabel(/Account name|账号名称/).fill("NXCloud Shenzhen");
  await page.getByLabel(/API base URL|接口地址/).fill(nxcloudUrl);
  await page.getByLabel("UUID").fill(DEMO_CREDENTIALS.uuid);
  await page.getByLabel(/Secret key|密钥/).fill(WRONG);
  await page.getByRole("button", { name: /^(Save|保存)$/ }).click();
  await expect(page.getByText(/Account added|账号已添加/)).toBeVisible();
  await expect(page).toHaveURL(/\/providers\/[a-z0-9]+$/);

  // The simulator listens on loopback: a private address, refused until an administrator allows it.
  await page.getByRole("button", { name: /Test connection|测试连接/ }).click();
  await expect(page.getByRole("alert").filter({ hasText: /private network|内网/i })).toBeVisible();
  await page.getByTestId("private-network").getByRole("button", { name: /Allow private addresses|允许内网地址/ }).click();
  await expect(page.getByTestId("private-network").getByText(/may reach private and loopback|可以访问内网/)).toBeVisible();

  await page.getByRole("button", { name: /Test connection|测试连接/ }).click();
  await expect(page.getByRole("alert").filter({ hasText: /signature|签名/i })).toBeVisible();
  await shot(page, "provider-wrong-secret");

  // The stored secret is shown only as "set"; typing a new one replaces it.
  await expect(page.getByLabel(/Secret key|密钥/)).toHaveValue("");
  await page.getByLabel(/Secret key|密钥/).fill(DEMO_CREDENTIALS.secretKey);
  await page.getByRole("button", { name: /^(Save|保存)$/ }).click();
  await expect(page.getByText(/^(Saved\.|已保存。)$/)).toBeVisible();
  await page.getByRole("button", { name: /Test connection|测试连接/ }).click();
  await expect(page.getByText(/Connection OK|连接成功/)).toBeVisible();

  await page.goto("/providers");
  const card = page.getByTestId("account-NXCloud Shenzhen");
  await expect(card.getByText(/^(OK|正常)$/)).toBeVisible();
  const html = await page.content();
  for (const secret of [WRONG, DEMO_CREDENTIALS.secretKey]) {
    expect(html).not.toContain(secret);
    expect(bodies.some((b) => b.includes(secret))).toBe(false);
  }

  // An edit not yet saved is not lost by a click on a link: the same guard as every editing form.
  await card.getByRole("link", { name: /Edit|编辑/ }).click();
  await page.getByLabel(/Account name|账号名称/).fill("NXCloud Shenzhen 2");
  await page.getByRole("link", { name: /Back to providers|返回服务商/ }).click();
  const leave = page.getByRole("dialog", { name: /Leave without saving\?|不保存就离开？/ });
  await leave.getByRole("button", { name: /^(Cancel|取消)$/ }).click();
  await expect(page.getByLabel(/Account name|账号名称/)).toHaveValue("NXCloud Shenzhen 2");
  await page.getByRole("link", { name: /Back to providers|返回服务商/ }).click();
  await leave.getByRole("button", { name: /Leave without saving|不保存并离开/ }).click();
  await expect(page).toHaveURL(/\/providers$/);
  await expect(card).toBeVisible();

  // Disabled, the account stays listed but is no longer synced (it points at the demo simulator too).
  await card.getByRole("button", { name: /^(Disable|停用)$/ }).click();
  await expect(card.getByText(/^(Disabled|已停用)$/)).toBeVisible();

  // The overview still lists it (its tasks happened), marked so no one reads it as an active account.
  await page.goto("/");
  const rows = page.locator('[data-testid^="provider-row-"]');
  await expect(rows.filter({ hasText: "NXCloud Shenzhen" }).getByTestId("provider-disabled")).toHaveText(/disabled — not synced|已停用——不再同步/);
  await expect(rows.filter({ hasText: "NXCloud Shenzhen" })).toHaveCount(1);
  await expect(rows.filter({ hasNotText: "NXCloud Shenzhen" }).getByTestId("provider-disabled")).toHaveCount(0);
});

test("Yunfu's callback token is marked optional, not required, in both languages", async ({ page, context, baseURL }) => {
  for (const [locale, label, optional] of [
    ["en", /^Callback token/, "Optional"],
    ["zh-CN", /^回调令牌/, "可选"],
  ] as const) {
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    await page.goto("/providers/new?kind=yunfu");
    await expect(page.getByLabel(label)).toHaveAccessibleDescription(optional);
  }
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
});

test("a bad base URL is refused on its field in the browser, by the action's own schema, in the user's language", async ({ page, context, baseURL }) => {
  // Server actions are POSTs carrying a Next-Action header: none may leave for a form the schema refuses.
  const actions: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.headers()["next-action"]) actions.push(r.url());
  });
  await page.goto("/providers/new?kind=yunfu");
  await page.getByLabel(/Account name|账号名称/).fill("Yunfu test");
  await page.getByLabel(/API base URL|接口地址/).fill("ftp:/nowhere");
  await page.getByRole("button", { name: /^(Save|保存)$/ }).click();
  const url = page.getByLabel(/API base URL|接口地址/);
  await expect(page.getByRole("alert").filter({ hasText: /Enter a full URL|请输入以 http/ })).toBeVisible();
  await expect(url).toHaveAttribute("aria-invalid", "true");

  // The same refusal in Chinese, and fixing the value clears it as it is typed.
  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: baseURL! }]);
  // The form holds unsaved values, so the browser asks before reloading: leave.
  const asked = new Promise<string>((resolve) => page.once("dialog", (dialog) => void dialog.accept().then(() => resolve(dialog.type()))));
  await page.reload();
  expect(await asked).toBe("beforeunload");
  await page.getByLabel("账号名称").fill("Yunfu test");
  await page.getByLabel("接口地址").fill("nowhere");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "请输入以 http:// 或 https:// 开头的完整地址。" })).toBeVisible();
  await shot(page, "provider-bad-url-zh");
  await page.getByLabel("接口地址").fill("https://api.example.com");
  await expect(page.getByRole("alert").filter({ hasText: "请输入以 http" })).toHaveCount(0);
  expect(actions).toEqual([]);
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
});

test("NXCloud answers not signed as documented still work, and the account shows a warning until a clean test", async ({ page, request }) => {
  const signing = (answerSigning: "none" | "body") => request.post(`${nxcloudUrl}/__sim/config`, { data: JSON.stringify({ answerSigning }) });
  const card = () => page.getByTestId("account-牛信 演示 / NXCloud demo");
  await signing("none");
  try {
    await page.goto("/providers");
    await card().getByRole("button", { name: /test connection|测试连接/i }).click();
    await expect(card().getByText(/Connection OK|连接成功/)).toBeVisible();
    await page.reload();
    await expect(card().getByTestId("account-warning")).toContainText(/ping/);
    await shot(page, "provider-answer-sign-warning");
  } finally {
    await signing("body");
  }
  await card().getByRole("button", { name: /test connection|测试连接/i }).click();
  await expect(card().getByText(/Connection OK|连接成功/)).toBeVisible();
  await page.reload();
  await expect(card().getByTestId("account-warning")).toHaveCount(0);
});
