// Do-not-call (issue 13 point 2): a global list and one per provider account. A number on DNC is never sent
// to any provider (blockedAmong, used at send time), and adding one stops it on every task still calling it
// where the provider can (adapter.removeNumbers, capabilities.numberOps.remove), saying plainly where not.
import "server-only";
import type { CountryCode } from "libphonenumber-js";
import { normalizePhone, phoneFor } from "../../domain/numbers/phone";
import { sameText, type LocalizedText } from "../../domain/text";
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from "../audit";
import { getDb } from "../db";
import { AppError } from "../errors";
import { logger } from "../logger";
import { ProviderError } from "../../providers/errors";
import { defaultContextFor, type ContextFor } from "./context";
import { numbersText } from "./text";

export const GLOBAL_SCOPE = "global";
/** Ledger states in which a task may still dial the number (a retry can follow a miss). */
export const STILL_CALLING = ["queued", "sent", "dialling", "not-answered", "busy", "failed"];
/** Task statuses in which a provider still dials. */
const LIVE_TASK = ["pending", "running", "paused"];
const LOOKUP_CHUNK = 500;

export interface StopReport {
  taskId: string;
  taskName: string;
  outcome: "stopped" | "not-stopped" | "unsupported";
  phones: string[];
  message: LocalizedText;
}

export interface DncEntryView {
  id: string;
  /** As the reader may see it. */
  phone: string;
  /** E.164 for readers who see whole numbers (to remove the entry); null for viewers. */
  e164: string | null;
  scope: string;
  reason: string;
  expiresAt: Date | null;
  createdByEmail: string;
  createdAt: Date;
}

