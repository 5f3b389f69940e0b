// Every route handler refuses in one shape, the server actions' ActionFailure: { code, message: { en, zh } }.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createAccount } from "@/lib/server/mirror/test-support";
import type { Actor } from "@/lib/server/session";
import { freshDatabase } from "@/lib/server/testing/db";

const viewer: Actor = { id: "u-viewer", email: "viewer@example.com", name: "Viewer", role: "viewer" };
vi.mock("@/lib/server/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/session")>()),
  requireActor: async () => viewer,
}));

const { POST: webhookPOST } = await import("./webhooks/[provider]/[accountId]/route");
const { GET: syncRunGET } = await import("./sync/runs/[runId]/route");
const { GET: statsGET } = await import("./tasks/[id]/stats/route");

const refusalShape = (code: string) => ({ code, message: { en: expect.any(String), zh: expect.any(String) } });

beforeEach(async () => {
  await freshDatabase();
});

describe("route handlers refuse in one shape", () => {
  it("webhooks: unknown account, unverified delivery, body too large", async () => {
    const accountId = await createAccount("nxcloud", "http://127.0.0.1:9", { uuid: "u", secretKey: "s", algorithm: "MD5" });
    const post = (provider: string, id: string, body: string, headers: Record<string, string> = {}) =>
      webhookPOST(new Request(`http://localhost/api/webhooks/${provider}/${id}`, { method: "POST", body, headers }), { params: Promise.resolve({ provider, accountId: id }) });

    const unknown = await post("nxcloud", "missing", "{}");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject(refusalShape("NOT_FOUND"));
    const unsigned = await post("nxcloud", accountId, "{}");
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject(refusalShape("UNAUTHORIZED"));
    const big = "x".repeat(1024 * 1024 + 1);
    const tooLarge = await post("nxcloud", accountId, big, { "content-length": String(big.length) });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject(refusalShape("INVALID"));
  });

  it("sync progress and statistics: an unknown id is NOT_FOUND in both languages", async () => {
    const run = await syncRunGET(new Request("http://localhost/api/sync/runs/nope"), { params: Promise.resolve({ runId: "nope" }) });
    expect(run.status).toBe(404);
    expect(await run.json()).toMatchObject(refusalShape("NOT_FOUND"));
    const stats = await statsGET(new Request("http://localhost/api/tasks/nope/stats"), { params: Promise.resolve({ id: "nope" }) });
    expect(await stats.json()).toMatchObject(refusalShape("NOT_FOUND"));
  });
});
