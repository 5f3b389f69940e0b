import { expect, test, type Page, type Response } from "@playwright/test";
import { DEMO_CREDENTIALS as ALIYUN } from "../simulators/aliyun-vms/demo";
import { DEMO_CREDENTIALS as NXCLOUD } from "../simulators/nxcloud/demo";
import { DEMO_CREDENTIALS as WSHOTO } from "../simulators/wshoto/demo";
import { DEMO_CREDENTIALS as YUNFU } from "../simulators/yunfu/demo";
import Database from "better-sqlite3";
import path from "node:path";
import { nxcloudSignedHeaders } from "../lib/providers/nxcloud/sign";
import { signIn } from "./helpers";

// Issue 12 end to end: what a viewer's browser receives holds no credential of the four demo accounts; pages
// carry a nonce-based CSP; a viewer's oversized request to a read-only action is refused while the server
// keeps answering.

const VIEWER = { name: "Zhao Lei", email: "zhao.lei@dialboard.test", password: "viewer-pass-9" };
const SECRETS = [YUNFU, ALIYUN, NXCLOUD, WSHOTO].flatMap((c) => Object.entries(c).filter(([key]) => key !== "algorithm").map(([, v]) => v));

async function newViewer(page: Page) {
  await page.goto("/users");
  await page.getByRole("button", { name: /Add user|添加用户/ }).click();
  await page.getByLabel(/^(Name|名称)$/).fill(VIEWER.name);
  await page.getByLabel(/^(Email|邮箱)$/).fill(VIEWER.email);
  await page.getByLabel(/Initial password|初始密码/).fill(VIEWER.password);
  await page.getByRole("button", { name: /^(Create|创建)$/ }).click();
  await expect(page.getByTestId(`user-row-${VIEWER.email}`)).toBeVisible();
}

test("a viewer's pages and RSC payloads carry none of the demo accounts' credentials or tokens", async ({ page, browser }) => {
  await newViewer(page);
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const viewer = await ctx.newPage();
  const bodies: string[] = [];
  viewer.on("response", async (r: Response) => {
    try {
      bodies.push(await r.text());
    } catch {
      /* redirects have no body */
    }
  });
  await signIn(viewer, VIEWER.email, VIEWER.password);
  await expect(viewer.getByTestId("shell-user").first()).toBeVisible();

  const pages = ["/", "/providers", "/tasks", "/time-groups", "/retry-strategies", "/time-groups/holidays", "/audit"];
  for (const path of pages) {
    await viewer.goto(path);
    bodies.push(await viewer.content());
    // The flight (RSC) payload of the same page, as a client navigation fetches it.
    const flight = await viewer.request.get(path, { headers: { RSC: "1" } });
    bodies.push(await flight.text());
  }
  // A task page too (its raw provider record and account), for each provider with a task.
  await viewer.goto("/tasks");
  const taskLinks = await viewer.getByTestId("task-row").locator("a[href^='/tasks/']").evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute("href")!))].slice(0, 8));
  for (const href of taskLinks) {
    await viewer.goto(href);
    bodies.push(await viewer.content());
    bodies.push(await (await viewer.request.get(href, { headers: { RSC: "1" } })).text());
  }

  expect(bodies.length).toBeGreaterThan(pages.length * 2);
  for (const secret of SECRETS) {
    expect(bodies.filter((b) => b.includes(secret)).length, `a viewer received ${secret.slice(0, 6)}…`).toBe(0);
  }
  await ctx.close();
});

test("pages carry a nonce-based Content-Security-Policy that forbids framing, and the app still runs under it", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto("/time-groups");
  const headers = res!.headers();
  const csp = headers["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  // Next's own scripts carry the nonce of their response (read from the HTML: browsers hide a nonce from the
  // DOM); a second request gets another one.
  const again = await page.request.get("/time-groups");
  const againCsp = again.headers()["content-security-policy"];
  expect(againCsp).not.toBe(csp);
  const nonce = /'nonce-([^']+)'/.exec(againCsp)![1];
  const html = await again.text();
  expect(html.split(`nonce="${nonce}"`).length - 1).toBeGreaterThan(0);
  expect(html).not.toContain(/'nonce-([^']+)'/.exec(csp)![1]);
  // The page is interactive (hydrated) under the policy, and nothing was blocked.
  await page.getByRole("link", { name: /New group|新建/ }).first().click();
  await expect(page).toHaveURL(/\/time-groups\/new$/);
  expect(violations).toEqual([]);
});