/** Numbers of `phones` on DNC for a send to `accountId` (global or that account's list, not expired). */
export async function blockedAmong(phones: string[], accountId: string, now: Date): Promise<Set<string>> {
  const blocked = new Set<string>();
  for (let i = 0; i < phones.length; i += LOOKUP_CHUNK) {
    const rows = await getDb().dncEntry.findMany({
      where: { phone: { in: phones.slice(i, i + LOOKUP_CHUNK) }, scope: { in: [GLOBAL_SCOPE, accountId] }, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      select: { phone: true },
    });
    for (const r of rows) blocked.add(r.phone);
  }
  return blocked;
}

export async function isBlocked(phone: string, accountId: string, now: Date): Promise<boolean> {
  return (await blockedAmong([phone], accountId, now)).has(phone);
}

export async function checkScope(scope: string): Promise<void> {
  if (scope === GLOBAL_SCOPE) return;
  const account = await getDb().providerAccount.findUnique({ where: { id: scope }, select: { id: true } });
  if (!account) throw new AppError("INVALID", numbersText("dnc.scopeUnknown"), "scope");
}

function parsePhone(input: string, country: CountryCode): string {
  const phone = normalizePhone(input.trim(), country);
  if (!phone) throw new AppError("INVALID", numbersText("errors.invalidPhone", { value: input.trim().slice(0, 40) }), "phone");
  return phone;
}

/** Adds (or updates) one entry, audited, then stops the number on the tasks still calling it. */
export async function addDncEntry({
  actor,
  phone: input,
  scope,
  reason,
  expiresAt,
  country = "CN",
  now = new Date(),
  contextFor = defaultContextFor,
}: {
  actor: AuditActor;
  phone: string;
  scope: string;
  reason: string;
  expiresAt: Date | null;
  country?: CountryCode;
  now?: Date;
  contextFor?: ContextFor;
}): Promise<{ phone: string; stops: StopReport[] }> {
  await checkScope(scope);
  const phone = parsePhone(input, country);
  const db = getDb();
  const before = await db.dncEntry.findUnique({ where: { phone_scope: { phone, scope } }, select: { reason: true, expiresAt: true } });
  await db.dncEntry.upsert({
    where: { phone_scope: { phone, scope } },
    create: { phone, scope, reason, expiresAt, createdById: actor.id, createdByEmail: actor.email, createdAt: now },
    update: { reason, expiresAt },
  });
  recordAudit({ actor, action: before ? "dnc.update" : "dnc.add", targetType: "dnc", targetId: scope, before: before ? { phone, ...before } : undefined, after: { phone, reason, expiresAt } });
  const stops = await stopNumbersOnTasks({ phones: [phone], scope, contextFor });
  if (stops.length) recordAudit({ actor, action: "dnc.stop", targetType: "dnc", targetId: scope, after: { phone, tasks: stops.map((s) => ({ taskId: s.taskId, outcome: s.outcome })) } });
  return { phone, stops };
}

export async function removeDncEntry({ actor, phone: input, scope, country = "CN" }: { actor: AuditActor; phone: string; scope: string; country?: CountryCode }): Promise<void> {
  const phone = parsePhone(input, country);
  const db = getDb();
  const entry = await db.dncEntry.findUnique({ where: { phone_scope: { phone, scope } }, select: { id: true, reason: true, expiresAt: true } });
  if (!entry) throw new AppError("NOT_FOUND", numbersText("dnc.notOnList"));
  await db.dncEntry.delete({ where: { id: entry.id } });
  recordAudit({ actor, action: "dnc.remove", targetType: "dnc", targetId: scope, before: { phone, reason: entry.reason, expiresAt: entry.expiresAt } });
}

/** A page of a scope's entries, newest first; a search is one exact number. */
export async function listDncEntries({
  scope,
  search,
  wholeNumbers,
  before,
  country = "CN",
}: {
  scope: string;
  search?: string;
  wholeNumbers: boolean;
  before?: string;
  country?: CountryCode;
}): Promise<{ entries: DncEntryView[]; total: number; next: string | null }> {
  const db = getDb();
  const phone = search?.trim() ? normalizePhone(search.trim(), country) : null;
  if (search?.trim() && !phone) return { entries: [], total: 0, next: null };
  const where = { scope, ...(phone ? { phone } : {}) };
  const take = 100;
  const rows = await db.dncEntry.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    ...(before ? { cursor: { id: before }, skip: 1 } : {}),
    select: { id: true, phone: true, scope: true, reason: true, expiresAt: true, createdByEmail: true, createdAt: true },
  });
  const total = await db.dncEntry.count({ where });
  return {
    entries: rows.slice(0, take).map((r) => ({ ...r, phone: phoneFor(r.phone, wholeNumbers), e164: wholeNumbers ? r.phone : null })),
    total,
    next: rows.length > take ? rows[take - 1].id : null,
  };
}

/**
 * Stops `phones` on every live task still calling them (all accounts for the global scope, else that
 * account's), through the provider's removeNumbers where it has one. The ledger marks stopped numbers
 * "removed"; every task where that was not possible is reported with the reason in plain words.
 */
