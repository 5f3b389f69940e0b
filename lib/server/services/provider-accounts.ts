// Provider accounts: kind, base URL, encrypted credentials, settings. Credentials are decrypted only to
// build a ProviderContext on the server; what leaves this module for a page never contains them.
// Secrets (issue 12 point 1): every secret is a credential field (encrypted, write-only, never in an audit
// entry); settings hold only the declared non-secret fields of the kind.
import "server-only";
import type { AccountSummary, AccountView, TAccountInput } from "../../contracts/accounts";
import { adapterFor, allAdapters } from "../../providers/registry";
import { ProviderError } from "../../providers/errors";
import type { CredentialField, ProviderAdapter, ProviderContext, ProviderKind, ProviderWarning } from "../../providers/types";
import { catalogText, sameText, type LocalizedText } from "../../domain/text";
import en from "../../../messages/en/security.json";
import zh from "../../../messages/zh-CN/security.json";
import { recordAudit, type AuditActor } from "../audit";
import { appUrl } from "../config";
import { decryptJson, encryptJson } from "../crypto";
import { getDb } from "../db";
import { AppError, isUniqueViolation } from "../errors";
import { logger } from "../logger";

const text = catalogText(en, zh);

/** A catalog text naming a field, each language with the field's label in that language. */
function aboutField(key: "accounts.required" | "accounts.chooseOption" | "accounts.reenterSecret", field: CredentialField): LocalizedText {
  return { en: text(key, { field: field.label.en }).en, zh: text(key, { field: field.label.zh }).zh };
}

const SELECT = {
  id: true,
  kind: true,
  name: true,
  baseUrl: true,
  credentialsEnc: true,
  settings: true,
  enabled: true,
  isDemo: true,
  allowPrivateNetwork: true,
  lastTestAt: true,
  lastTestOk: true,
  lastTestError: true,
  warningCode: true,
  warningMessage: true,
  warningAt: true,
  _count: { select: { tasks: true } },
} as const;

type Row = {
  id: string;
  kind: string;
  name: string;
  baseUrl: string;
  credentialsEnc: string;
  settings: string;
  enabled: boolean;
  isDemo: boolean;
  allowPrivateNetwork: boolean;
  lastTestAt: Date | null;
  lastTestOk: boolean | null;
  lastTestError: string | null;
  warningCode: string | null;
  warningMessage: string | null;
  warningAt: Date | null;
  _count: { tasks: number };
};

export function webhookUrlFor(kind: string, accountId: string): string {
  return `${appUrl().replace(/\/$/, "")}/api/webhooks/${kind}/${accountId}`;
}

/** The declared non-secret settings of the kind; anything else a row holds (an old secret) stays out. */
function declaredSettings(kind: string, stored: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of adapterFor(kind).capabilities.settingFields) if (!f.secret && stored[f.key] !== undefined) out[f.key] = stored[f.key];
  return out;
}

function toSummary(row: Row): AccountSummary {
  return {
    id: row.id,
    kind: row.kind as ProviderKind,
    name: row.name,
    baseUrl: row.baseUrl,
    enabled: row.enabled,
    isDemo: row.isDemo,
    allowPrivateNetwork: row.allowPrivateNetwork,
    settings: declaredSettings(row.kind, JSON.parse(row.settings) as Record<string, string>),
    lastTestAt: row.lastTestAt,
    lastTestOk: row.lastTestOk,
    lastTestError: row.lastTestError ? parseStoredText(row.lastTestError) : null,
    webhookUrl: webhookUrlFor(row.kind, row.id),
    taskCount: row._count.tasks,
    warning:
      row.warningCode && row.warningMessage && row.warningAt
        ? { code: row.warningCode, message: JSON.parse(row.warningMessage) as LocalizedText, at: row.warningAt.toISOString() }
        : null,
  };
}

/** The last test's failure is stored as the message JSON; a value that does not read as one is shown as is. */
function parseStoredText(stored: string): LocalizedText {
  try {
    const value = JSON.parse(stored) as Partial<LocalizedText> | null;
    if (typeof value?.en === "string" && typeof value.zh === "string") return { en: value.en, zh: value.zh };
  } catch {
    // fall through
  }
  return sameText(stored);
}

function toView(row: Row): AccountView {
  const adapter = adapterFor(row.kind);
  const creds = decryptJson<Record<string, string>>(row.credentialsEnc);
  const credentialFields: AccountView["credentialFields"] = {};
  for (const f of adapter.capabilities.credentialFields) {
    const v = creds[f.key] ?? "";
    credentialFields[f.key] = { secret: f.secret, value: f.secret ? null : v, isSet: v !== "" };
  }
  return { ...toSummary(row), credentialFields };
}

