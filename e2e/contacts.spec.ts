import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { shot, signIn } from "./helpers";

// Issue 13: a 50,000-row list uploaded, mapped and imported with live progress, the problems file downloaded;
// do-not-call add and remove; a viewer sees numbers masked in the page, its RSC payload and the CSV exports.

const VIEWER = { name: "Zhao Min", email: "zhao.min@dialboard.test", password: "viewer-pass-13" };
const ROWS = 50_000;

async function english(context: BrowserContext, page: Page) {
  const host = new URL(page.url().startsWith("http") ? page.url() : `http://localhost:${process.env.E2E_PORT ?? 3100}`).hostname;
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", domain: host, path: "/" }]);
}

/** 50,000 rows: every 20th number invalid, every 20th (offset 10) a duplicate of the row before it. */
function writeList(file: string): { invalid: number; duplicates: number; expected: number; firstNumber: string } {
  const lines = ["手机,姓名,金额"];
  let invalid = 0;
  let duplicates = 0;
  const mobile = (i: number) => `139${String(i).padStart(8, "0")}`;
  for (let i = 1; i <= ROWS; i++) {
    if (i % 20 === 0) {
      lines.push(`12-${i}x,bad ${i},1`);
      invalid++;
    } else if (i % 20 === 10) {
      lines.push(`${mobile(i - 1)},again ${i},1`);
      duplicates++;
    } else lines.push(`${mobile(i)},客户${i},${i % 100}`);
  }
  writeFileSync(file, lines.join("\n") + "\n");
  return { invalid, duplicates, expected: ROWS - invalid - duplicates, firstNumber: mobile(1) };
}

const WHOLE_NUMBER = /1[3-9]\d{9}/;

