import { expect, test } from "@playwright/test";

// The browser tab, bookmarks and home screens get Dialboard's icon, signed in or not (public/).
test("the favicon, the icons and the web manifest are served to anyone", async ({ page, request }) => {
  for (const [path, type] of [
    ["/favicon.ico", /image\/(x-icon|vnd\.microsoft\.icon)/],
    ["/icon.svg", /image\/svg\+xml/],
    ["/apple-touch-icon.png", /image\/png/],
    ["/icon-192.png", /image\/png/],
    ["/site.webmanifest", /application\/(manifest\+)?json/],
  ] as const) {
    const res = await request.get(path, { headers: { cookie: "" } });
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-type"], path).toMatch(type);
  }
  await page.context().clearCookies();
  await page.goto("/login");
  await expect(page.locator('link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/site.webmanifest");
});
