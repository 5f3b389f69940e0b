import { defineConfig, devices } from "@playwright/test";
import os from "node:os";
import path from "node:path";

// End to end in Debian's Chromium (docs/stack.md §8): a real server from `scripts/start.ts` on a fresh data
// directory (SQLite + built-in simulators), one worker, specs run in file order after first-run.
const port = Number(process.env.E2E_PORT ?? 3100);
// Per-run auth state so parallel runs (different E2E_PORT) never share a session.
export const authDir = `test-results/e2e-auth-${port}`;
process.env.E2E_AUTH_DIR = authDir;
const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `dialboard-e2e-${process.pid}`);
process.env.E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  outputDir: `test-results/e2e-${port}`,
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "first-run", testMatch: /first-run\.spec\.ts/, use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } },
    {
      name: "app",
      testIgnore: /first-run\.spec\.ts/,
      dependencies: ["first-run"],
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 }, storageState: `${authDir}/admin.json` },
    },
  ],
  webServer: {
    // react-server: the start script loads lib/server modules, which are server-only (Next sets this itself).
    command: "npx tsx --conditions=react-server scripts/start.ts",
    url: `http://localhost:${port}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      DIALBOARD_DATA_DIR: dataDir,
      SIM_BASE_PORT: String(Number(process.env.E2E_SIM_BASE_PORT ?? 4201)),
      BETTER_AUTH_URL: `http://localhost:${port}`,
      DIALBOARD_SIM_FACTOR: "600",
      NEXT_TELEMETRY_DISABLED: "1",
      ...(process.env.DIALBOARD_DIST_DIR ? { DIALBOARD_DIST_DIR: process.env.DIALBOARD_DIST_DIR } : {}),
    },
  },
});
