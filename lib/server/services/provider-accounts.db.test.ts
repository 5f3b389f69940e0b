import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cnCalendarFromPackage } from "@/lib/domain/holidays";
import { createNxcloudSimulator } from "@/simulators/nxcloud/server";
import { DEMO_CREDENTIALS } from "@/simulators/nxcloud/demo";
import { flushAudit } from "../audit";
import { getDb } from "../db";
import { freshDatabase } from "../testing/db";
import { listAudit } from "./audit-log";
import { encryptJson, decryptJson } from "../crypto";
import {
  createAccount,
  getAccount,
  listAccounts,
  moveSecretsOutOfSettings,
  providerContextFor,
  setAccountPrivateNetwork,
  testConnection,
  updateAccount,
} from "./provider-accounts";

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
    await setAccountPrivateNetwork({ actor, id, allow: true }); // the simulator listens on loopback
    const bad = await testConnection({ actor, id });
    expect(bad.ok).toBe(false);
    expect(bad.code).toBe("6");
    expect(bad.message.en).toMatch(/signature/i);
    // The page gets the reason in both languages, ready to show.
    expect((await getAccount(id)).lastTestError).toEqual(bad.message);
    // Blank secret on edit keeps the stored one (still wrong) …
    await updateAccount({ actor, id, data: input("") });
    expect((await testConnection({ actor, id })).ok).toBe(false);
    // … typing the right one replaces it.
    await updateAccount({ actor, id, data: input(DEMO_CREDENTIALS.secretKey) });
    const good = await testConnection({ actor, id });
    expect(good).toMatchObject({ ok: true });
    expect(await getAccount(id)).toMatchObject({ lastTestOk: true, lastTestError: null });
    await flushAudit();
    const audit = await listAudit({ page: 1 });
    expect(audit.rows.map((r) => r.action)).toContain("provider.update");
    // The audit says a secret was replaced, never what it was.
    expect(JSON.stringify(audit.rows)).not.toContain(DEMO_CREDENTIALS.secretKey);
    expect(audit.rows.some((r) => r.summary.includes("replaced: secretKey"))).toBe(true);
  });

  it("an NXCloud answer whose signature does not verify is used, and the account shows a warning until a clean test", async () => {
    const { id } = await createAccount({ actor, data: input(DEMO_CREDENTIALS.secretKey) });
    // The simulator listens on loopback: an administrator lets this account reach it (issue 12 point 4).
    await setAccountPrivateNetwork({ actor, id, allow: true });
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

  it("keeps the Yunfu callback token write-only: out of lists and audit, kept when the form is saved unchanged", async () => {
    const token = "yunfu-callback-token-42";
    const yunfu = {
      kind: "yunfu" as const,
      name: "Yunfu main",
      baseUrl: "https://api.example.com",
      credentials: { token: "bearer-1", callbackSecret: token },
      settings: { userId: "u-1", subUserId: "", weekBase: "monday" },
      enabled: true,
    };
    const { id } = await createAccount({ actor, data: yunfu });
    expect(JSON.stringify(await listAccounts())).not.toContain(token);
    expect((await getAccount(id)).credentialFields.callbackSecret).toEqual({ secret: true, value: null, isSet: true });
    // The form sends secrets blank: saving it unchanged keeps the token (it used to blank it).
    await updateAccount({ actor, id, data: { ...yunfu, credentials: { token: "", callbackSecret: "" } } });
    expect((await providerContextFor(id)).ctx.credentials.callbackSecret).toBe(token);
    await flushAudit();
    const audit = await listAudit({ page: 1 });
    expect(audit.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit.rows)).not.toContain(token);
    // Without a token the account still saves (callbacks are then refused by the adapter).
    const { id: bare } = await createAccount({ actor, data: { ...yunfu, name: "Yunfu bare", credentials: { token: "bearer-2", callbackSecret: "" } } });
    expect((await providerContextFor(bare)).ctx.credentials.callbackSecret).toBeUndefined();
  });

  it("moves a callback token an older version kept in plain settings into the encrypted credentials, once", async () => {
    const token = "legacy-plain-token";
    const row = await getDb().providerAccount.create({
      data: {
        kind: "yunfu",
        name: "Legacy",
        baseUrl: "https://api.example.com",
        credentialsEnc: encryptJson({ token: "bearer" }),
        settings: JSON.stringify({ userId: "u", weekBase: "monday", callbackSecret: token }),
      },
    });
    // Even before the data step, no page sees it.
    expect(JSON.stringify(await listAccounts())).not.toContain(token);
    expect(await moveSecretsOutOfSettings()).toBe(1);
    const after = await getDb().providerAccount.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.settings).not.toContain(token);
    expect(JSON.parse(after.settings)).toEqual({ userId: "u", weekBase: "monday" });
    expect(decryptJson<Record<string, string>>(after.credentialsEnc)).toEqual({ token: "bearer", callbackSecret: token });
    expect(await moveSecretsOutOfSettings()).toBe(0);
  });

  it("stored secrets never follow a changed host: they must be typed again", async () => {
    const { id } = await createAccount({ actor, data: input("the-stored-secret") });
    const moved = { ...input(""), baseUrl: "https://attacker.example.net" };
    await expect(updateAccount({ actor, id, data: moved })).rejects.toMatchObject({ code: "INVALID", field: "credentials.secretKey" });
    expect((await providerContextFor(id)).ctx.baseUrl).toBe(url);
    // Same host, another path: the stored secret stays.
    await updateAccount({ actor, id, data: { ...input(""), baseUrl: `${url}/v3` } });
    expect((await providerContextFor(id)).ctx.credentials.secretKey).toBe("the-stored-secret");
    // Typed again, the new host is accepted.
    await updateAccount({ actor, id, data: { ...moved, credentials: { ...moved.credentials, secretKey: "typed-again" } } });
    expect((await providerContextFor(id)).ctx).toMatchObject({ baseUrl: "https://attacker.example.net", credentials: { secretKey: "typed-again" } });
  });

  it("private hosts need an administrator's opt-in, and a closed port reads only 'could not connect'", async () => {
    const { id } = await createAccount({ actor, data: input(DEMO_CREDENTIALS.secretKey) });
    const refused = await testConnection({ actor, id });
    expect(refused.ok).toBe(false);
    expect(refused.message.en).toMatch(/private network/);
    await setAccountPrivateNetwork({ actor, id, allow: true });
    expect((await testConnection({ actor, id })).ok).toBe(true);

    // A closed port and an unknown host say the same, and no code gives the difference away.
    const closed = await createAccount({ actor, data: { ...input("s"), name: "Closed", baseUrl: "http://127.0.0.1:9" } });
    await setAccountPrivateNetwork({ actor, id: closed.id, allow: true });
    const nowhere = await createAccount({ actor, data: { ...input("s"), name: "Nowhere", baseUrl: "http://no-such-host.invalid" } });
    const answers = [await testConnection({ actor, id: closed.id }), await testConnection({ actor, id: nowhere.id })];
    for (const answer of answers) expect(answer).toEqual({ ok: false, message: { en: "Could not connect to the provider. Check the base URL.", zh: "无法连接服务商，请检查接口地址。" } });
    // The metadata address is refused whatever the opt-in.
    const metadata = await createAccount({ actor, data: { ...input("s"), name: "Metadata", baseUrl: "http://169.254.169.254" } });
    await setAccountPrivateNetwork({ actor, id: metadata.id, allow: true });
    expect((await testConnection({ actor, id: metadata.id })).message.en).toMatch(/never used for provider requests/);
  });

  it("refuses a provider kind the registry does not know", async () => {
    await expect(createAccount({ actor, data: { ...input("x"), kind: "fax-machine" } })).rejects.toMatchObject({ code: "INVALID", field: "kind" });
    expect(await listAccounts()).toEqual([]);
  });
});