/** When each account's warning was last written: a sync of many pages writes the same warning once a minute. */
const warningWrites = new Map<string, { code: string; at: number }>();
const WARNING_WRITE_EVERY_MS = 60_000;

/** Records a provider's warning on the account (shown on the Providers page until the account is edited or tested clean). */
export async function recordAccountWarning(accountId: string, warning: ProviderWarning, now = new Date()): Promise<void> {
  const last = warningWrites.get(accountId);
  if (last && last.code === warning.code && now.getTime() - last.at < WARNING_WRITE_EVERY_MS) return;
  warningWrites.set(accountId, { code: warning.code, at: now.getTime() });
  await getDb().providerAccount.update({
    where: { id: accountId },
    data: { warningCode: warning.code, warningMessage: JSON.stringify(warning.message), warningAt: now },
  });
}

const NO_WARNING = { warningCode: null, warningMessage: null, warningAt: null } as const;

/** Every account, for lists (no credential, not even a non-secret one). */
export async function listAccounts(): Promise<AccountSummary[]> {
  const rows = await getDb().providerAccount.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }], select: SELECT });
  return rows.map(toSummary);
}

/** One account for its edit form (managers). */
export async function getAccount(id: string): Promise<AccountView> {
  const row = await getDb().providerAccount.findUnique({ where: { id }, select: SELECT });
  if (!row) throw new AppError("NOT_FOUND");
  return toView(row);
}

/** Server-only: the adapter and a ready ProviderContext (decrypted credentials) for an account. */
export async function providerContextFor(
  accountId: string,
  overrides: Partial<ProviderContext> = {},
): Promise<{ adapter: ProviderAdapter; ctx: ProviderContext; account: { id: string; kind: ProviderKind; name: string; enabled: boolean } }> {
  const row = await getDb().providerAccount.findUnique({
    where: { id: accountId },
    select: { id: true, kind: true, name: true, baseUrl: true, credentialsEnc: true, settings: true, enabled: true, isDemo: true, allowPrivateNetwork: true },
  });
  if (!row) throw new AppError("NOT_FOUND");
  const adapter = adapterFor(row.kind);
  const ctx: ProviderContext = {
    baseUrl: row.baseUrl,
    credentials: decryptJson<Record<string, string>>(row.credentialsEnc),
    settings: JSON.parse(row.settings) as Record<string, string>,
    webhookUrl: webhookUrlFor(row.kind, row.id),
    // What an adapter reports for operators (rows it could not read, best-effort calls that failed).
    log: (level, msg, fields) => logger[level]({ provider: row.kind, accountId: row.id, ...fields }, msg),
    // Issue 12 point 4: private and loopback hosts only for the embedded demo accounts or when an admin allowed them.
    network: { privateHosts: row.isDemo || row.allowPrivateNetwork ? "allow" : "refuse" },
    reportWarning: (warning) => recordAccountWarning(row.id, warning),
    ...overrides,
  };
  return { adapter, ctx, account: { id: row.id, kind: row.kind as ProviderKind, name: row.name, enabled: row.enabled } };
}

/** The origin requests go to; a change of it means the stored secrets must be typed again. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/**
 * The credentials to store. On edit, a secret left blank keeps the stored value, unless the base URL now
 * points at another origin: a stored secret never follows a changed address (issue 12 point 4), so every
 * stored secret must be typed again or it is refused on its field.
 */
function checkFields(input: TAccountInput, existing: { credentials: Record<string, string>; baseUrl: string } | null): Record<string, string> {
  const adapter = adapterFor(input.kind);
  const keepStored = existing !== null && originOf(existing.baseUrl) === originOf(input.baseUrl);
  const creds: Record<string, string> = {};
  for (const f of adapter.capabilities.credentialFields) {
    const typed = (input.credentials[f.key] ?? "").trim();
    const stored = existing?.credentials[f.key] ?? "";
    if (f.secret && !typed && stored && !keepStored) throw new AppError("INVALID", aboutField("accounts.reenterSecret", f), `credentials.${f.key}`);
    // A secret left blank on edit keeps what is stored; the form shows "set" / "replace".
    const value = typed || (f.secret ? stored : "") || f.default || "";
    if (!value && f.secret && !f.optional) throw new AppError("INVALID", aboutField("accounts.required", f), `credentials.${f.key}`);
    if (f.options && value && !f.options.some((o) => o.value === value)) {
      throw new AppError("INVALID", aboutField("accounts.chooseOption", f), `credentials.${f.key}`);
    }
    if (value) creds[f.key] = value;
  }
  return creds;
}

