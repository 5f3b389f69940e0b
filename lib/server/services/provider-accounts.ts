// Provider accounts: kind, base URL, encrypted credentials, settings. Credentials are decrypted only to
// build a ProviderContext on the server; what leaves this module for a page never contains them.
import { z } from "zod";
import { adapterFor, allAdapters } from "../../providers/registry";
import { ProviderError } from "../../providers/errors";
import { PROVIDER_KINDS, type ProviderAdapter, type ProviderContext, type ProviderKind, type ProviderWarning } from "../../providers/types";
import type { LocalizedText } from "../../domain/call-time-group";
import { recordAudit, type AuditActor } from "../audit";
import { appUrl } from "../config";
import { decryptJson, encryptJson } from "../crypto";
import { getDb } from "../db";
import { AppError, isUniqueViolation } from "../errors";
import { logger } from "../logger";

export const ZAccountInput = z.object({
  kind: z.enum(PROVIDER_KINDS),
  name: z.string().trim().min(1).max(60),
  baseUrl: z.url({ protocol: /^https?$/ }).trim(),
  /** Secret fields: an empty string keeps the stored value ("replace" only when typed). */
  credentials: z.record(z.string(), z.string().max(2000)),
  settings: z.record(z.string(), z.string().max(2000)),
  enabled: z.boolean().default(true),
});
export type TAccountInput = z.infer<typeof ZAccountInput>;

/** What a page may see of an account: never a secret, only whether each secret is set. */
export interface AccountView {
  id: string;
  kind: ProviderKind;
  name: string;
  baseUrl: string;
  enabled: boolean;
  isDemo: boolean;
  settings: Record<string, string>;
  /** Non-secret credential fields (e.g. NXCloud uuid, algorithm) and, for secrets, only "set". */
  credentialFields: Record<string, { secret: boolean; value: string | null; isSet: boolean }>;
  lastTestAt: Date | null;
  lastTestOk: boolean | null;
  lastTestError: string | null;
  webhookUrl: string;
  taskCount: number;
  /** Something about the account worth a manager's attention that did not fail an operation (ProviderWarning). */
  warning: { code: string; message: LocalizedText; at: string } | null;
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

function toView(row: Row): AccountView {
  const adapter = adapterFor(row.kind);
  const creds = decryptJson<Record<string, string>>(row.credentialsEnc);
  const credentialFields: AccountView["credentialFields"] = {};
  for (const f of adapter.capabilities.credentialFields) {
    const v = creds[f.key] ?? "";
    credentialFields[f.key] = { secret: f.secret, value: f.secret ? null : v, isSet: v !== "" };
  }
  return {
    id: row.id,
    kind: row.kind as ProviderKind,
    name: row.name,
    baseUrl: row.baseUrl,
    enabled: row.enabled,
    isDemo: row.isDemo,
    settings: JSON.parse(row.settings) as Record<string, string>,
    credentialFields,
    lastTestAt: row.lastTestAt,
    lastTestOk: row.lastTestOk,
    lastTestError: row.lastTestError,
    webhookUrl: webhookUrlFor(row.kind, row.id),
    taskCount: row._count.tasks,
    warning:
      row.warningCode && row.warningMessage && row.warningAt
        ? { code: row.warningCode, message: JSON.parse(row.warningMessage) as LocalizedText, at: row.warningAt.toISOString() }
        : null,
  };
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

export async function listAccounts(): Promise<AccountView[]> {
  const rows = await getDb().providerAccount.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }], select: SELECT });
  return rows.map(toView);
}

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
    select: { id: true, kind: true, name: true, baseUrl: true, credentialsEnc: true, settings: true, enabled: true },
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
    reportWarning: (warning) => recordAccountWarning(row.id, warning),
    ...overrides,
  };
  return { adapter, ctx, account: { id: row.id, kind: row.kind as ProviderKind, name: row.name, enabled: row.enabled } };
}

function checkFields(input: TAccountInput, existing: Record<string, string> | null): Record<string, string> {
  const adapter = adapterFor(input.kind);
  const creds: Record<string, string> = {};
  for (const f of adapter.capabilities.credentialFields) {
    const typed = (input.credentials[f.key] ?? "").trim();
    // A secret left blank on edit keeps what is stored; the form shows "set" / "replace".
    const value = typed || (f.secret && existing ? (existing[f.key] ?? "") : typed) || f.default || "";
    if (!value && f.secret) {
      throw new AppError("INVALID", { en: `${f.label.en} is required.`, zh: `请填写${f.label.zh}。` }, `credentials.${f.key}`);
    }
    if (f.options && value && !f.options.some((o) => o.value === value)) {
      throw new AppError("INVALID", { en: `${f.label.en}: choose one of the options.`, zh: `${f.label.zh}：请从选项中选择。` }, `credentials.${f.key}`);
    }
    creds[f.key] = value;
  }
  return creds;
}

function cleanSettings(input: TAccountInput): Record<string, string> {
  const adapter = adapterFor(input.kind);
  const settings: Record<string, string> = {};
  for (const f of adapter.capabilities.settingFields) settings[f.key] = (input.settings[f.key] ?? f.default ?? "").trim();
  return settings;
}

const NAME_TAKEN: LocalizedText = { en: "An account of this provider already has that name.", zh: "该服务商下已有同名账号。" };

export async function createAccount({ actor, data }: { actor: AuditActor; data: TAccountInput }): Promise<{ id: string }> {
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
  if (row.kind !== data.kind) throw new AppError("INVALID", { en: "The provider of an account cannot change.", zh: "账号的服务商不能更改。" }, "kind");
  const before = decryptJson<Record<string, string>>(row.credentialsEnc);
  const credentials = checkFields(data, before);
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
    before: { name: row.name, baseUrl: row.baseUrl, enabled: row.enabled, settings: JSON.parse(row.settings) },
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

/** "Test connection": asks the provider, remembers the outcome, explains a failure in plain words. */
export async function testConnection({ actor, id }: { actor: AuditActor; id: string }): Promise<ConnectionTest> {
  const { adapter, ctx } = await providerContextFor(id, { maxAttempts: 2, timeoutMs: 8_000 });
  // A warning the test itself meets is written again (not skipped as recent), so a clean test can clear the old one.
  const startedAt = new Date();
  warningWrites.delete(id);
  let result: ConnectionTest;
  try {
    await adapter.ping(ctx);
    result = { ok: true, message: { en: "Connection OK: the provider accepted our credentials.", zh: "连接成功：服务商已接受凭据。" } };
  } catch (e) {
    if (e instanceof ProviderError) result = { ok: false, message: e.userMessage, code: e.code };
    else result = { ok: false, message: { en: "The connection test failed unexpectedly.", zh: "连接测试意外失败。" } };
  }
  await getDb().providerAccount.update({
    where: { id },
    data: { lastTestAt: new Date(), lastTestOk: result.ok, lastTestError: result.ok ? null : JSON.stringify(result.message) },
  });
  if (result.ok) await getDb().providerAccount.updateMany({ where: { id, OR: [{ warningAt: null }, { warningAt: { lt: startedAt } }] }, data: NO_WARNING });
  recordAudit({ actor, action: "provider.test", targetType: "providerAccount", targetId: id, after: { ok: result.ok, code: result.code } });
  return result;
}

/** Capabilities without functions, for pages (forms are generated from them). */
export function providerKinds() {
  return allAdapters().map((a) => {
    const { validateParams: _v, ...caps } = a.capabilities;
    return caps;
  });
}