test("a 50,000-row list imports with live progress, its problems file downloads, DNC adds and removes, and a viewer sees numbers masked everywhere", async ({ page, context, browser }) => {
  test.setTimeout(240_000);
  await page.goto("/");
  await english(context, page);
  const dir = mkdtempSync(path.join(os.tmpdir(), "e2e-contacts-"));
  const file = path.join(dir, "spring-list.csv");
  const gen = writeList(file);

  // Create a list and upload the file.
  await page.goto("/contacts");
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Numbers" }).waitFor();
  await page.getByLabel("New list name").fill("Spring list");
  await page.getByRole("button", { name: "Create list" }).click();
  await expect(page).toHaveURL(/\/contacts\/[^/]+$/);
  const listUrl = page.url();
  const [upload] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/contacts/uploads") && r.request().method() === "POST"),
    page.getByLabel("Choose a CSV or Excel file").setInputFiles(file),
  ]);
  expect(upload.status()).toBe(200);

  // The mapping step guessed the columns from the header.
  const mapping = page.getByTestId("column-mapping");
  await expect(mapping).toBeVisible();
  await expect(page.getByTestId("column-0")).toHaveValue("phone");
  await expect(page.getByTestId("column-1")).toHaveValue("name");
  await page.getByTestId("column-2").selectOption("variable");
  await shot(page, "contacts-mapping-en-1280");
  await page.getByRole("button", { name: "Start import" }).click();

  // Progress reaches the end.
  const progress = page.getByTestId("job-progress");
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("data-state", "done", { timeout: 180_000 });
  await expect(page.getByTestId("job-percent")).toHaveText("100% done");
  await expect(progress).toContainText(`${ROWS} rows read · ${gen.expected} stored · ${gen.invalid + gen.duplicates} problems`);
  await expect(page.getByTestId("job-reasons")).toContainText(`Not a valid number: ${gen.invalid}`);
  await expect(page.getByTestId("job-reasons")).toContainText(`Duplicate: ${gen.duplicates}`);
  await shot(page, "contacts-import-done-en-1280");

  // The problems file: one row per problem, with its reason in the reader's language.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("job-problems-download").click()]);
  const problems = readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(problems[0]).toBe("row,number,reason_code,reason,row_as_read");
  expect(problems).toHaveLength(1 + gen.invalid + gen.duplicates);
  expect(problems[1]).toMatch(/^11,13900000009,duplicate,Duplicate of row 10,/);
  expect(problems.filter((l) => l.includes(",invalid-phone,"))).toHaveLength(gen.invalid);

  // Do-not-call: add one number with a reason, see it listed, remove it.
  await page.goto("/contacts/dnc");
  await page.getByLabel("Number", { exact: true }).fill("139 0000 0001");
  await page.getByLabel("Reason", { exact: true }).fill("Asked not to be called");
  await page.getByRole("button", { name: "Add to do-not-call" }).click();
  await expect(page.getByTestId("dnc-stops")).toContainText("Added.");
  const row = page.getByTestId("dnc-row").filter({ hasText: "13900000001" });
  await expect(row).toContainText("Asked not to be called");
  await shot(page, "contacts-dnc-en-1280");
  await row.getByRole("button", { name: "Remove 13900000001 from do-not-call" }).click();
  await expect(row).toHaveCount(0);

  // A viewer, created by the admin.
  await page.goto("/users");
  await page.getByRole("button", { name: "Add user" }).click();
  await page.getByLabel(/^Name$/).fill(VIEWER.name);
  await page.getByLabel(/^Email$/).fill(VIEWER.email);
  await page.getByLabel(/Initial password/).fill(VIEWER.password);
  await page.getByLabel(/^Role$/).selectOption("viewer");
  await page.getByRole("button", { name: /^Create$/ }).click();
  await expect(page.getByTestId(`user-row-${VIEWER.email}`)).toBeVisible();

  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const viewer = await ctx.newPage();
  await viewer.goto("/login");
  await english(ctx, viewer);
  await signIn(viewer, VIEWER.email, VIEWER.password);
  await expect(viewer.getByTestId("shell-user").first()).toBeVisible();

  // The page: numbers masked, no import form.
  await viewer.goto(listUrl);
  await expect(viewer.getByTestId("contact-phone").first()).toHaveText("139****0001");
  await expect(viewer.getByTestId("import-wizard")).toHaveCount(0);
  expect(await viewer.content()).not.toMatch(WHOLE_NUMBER);
  // The RSC payload of the same page (what a client-side navigation fetches).
  const rsc = await viewer.request.get(listUrl, { headers: { RSC: "1" } });
  expect(rsc.status()).toBe(200);
  const flight = await rsc.text();
  expect(flight).toContain("139****0001");
  expect(flight).not.toMatch(WHOLE_NUMBER);
  // The exports.
  const jobHref = await viewer.getByRole("link", { name: "Download the problems file (CSV)" }).first().getAttribute("href");
  const csv = await (await viewer.request.get(jobHref!)).text();
  expect(csv).toContain("139****0009");
  expect(csv).not.toMatch(WHOLE_NUMBER);
  // Number search keeps the number masked, even the one typed: the address holds an opaque reference.
  await viewer.goto("/contacts/search");
  await viewer.getByLabel("Phone number").fill(gen.firstNumber);
  await viewer.getByRole("button", { name: "Find" }).click();
  await expect(viewer.getByTestId("story-phone")).toHaveText("139****0001");
  expect(viewer.url()).not.toContain(gen.firstNumber);
  const searchRsc = await (await viewer.request.get(viewer.url(), { headers: { RSC: "1" } })).text();
  expect(searchRsc).not.toMatch(WHOLE_NUMBER);
  await shot(viewer, "contacts-viewer-masked-en-1280");
  await ctx.close();
});

test("a list's name shows its length against the 100-character limit, and a long unbroken name wraps in the lists and on the list's page", async ({ page, context }) => {
  await page.goto("/");
  await english(context, page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/contacts");
  const name = page.getByLabel("New list name");
  await expect(page.getByTestId("list-name-count")).toHaveText("0 / 100 characters");
  await name.fill(LONG_NAME);
  await expect(name).toHaveValue(LONG_NAME.slice(0, 100));
  await expect(page.getByTestId("list-name-count")).toHaveText("100 / 100 characters");
  await page.getByRole("button", { name: "Create list" }).click();
  await expect(page).toHaveURL(/\/contacts\/[^/]+$/);
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(LONG_NAME.slice(0, 100));
  await expectNoSidewaysScroll(page);
  await page.goto("/contacts");
  await expect(page.getByTestId("contact-lists").getByRole("link", { name: /^CampaignExport2026/ }).first()).toBeVisible();
  await expectNoSidewaysScroll(page);
  await shot(page, "contacts-long-name-en-390");
});

/** 108 characters without a space or hyphen to break at: the field keeps 100. */
const LONG_NAME = "CampaignExport2026".repeat(6);

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}
