import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cnCalendarFromPackage } from "@/lib/domain/holidays";
import { createNxcloudSimulator } from "@/simulators/nxcloud/server";
import { DEMO_CREDENTIALS } from "@/simulators/nxcloud/demo";
import { flushAudit } from "../audit";
import { getDb } from "../db";
import { freshDatabase } from "../testing/db";
import { listAudit } from "./audit-log";
import { createAccount, getAccount, listAccounts, providerContextFor, testConnection, updateAccount } from "./provider-accounts";

async function answerSigning(mode: "body" | "none") {
  const res = await fetch(`${url}/__sim/config`, { method: "POST", body: JSON.stringify({ answerSigning: mode }) });
  expect(res.ok).toBe(true);
}

const actor = { id: null, email: "manager@example.com" };
const sim = createNxcloudSimulator({ port: 0, credentials: DEMO_CREDENTIALS, calendar: cnCalendarFromPackage() });
let url = "";

beforeAll(async () => {
  url = await sim.start();
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(async () => {
  await freshDatabase();
});

const input = (secretKey: string) => ({
  kind: "nxcloud" as const,
  name: "NX main",
  baseUrl: url,
  credentials: { uuid: DEMO_CREDENTIALS.uuid, secretKey, algorithm: "MD5" },
  settings: { sceneID: "scene-1", routeID: "" },
  enabled: true,
});

describe("provider accounts", () => {
  it("encrypts credentials at rest and never returns a secret to a page", async () => {
    const { id } = await createAccount({ actor, data: input("wrong-secret-value") });
    const row = await getDb().providerAccount.findUniqueOrThrow({ where: { id } });
    expect(row.credentialsEnc).not.toContain("wrong-secret-value");
    expect(row.credentialsEnc).not.toContain(DEMO_CREDENTIALS.uuid);
    const view = await getAccount(id);
    expect(JSON.stringify(view)).not.toContain("wrong-secret-value");
    expect(view.credentialFields.secretKey).toEqual({ secret: true, value: null, isSet: true });
    expect(view.credentialFields.uuid.value).toBe(DEMO_CREDENTIALS.uuid);
    expect(JSON.stringify(await listAccounts())).not.toContain("wrong-secret-value");
    expect((await providerContextFor(id)).ctx.credentials.secretKey).toBe("wrong-secret-value");
  });

  it("a wrong secret fails the connection test with the provider's reason; replacing it fixes it", async () => {
    const { id } = await createAccount({ actor, data: input("wrong-secret-value") });
    const bad = await testConnection({ actor, id });
    expect(bad.ok).toBe(false);
    expect(bad.code).toBe("6");
    expect(bad.message.en).toMatch(/signature/i);
    // Blank secret on edit keeps the stored one (still wrong) …
    await updateAccount({ actor, id, data: input("") });
    expect((await testConnection({ actor, id })).ok).toBe(false);
    // … typing the right one replaces it.
    await updateAccount({ actor, id, data: input(DEMO_CREDENTIALS.secretKey) });
    const good = await testConnection({ actor, id });
    expect(good).toMatchObject({ ok: true });
    expect(await getAccount(id)).toMatchObject({ lastTestOk: true });
    await flushAudit();
    const audit = await listAudit({ page: 1 });
    expect(audit.rows.map((r) => r.action)).toContain("provider.update");
    // The audit says a secret was replaced, never what it was.
    expect(JSON.stringify(audit.rows)).not.toContain(DEMO_CREDENTIALS.secretKey);
    expect(audit.rows.some((r) => r.summary.includes("replaced: secretKey"))).toBe(true);
  });

  it("an NXCloud answer whose signature does not verify is used, and the account shows a warning until a clean test", async () => {
    const { id } = await createAccount({ actor, data: input(DEMO_CREDENTIALS.secretKey) });
    await answerSigning("none");
    try {
      const { adapter, ctx } = await providerContextFor(id);
      await expect(adapter.listTasks(ctx, null)).resolves.toMatchObject({ items: [] });
      const [view] = await listAccounts();
      expect(view.warning).toMatchObject({ code: "RESPONSE_SIGN" });
      expect(view.warning?.message.en).toContain("listTask");
      expect(view.warning?.message.zh).toContain("listTask");
      // The test connection meets the same answers: still a warning.
      expect(await testConnection({ actor, id })).toMatchObject({ ok: true });
      expect((await getAccount(id)).warning?.message.en).toContain("ping");
      // Strict checking, set on the account, refuses such answers.
      await updateAccount({ actor, id, data: { ...input(""), settings: { sceneID: "scene-1", routeID: "", responseSign: "strict" } } });
      expect((await getAccount(id)).warning).toBeNull();
      const strict = await providerContextFor(id);
      await expect(strict.adapter.listTasks(strict.ctx, null)).rejects.toMatchObject({ code: "BAD_RESPONSE_SIGN" });
    } finally {
      await answerSigning("body");
    }
    // Answers signed as documented again: a clean test clears the warning.
    expect(await testConnection({ actor, id })).toMatchObject({ ok: true });
    expect((await getAccount(id)).warning).toBeNull();
  });

  it("refuses a missing secret and a duplicate name with field errors", async () => {
    await expect(createAccount({ actor, data: input("") })).rejects.toMatchObject({ code: "INVALID", field: "credentials.secretKey" });
    await createAccount({ actor, data: input("x") });
    await expect(createAccount({ actor, data: input("y") })).rejects.toMatchObject({ code: "ALREADY_EXISTS", field: "name" });
  });
});
