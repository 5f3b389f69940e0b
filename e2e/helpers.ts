import { expect, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";

export const ADMIN = { name: "Li Wei", email: "admin@dialboard.test", password: "correct horse battery" };

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel(/email|邮箱/i).fill(email);
  await page.getByLabel(/password|密码/i).fill(password);
  await Promise.all([page.waitForResponse((r) => r.url().includes("/api/auth/sign-in/email")), page.getByRole("button", { name: /sign in|登录/i }).click()]);
}

/** Screenshots to look at (test-results/screenshots), not compared. */
export async function shot(page: Page, name: string) {
  mkdirSync("test-results/screenshots", { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

export async function expectShell(page: Page) {
  await expect(page.getByTestId("shell-user").first()).toBeVisible();
}

/**
 * The task wizard on the NXCloud demo account, from /tasks/new to its numbers step: the given name, the demo
 * call-time group (its losses confirmed where it has any), the default retry strategy, one concurrent call.
 * `startManually` makes the task wait, pending, until something starts it (NXCloud startupType 1).
 */
export async function nxcloudWizardToNumbers(page: Page, name: string, { startManually = false } = {}) {
  await page.goto("/tasks/new");
  await page.getByRole("radio", { name: /NXCloud demo/ }).check();
  await page.getByTestId("wizard-next").click();
  await page.getByTestId("wizard-next").click();
  await page.getByLabel("Task name *").fill(name);
  await page.getByTestId("wizard-next").click();
  const losses = page.getByTestId("group-loss-report");
  await expect(losses).toBeVisible();
  if (!(await losses.getByTestId("loss-report-exact").isVisible())) {
    await losses.getByRole("checkbox", { name: /I understand these differences/ }).check();
  }
  await page.getByTestId("wizard-next").click();
  await page.getByTestId("wizard-next").click();
  await page.getByLabel(/^Concurrent calls \*$/).fill("1");
  if (startManually) await page.getByLabel(/^Start \*$/).selectOption("1");
  await page.getByTestId("wizard-next").click();
}
