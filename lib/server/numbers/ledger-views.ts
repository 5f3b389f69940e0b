// Reading the ledger (issue 13 point 5): a task's numbers tab (filters, keyset pages, CSV export) and one
// number's story across every task and provider. Numbers leave the server masked for viewers (point 6).
import "server-only";
import { createCipheriv, createDecipheriv, createHash } from "node:crypto";
import type { CountryCode } from "libphonenumber-js";
import { normalizePhone, phoneFor } from "../../domain/numbers/phone";
import { recordAudit, type AuditActor } from "../audit";
import { encryptionKey } from "../config";
import { getDb } from "../db";
import { AppError } from "../errors";
import { adapterFor } from "../../providers/registry";
import type { LocalizedText } from "../../domain/text";
import { LEDGER_STATES, type LedgerState } from "./ledger";
import { numbersText } from "./text";

export interface NumberRowView {
  /** The number as the reader may see it (masked for viewers). */
  phone: string;
  /** Opaque reference to the number (its story page), safe in a viewer's page. */
  ref: string;
  state: string;
  attempts: number;
  lastOutcome: string | null;
  lastCallAt: Date | null;
  reason: string | null;
  orderId: string | null;
}

export interface TaskNumbersPage {
  rows: NumberRowView[];
  counts: Partial<Record<LedgerState, number>>;
  total: number;
  /** Opaque: the next page starts after it. */
  next: string | null;
}

const PAGE = 100;

export function isLedgerState(s: unknown): s is LedgerState {
  return typeof s === "string" && (LEDGER_STATES as readonly string[]).includes(s);
}

/**
 * A page of a task's numbers in phone order, optionally one state or one number. The cursor is the last
 * phone of the page, opaque to the client (encoded so a viewer's page never carries a whole number).
 */
export async function taskNumbers({
  taskId,
  state,
  search,
  after,
  wholeNumbers,
  country = "CN",
}: {
  taskId: string;
  state?: LedgerState;
  search?: string;
  after?: string;
  wholeNumbers: boolean;
  country?: CountryCode;
}): Promise<TaskNumbersPage> {
  const db = getDb();
  if (!(await db.task.findUnique({ where: { id: taskId }, select: { id: true } }))) throw new AppError("NOT_FOUND", numbersText("errors.taskNotFound"));
  const phone = search?.trim() ? normalizePhone(search.trim(), country) : null;
  const afterPhone = after ? decodeCursor(after) : null;
  const rows =
    search?.trim() && !phone
      ? []
      : await db.taskNumber.findMany({
          where: { taskId, ...(state ? { state } : {}), ...(phone ? { phone } : afterPhone ? { phone: { gt: afterPhone } } : {}) },
          orderBy: { phone: "asc" },
          take: PAGE + 1,
          select: { phone: true, state: true, attempts: true, lastOutcome: true, lastCallAt: true, reason: true, orderId: true },
        });
  const grouped = await db.taskNumber.groupBy({ by: ["state"], where: { taskId }, _count: { _all: true } });
  const counts: TaskNumbersPage["counts"] = {};
  let total = 0;
  for (const g of grouped) {
    if (isLedgerState(g.state)) counts[g.state] = g._count._all;
    total += g._count._all;
  }
  const page = rows.slice(0, PAGE);
  return {
    rows: page.map((r) => ({ ...r, phone: phoneFor(r.phone, wholeNumbers), ref: encodeCursor(r.phone) })),
    counts,
    total,
    next: rows.length > PAGE ? encodeCursor(page[page.length - 1].phone) : null,
  };
}

// The cursor is the last number of the page, encrypted with a key derived from the server's: a viewer's page
// must not carry a whole number, even one the page shows masked.

function cursorKey(): Buffer {
  return createHash("sha256").update(encryptionKey()).update("numbers-cursor").digest();
}

export function encodeCursor(phone: string): string {
  const iv = createHash("sha256").update(phone).digest().subarray(0, 16);
  const c = createCipheriv("aes-256-cbc", cursorKey(), iv);
  return `${iv.toString("base64url")}.${Buffer.concat([c.update(phone, "utf8"), c.final()]).toString("base64url")}`;
}

export function decodeCursor(cursor: string): string | null {
  try {
    const [iv, body] = cursor.split(".");
    const d = createDecipheriv("aes-256-cbc", cursorKey(), Buffer.from(iv, "base64url"));
    return Buffer.concat([d.update(Buffer.from(body, "base64url")), d.final()]).toString("utf8");
  } catch {
    return null;
  }
}

