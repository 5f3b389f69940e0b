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