function cleanSettings(input: TAccountInput): Record<string, string> {
  const adapter = adapterFor(input.kind);
  const settings: Record<string, string> = {};
  for (const f of adapter.capabilities.settingFields) if (!f.secret) settings[f.key] = (input.settings[f.key] ?? f.default ?? "").trim();
  return settings;
}

const NAME_TAKEN: LocalizedText = text("accounts.nameTaken");

export async function createAccount({ actor, data }: { actor: AuditActor; data: TAccountInput }): Promise<{ id: string }> {
  // The form offers only registered kinds; anything else was not sent by it.
  if (!allAdapters().some((a) => a.capabilities.kind === data.kind)) throw new AppError("INVALID", undefined, "kind");
  const credentials = checkFields(data, null);
  const settings = cleanSettings(data);
  try {
    const row = await getDb().providerAccount.create({
      data: { kind: data.kind, name: data.name, baseUrl: data.baseUrl, credentialsEnc: encryptJson(credentials), settings: JSON.stringify(settings), enabled: data.enabled },
      select: { id: true },
    });
    recordAudit({ actor, action: "provider.create", targetType: "providerAccount", targetId: row.id, after: { kind: data.kind, name: data.name, baseUrl: data.baseUrl, settings } });
    return row;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("ALREADY_EXISTS", NAME_TAKEN, "name");
    throw e;
  }
}

export async function updateAccount({ actor, id, data }: { actor: AuditActor; id: string; data: TAccountInput }): Promise<void> {
  const db = getDb();
  const row = await db.providerAccount.findUnique({ where: { id }, select: { kind: true, name: true, baseUrl: true, credentialsEnc: true, settings: true, enabled: true } });
  if (!row) throw new AppError("NOT_FOUND");
  if (row.kind !== data.kind) throw new AppError("INVALID", text("accounts.kindFixed"), "kind");
  const before = decryptJson<Record<string, string>>(row.credentialsEnc);
  const credentials = checkFields(data, { credentials: before, baseUrl: row.baseUrl });
  const settings = cleanSettings(data);
  const secretKeys = adapterFor(row.kind).capabilities.credentialFields.filter((f) => f.secret).map((f) => f.key);
  const replaced = secretKeys.filter((k) => before[k] !== credentials[k]);
  try {
    await db.providerAccount.update({
      where: { id },
      data: { name: data.name, baseUrl: data.baseUrl, credentialsEnc: encryptJson(credentials), settings: JSON.stringify(settings), enabled: data.enabled, lastTestOk: null, lastTestError: null, ...NO_WARNING },
    });
    warningWrites.delete(id);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("ALREADY_EXISTS", NAME_TAKEN, "name");
    throw e;
  }
  recordAudit({
    actor,
    action: "provider.update",
    targetType: "providerAccount",
    targetId: id,
    before: { name: row.name, baseUrl: row.baseUrl, enabled: row.enabled, settings: declaredSettings(row.kind, JSON.parse(row.settings) as Record<string, string>) },
    after: { name: data.name, baseUrl: data.baseUrl, enabled: data.enabled, settings },
    note: replaced.length ? `replaced: ${replaced.join(", ")}` : undefined,
  });
}

export async function setAccountEnabled({ actor, id, enabled }: { actor: AuditActor; id: string; enabled: boolean }): Promise<void> {
  const row = await getDb().providerAccount.findUnique({ where: { id }, select: { enabled: true, name: true } });
  if (!row) throw new AppError("NOT_FOUND");
  if (row.enabled === enabled) return;
  await getDb().providerAccount.update({ where: { id }, data: { enabled } });
  recordAudit({ actor, action: enabled ? "provider.enable" : "provider.disable", targetType: "providerAccount", targetId: id, before: { name: row.name, enabled: row.enabled }, after: { name: row.name, enabled } });
}

export interface ConnectionTest {
  ok: boolean;
  message: LocalizedText;
  code?: string;
}

/**
 * Codes that mean "no answer from a provider": a closed port, a filtered one, a refused address and a DNS
 * failure all read the same "could not connect", so "Test connection" cannot be used to map a network.
 */