export async function stopNumbersOnTasks({ phones, scope, contextFor = defaultContextFor }: { phones: string[]; scope: string; contextFor?: ContextFor }): Promise<StopReport[]> {
  const db = getDb();
  const rows = await db.taskNumber.findMany({
    where: {
      phone: { in: phones },
      state: { in: STILL_CALLING },
      task: { status: { in: LIVE_TASK }, goneAt: null, ...(scope === GLOBAL_SCOPE ? {} : { accountId: scope }) },
    },
    select: { phone: true, task: { select: { id: true, name: true, remoteId: true, accountId: true } } },
  });
  const byTask = new Map<string, { task: (typeof rows)[number]["task"]; phones: string[] }>();
  for (const r of rows) {
    const entry = byTask.get(r.task.id) ?? { task: r.task, phones: [] };
    entry.phones.push(r.phone);
    byTask.set(r.task.id, entry);
  }
  const reports: StopReport[] = [];
  for (const { task, phones: taskPhones } of byTask.values()) {
    const { adapter, ctx } = await contextFor(task.accountId);
    const provider = adapter.capabilities.label;
    const base = { taskId: task.id, taskName: task.name };
    if (!adapter.capabilities.numberOps.remove || !adapter.removeNumbers) {
      reports.push({ ...base, outcome: "unsupported", phones: taskPhones, message: fill(numbersText("dnc.cannotRemove", { provider: PROVIDER, task: task.name }), provider) });
      continue;
    }
    const size = Math.max(1, adapter.capabilities.numberOps.batchSize ?? taskPhones.length);
    const removed: string[] = [];
    const refused: { phone: string; reason: LocalizedText }[] = [];
    for (let i = 0; i < taskPhones.length; i += size) {
      const chunk = taskPhones.slice(i, i + size);
      try {
        const res = await adapter.removeNumbers(ctx, task.remoteId, chunk);
        removed.push(...res.removed);
        refused.push(...res.notRemoved);
      } catch (e) {
        const reason = e instanceof ProviderError ? e.userMessage : sameText((e as Error).message.slice(0, 200));
        if (!(e instanceof ProviderError)) logger.warn({ taskId: task.id, err: (e as Error).message }, "removeNumbers failed");
        refused.push(...chunk.map((phone) => ({ phone, reason })));
      }
    }
    if (removed.length) {
      await db.taskNumber.updateMany({ where: { taskId: task.id, phone: { in: removed } }, data: { state: "removed", reason: "dnc" } });
      reports.push({ ...base, outcome: "stopped", phones: removed, message: numbersText("dnc.stopped", { task: task.name }) });
    }
    for (const r of refused) {
      reports.push({
        ...base,
        outcome: "not-stopped",
        phones: [r.phone],
        message: fill(numbersText("dnc.removeFailed", { task: task.name, provider: PROVIDER, reason: REASON }), provider, r.reason),
      });
    }
  }
  return reports;
}

// Slots for values that are themselves texts in both languages (a provider's label, its refusal): the catalog
// formats the sentence once, then each language gets its own words in the slots.
const PROVIDER = "\u0001provider\u0001";
const REASON = "\u0001reason\u0001";

function fill(text: LocalizedText, provider: LocalizedText, reason?: LocalizedText): LocalizedText {
  const put = (s: string, lang: "en" | "zh") => s.replace(PROVIDER, provider[lang]).replace(REASON, reason ? reason[lang] : "");
  return { en: put(text.en, "en"), zh: put(text.zh, "zh") };
}

/** After a DNC import: stop the numbers it added on the tasks still calling them. */
export async function stopNumbersAddedBy(jobId: string, contextFor: ContextFor = defaultContextFor): Promise<StopReport[]> {
  const db = getDb();
  const reports: StopReport[] = [];
  let cursor: string | undefined;
  for (;;) {
    const entries = await db.dncEntry.findMany({
      where: { source: `import:${jobId}` },
      orderBy: { id: "asc" },
      take: LOOKUP_CHUNK,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, phone: true, scope: true },
    });
    if (entries.length === 0) break;
    const scope = entries[0].scope;
    reports.push(...(await stopNumbersOnTasks({ phones: entries.map((e) => e.phone), scope, contextFor })));
    cursor = entries[entries.length - 1].id;
  }
  if (reports.length) {
    recordAudit({ actor: SYSTEM_ACTOR, action: "dnc.stop", targetType: "job", targetId: jobId, after: { tasks: reports.map((r) => ({ taskId: r.taskId, outcome: r.outcome, numbers: r.phones.length })) } });
  }
  return reports;
}

/** The lists one can pick: global, then one per provider account. */
export async function dncScopes(): Promise<{ id: string; name: string | null; count: number }[]> {
  const db = getDb();
  const [accounts, counts] = await Promise.all([
    db.providerAccount.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, name: true } }),
    db.dncEntry.groupBy({ by: ["scope"], _count: { _all: true } }),
  ]);
  const countOf = new Map(counts.map((c) => [c.scope, c._count._all]));
  return [{ id: GLOBAL_SCOPE, name: null, count: countOf.get(GLOBAL_SCOPE) ?? 0 }, ...accounts.map((a) => ({ id: a.id, name: a.name, count: countOf.get(a.id) ?? 0 }))];
}