const EXPORT_PAGE = 5_000;
const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The task's numbers as CSV, streamed; masked for viewers, and a whole-number export is audited. */
export async function exportTaskNumbers({ taskId, state, wholeNumbers, actor }: { taskId: string; state?: LedgerState; wholeNumbers: boolean; actor: AuditActor }): Promise<{ fileName: string; body: ReadableStream<Uint8Array> }> {
  const db = getDb();
  const task = await db.task.findUnique({ where: { id: taskId }, select: { id: true, name: true } });
  if (!task) throw new AppError("NOT_FOUND", numbersText("errors.taskNotFound"));
  if (wholeNumbers) recordAudit({ actor, action: "numbers.export", targetType: "task", targetId: taskId, after: { state: state ?? "all", unmasked: true } });
  const encoder = new TextEncoder();
  let after: string | null = null;
  let finished = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode("\uFEFFphone,state,attempts,last_outcome,last_call_at,reason,order_id\r\n"));
    },
    async pull(controller) {
      if (finished) return;
      const rows: { phone: string; state: string; attempts: number; lastOutcome: string | null; lastCallAt: Date | null; reason: string | null; orderId: string | null }[] = await db.taskNumber.findMany({
        where: { taskId, ...(state ? { state } : {}), ...(after ? { phone: { gt: after } } : {}) },
        orderBy: { phone: "asc" },
        take: EXPORT_PAGE,
        select: { phone: true, state: true, attempts: true, lastOutcome: true, lastCallAt: true, reason: true, orderId: true },
      });
      if (rows.length === 0) {
        finished = true;
        controller.close();
        return;
      }
      after = rows[rows.length - 1].phone;
      const lines = rows.map((r) =>
        [phoneFor(r.phone, wholeNumbers), r.state, String(r.attempts), r.lastOutcome ?? "", r.lastCallAt?.toISOString() ?? "", r.reason ?? "", r.orderId ?? ""].map(csvCell).join(","),
      );
      controller.enqueue(encoder.encode(lines.join("\r\n") + "\r\n"));
    },
  });
  const safe = task.name.normalize("NFC").replace(/[^\p{L}\p{N}_-]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 80) || "task";
  return { fileName: `${safe}-numbers.csv`, body };
}

/** Every task's ledger row of one number (E.164): the lookup the number page and its benchmark make. */
export async function ledgerOf(phone: string) {
  return getDb().taskNumber.findMany({
    where: { phone },
    orderBy: { updatedAt: "desc" },
    take: 500,
    select: { state: true, attempts: true, lastOutcome: true, lastCallAt: true, reason: true, task: { select: { id: true, name: true, account: { select: { kind: true, name: true } } } } },
  });
}

export interface NumberStory {
  /** As the reader may see it. */
  phone: string;
  tasks: { taskId: string; taskName: string; provider: LocalizedText; accountName: string; state: string; attempts: number; lastOutcome: string | null; lastCallAt: Date | null; reason: string | null }[];
  calls: { taskId: string; taskName: string; provider: LocalizedText; startedAt: Date; outcome: string; durationSec: number }[];
  dnc: { scope: string; scopeName: string; reason: string; expiresAt: Date | null; createdAt: Date }[];
}

const STORY_CALLS = 200;

/** A number typed into a search, as an opaque reference for the story page's URL (null when not a number). */
export function numberRef(input: string, country: CountryCode = "CN"): string | null {
  const phone = normalizePhone(input.trim(), country);
  return phone ? encodeCursor(phone) : null;
}

/** One number across every task and provider: its ledger rows, the timeline of its calls, its DNC entries. */
export async function numberStory({ input, ref, wholeNumbers, country = "CN" }: { input?: string; ref?: string; wholeNumbers: boolean; country?: CountryCode }): Promise<NumberStory | null> {
  const phone = ref ? decodeCursor(ref) : input ? normalizePhone(input.trim(), country) : null;
  if (!phone) return null;
  const db = getDb();
  const [ledger, calls, dnc] = await Promise.all([
    ledgerOf(phone),
    db.callRecord.findMany({
      where: { phone },
      orderBy: { startedAt: "desc" },
      take: STORY_CALLS,
      select: { startedAt: true, outcome: true, durationSec: true, task: { select: { id: true, name: true, account: { select: { kind: true } } } } },
    }),
    db.dncEntry.findMany({ where: { phone }, select: { scope: true, reason: true, expiresAt: true, createdAt: true } }),
  ]);
  const accounts = new Map((await db.providerAccount.findMany({ where: { id: { in: dnc.map((d) => d.scope) } }, select: { id: true, name: true } })).map((a) => [a.id, a.name]));
  const label = (kind: string): LocalizedText => {
    try {
      return adapterFor(kind).capabilities.label;
    } catch {
      return { en: kind, zh: kind };
    }
  };
  return {
    phone: phoneFor(phone, wholeNumbers),
    tasks: ledger.map((l) => ({
      taskId: l.task.id,
      taskName: l.task.name,
      provider: label(l.task.account.kind),
      accountName: l.task.account.name,
      state: l.state,
      attempts: l.attempts,
      lastOutcome: l.lastOutcome,
      lastCallAt: l.lastCallAt,
      reason: l.reason,
    })),
    calls: calls.map((c) => ({ taskId: c.task.id, taskName: c.task.name, provider: label(c.task.account.kind), startedAt: c.startedAt, outcome: c.outcome, durationSec: c.durationSec })),
    dnc: dnc.map((d) => ({ ...d, scopeName: d.scope === "global" ? numbersText("dnc.global").en : (accounts.get(d.scope) ?? d.scope) })),
  };
}