test("a viewer's 20 000 ranges to the encode action are refused while /api/health keeps answering", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const viewer = await ctx.newPage();
  await signIn(viewer, VIEWER.email, VIEWER.password);
  await expect(viewer.getByTestId("shell-user").first()).toBeVisible();

  // The group editor asks the read-only encode action for the provider panel: catch that request to reuse
  // its action id, as anyone with a browser could.
  const encode = viewer.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await viewer.goto("/time-groups");
  await viewer.locator('[data-testid^="group-"] a[href^="/time-groups/"]').first().click();
  const request = await encode;
  const [group] = JSON.parse(request.postData()!) as [Record<string, unknown>];
  const ranges = Array.from({ length: 20_000 }, (_, i) => ({ start: i % 1000, end: (i % 1000) + 100 }));
  const body = JSON.stringify([{ ...group, weekly: { ...(group.weekly as object), 1: ranges } }]);

  const attack = viewer.request.post(request.url(), {
    headers: { "next-action": request.headers()["next-action"], "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    data: body,
  });
  // A bounded probe: 20 health checks, 4 at a time, while the request is being handled.
  const probes: number[] = [];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let i = 0; i < 5; i++) probes.push((await viewer.request.get("/api/health", { timeout: 10_000 })).status());
    }),
  );
  const answer = await attack;
  expect(probes).toEqual(Array(20).fill(200));
  expect(answer.status()).toBe(200);
  const text = await answer.text();
  // Refused (validation errors, no encodings), with a small answer.
  expect(text).toContain("validationErrors");
  expect(text.length).toBeLessThan(2_000);
  await ctx.close();
});

test("a signed webhook that does not parse is kept, listed on the Providers page and can be read again", async ({ page }) => {
  const db = new Database(path.join(process.env.E2E_DATA_DIR ?? "", "dialboard.db"), { readonly: true, fileMustExist: true });
  const account = db.prepare(`SELECT id, name FROM ProviderAccount WHERE kind = 'nxcloud' AND isDemo = 1`).get() as { id: string; name: string };
  db.close();
  const body = '{"callbackType": 2, "callInfoDetail": {"callID": ["not", "a", "string"]}}';
  const h = nxcloudSignedHeaders({ uuid: NXCLOUD.uuid, secretKey: NXCLOUD.secretKey, algorithm: "MD5", body, now: new Date() });
  const headers = { "content-type": "application/json", requestID: h.requestID, uuid: h.uuid, createTs: h.createTs, sign: h.sign };
  const res = await page.request.post(`/api/webhooks/nxcloud/${account.id}`, { data: Buffer.from(body), headers });
  expect(res.status()).toBe(400);
  expect(await res.json()).toMatchObject({ kept: true });
  // The same request again: a sender retrying, kept once.
  expect((await page.request.post(`/api/webhooks/nxcloud/${account.id}`, { data: Buffer.from(body), headers })).status()).toBe(400);

  await page.goto("/providers");
  const section = page.getByTestId(`unread-webhooks-${account.id}`);
  await expect(section).toBeVisible();
  await expect(section.getByRole("cell", { name: /callInfoDetail|orderID/ }).first()).toBeVisible();
  await section.getByRole("button", { name: /Read again|重新读取/ }).click();
  await expect(section.getByText(/None could be read yet|已读取 0 个请求/)).toBeVisible();
});

test("before the page has loaded its scripts, the sign-in form cannot send the password in the address", async ({ browser }) => {
  // A browser without JavaScript stands for a page still loading on a slow link: what the server sent is all there is.
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] }, javaScriptEnabled: false, locale: "en-US" });
  const page = await ctx.newPage();
  await page.goto("/login?email=admin%40dialboard.test");
  await expect(page.locator("form")).toHaveAttribute("method", "post");
  await page.getByLabel(/password|密码/i).fill("not-in-the-address");
  await expect(page.getByRole("button", { name: /sign in|登录/i })).toBeDisabled();
  await page.getByLabel(/password|密码/i).press("Enter");
  expect(page.url()).not.toContain("not-in-the-address");
  await ctx.close();
});
