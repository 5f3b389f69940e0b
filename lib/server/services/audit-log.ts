// Reading the audit log (the Audit page): filters by user, action and date range, newest first, paginated.
import "server-only";
import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { getDb } from "../db";

/** Dates on the Audit page are days in the console's time zone (the one its times are shown in). */
export const AUDIT_TIME_ZONE = "Asia/Shanghai";

function startOfDay(date: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d, AUDIT_TIME_ZONE).getTime());
}

function startOfNextDay(date: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d + 1, AUDIT_TIME_ZONE).getTime());
}

export const ZAuditQuery = z.object({
  user: z.string().optional(),
  action: z.string().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).default(1),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const AUDIT_PAGE_SIZE = 50;

export async function listAudit(q: TAuditQuery) {
  const where = {
    ...(q.user ? { actorEmail: q.user } : {}),
    ...(q.action ? { action: { startsWith: q.action } } : {}),
    ...(q.from || q.to
      ? {
          at: {
            ...(q.from ? { gte: startOfDay(q.from) } : {}),
            ...(q.to ? { lt: startOfNextDay(q.to) } : {}),
          },
        }
      : {}),
  };
  const db = getDb();
  const [total, rows] = await Promise.all([
    db.auditEntry.count({ where }),
    db.auditEntry.findMany({
      where,
      orderBy: { at: "desc" },
      skip: (q.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: { id: true, at: true, actorEmail: true, action: true, targetType: true, targetId: true, summary: true },
    }),
  ]);
  return { total, page: q.page, pageSize: AUDIT_PAGE_SIZE, rows };
}

export async function auditFilterOptions() {
  const db = getDb();
  const [users, actions] = await Promise.all([
    db.auditEntry.findMany({ distinct: ["actorEmail"], select: { actorEmail: true }, orderBy: { actorEmail: "asc" } }),
    db.auditEntry.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
  ]);
  return { users: users.map((u) => u.actorEmail), actions: actions.map((a) => a.action) };
}
