// First-load JavaScript per page (issue 14 goal 4: ≤ 180 kB gzip on every page): the production app on a fresh
// data directory, each page opened in a fresh headless Chromium context (empty cache), every script response's
// body counted as served (compressed bytes on the wire). The baseline, measured in the same run, is the login
// page: the framework's runtime plus one small form, what every page pays before its own code. The setup page
// is measured before the first administrator exists (until then /login redirects there), /login after.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import type { Row } from "./support";

const PORT = Number(process.env.BENCH_PORT ?? 3290);
const SIM_BASE = Number(process.env.BENCH_SIM_BASE_PORT ?? 4390);
const BASE = `http://localhost:${PORT}`;
const BUDGET_KB = 180;
const ADMIN = { name: "Bench Admin", email: "bench@dialboard.test", password: "bench-password-2026" };

/** Pages a manager opens; `{task}` is replaced by the first task the mirror lists. */
const PAGES = [
  "/",
  "/tasks",
  "/tasks/new",
  "/tasks/{task}",
  "/tasks/{task}/numbers",
  "/time-groups",
  "/time-groups/new",
  "/time-groups/holidays",
  "/retry-strategies",
  "/retry-strategies/new",
  "/providers",
  "/providers/new",
  "/contacts",
  "/contacts/dnc",
  "/contacts/search",
  "/users",
  "/audit",
];

async function waitForHealth(deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not answer on ${BASE} within ${deadlineMs / 1000} s`);
}

/** Compressed script bytes a fresh browser downloads to show `url` (until the network is idle). */
async function scriptKb(browser: Browser, storageState: Awaited<ReturnType<BrowserContext["storageState"]>> | undefined, url: string): Promise<number> {
  const context = await browser.newContext({ storageState, locale: "en-US" });
  const page = await context.newPage();
  const sizes: Promise<number>[] = [];
  page.on("requestfinished", (request) => {
    if (request.resourceType() === "script") sizes.push(request.sizes().then((s) => s.responseBodySize));
  });
  await page.goto(`${BASE}${url}`, { waitUntil: "networkidle" });
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  await context.close();
  return bytes / 1024;
}

export async function run(): Promise<Row[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "dialboard-bench-js-"));
  const server: ChildProcess = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/start.ts"], {
    env: { ...process.env, PORT: String(PORT), SIM_BASE_PORT: String(SIM_BASE), DIALBOARD_DATA_DIR: dataDir, BETTER_AUTH_URL: BASE, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  try {
    await waitForHealth(600_000);
    const setup = await scriptKb(browser, undefined, "/setup");

    // The first administrator, then a signed-in session every page is opened with.
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto(`${BASE}/setup`);
    await page.getByLabel("Your name").fill(ADMIN.name);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Create administrator" }).click();
    await page.waitForURL(/\/login/);
    const baseline = await scriptKb(browser, undefined, "/login");
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${BASE}/`);
    // The mirror's first sync: a task page to measure.
    await page.goto(`${BASE}/tasks`);
    await page.getByRole("button", { name: "Sync now" }).first().click();
    await page.getByText(/^Synced \d+ tasks/).first().waitFor({ timeout: 120_000 });
    await page.goto(`${BASE}/tasks`);
    const href = await page.locator('a[href^="/tasks/c"]').first().getAttribute("href");
    const state = await context.storageState();
    await context.close();

    const rows: Row[] = [{ name: "baseline: /login (framework + one form)", value: baseline, unit: "kB", note: "gzip as served" }];
    const lines: string[] = [`BENCH first-load-js page=/login kb=${baseline.toFixed(1)} baseline_kb=${baseline.toFixed(1)} budget_kb=${BUDGET_KB}`];
    const row = (shown: string, kb: number) => {
      rows.push({ name: shown, value: kb, unit: "kB", note: `${(kb / baseline).toFixed(2)}× baseline${kb > BUDGET_KB ? `, over the ${BUDGET_KB} kB budget` : ""}` });
      lines.push(`BENCH first-load-js page=${shown} kb=${kb.toFixed(1)} baseline_kb=${baseline.toFixed(1)} budget_kb=${BUDGET_KB}`);
    };
    row("/setup", setup);
    for (const template of PAGES) {
      if (template.includes("{task}") && !href) continue;
      const url = template.replace("/tasks/{task}", href ?? "");
      const kb = await scriptKb(browser, state, url);
      row(template.replace("{task}", "[id]"), kb);
    }
    for (const r of rows) console.log(`${r.name.padEnd(52)} ${r.value.toFixed(1).padStart(14)} ${r.unit.padEnd(8)} ${r.note ?? ""}`);
    for (const line of lines) console.log(line);
    return [];
  } finally {
    await browser.close();
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 1_000));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