const COULD_NOT_CONNECT = new Set(["NETWORK", "TIMEOUT", "ADDRESS_PRIVATE", "ADDRESS_FORBIDDEN", "REDIRECT"]);

/** "Test connection": asks the provider, remembers the outcome, explains a failure in plain words. */
export async function testConnection({ actor, id }: { actor: AuditActor; id: string }): Promise<ConnectionTest> {
  const { adapter, ctx } = await providerContextFor(id, { maxAttempts: 2, timeoutMs: 8_000 });
  // A warning the test itself meets is written again (not skipped as recent), so a clean test can clear the old one.
  const startedAt = new Date();
  warningWrites.delete(id);
  let result: ConnectionTest;
  try {
    await adapter.ping(ctx);
    result = { ok: true, message: text("accounts.connectionOk") };
  } catch (e) {
    if (e instanceof ProviderError && COULD_NOT_CONNECT.has(e.code)) {
      // Private and forbidden addresses say why: the manager can do something about those.
      const explained = e.code === "ADDRESS_PRIVATE" || e.code === "ADDRESS_FORBIDDEN" || e.code === "REDIRECT";
      result = { ok: false, message: explained ? e.userMessage : text("outbound.couldNotConnect") };
    } else if (e instanceof ProviderError) result = { ok: false, message: e.userMessage, code: e.code };
    else result = { ok: false, message: text("accounts.connectionUnexpected") };
  }
  await getDb().providerAccount.update({
    where: { id },
    data: { lastTestAt: new Date(), lastTestOk: result.ok, lastTestError: result.ok ? null : JSON.stringify(result.message) },
  });
  if (result.ok) await getDb().providerAccount.updateMany({ where: { id, OR: [{ warningAt: null }, { warningAt: { lt: startedAt } }] }, data: NO_WARNING });
  recordAudit({ actor, action: "provider.test", targetType: "providerAccount", targetId: id, after: { ok: result.ok, code: result.code } });
  return result;
}

/** Admins only (the action's role): let this account reach private and loopback addresses. */
export async function setAccountPrivateNetwork({ actor, id, allow }: { actor: AuditActor; id: string; allow: boolean }): Promise<void> {
  const row = await getDb().providerAccount.findUnique({ where: { id }, select: { name: true, allowPrivateNetwork: true } });
  if (!row) throw new AppError("NOT_FOUND");
  if (row.allowPrivateNetwork === allow) return;
  await getDb().providerAccount.update({ where: { id }, data: { allowPrivateNetwork: allow, lastTestOk: null, lastTestError: null } });
  recordAudit({
    actor,
    action: "provider.privateNetwork",
    targetType: "providerAccount",
    targetId: id,
    before: { name: row.name, allowPrivateNetwork: row.allowPrivateNetwork },
    after: { name: row.name, allowPrivateNetwork: allow },
  });
}

/**
 * One-time data step at start (instrumentation.ts): a secret that an older version kept among an account's
 * plain settings (Yunfu's callback token) moves into the encrypted credentials, and leaves the settings.
 * Idempotent; returns how many accounts it changed.
 */
export async function moveSecretsOutOfSettings(): Promise<number> {
  const db = getDb();
  const rows = await db.providerAccount.findMany({ select: { id: true, kind: true, settings: true, credentialsEnc: true } });
  let moved = 0;
  for (const row of rows) {
    let fields: ProviderAdapter["capabilities"];
    try {
      fields = adapterFor(row.kind).capabilities;
    } catch {
      continue;
    }
    const settings = JSON.parse(row.settings) as Record<string, string>;
    // Only credential fields kept as settings move; any other setting stays as it is (never lost).
    const stray = fields.credentialFields.map((f) => f.key).filter((k) => k in settings);
    if (stray.length === 0) continue;
    const credentials = decryptJson<Record<string, string>>(row.credentialsEnc);
    for (const key of stray) {
      // A credential already stored (typed since) wins over the old plain copy.
      if (settings[key] && !credentials[key]) credentials[key] = settings[key];
      delete settings[key];
    }
    await db.providerAccount.update({ where: { id: row.id }, data: { settings: JSON.stringify(settings), credentialsEnc: encryptJson(credentials) } });
    moved++;
  }
  if (moved) logger.info({ accounts: moved }, "moved secrets out of plain account settings");
  return moved;
}

/** Capabilities without functions, for pages (forms are generated from them). */
export function providerKinds() {
  return allAdapters().map((a) => {
    const { validateParams: _v, ...caps } = a.capabilities;
    return caps;
  });
}
