// The organisation's contact-cap rule (stored in OrgSetting) and the load of numbers across every task and
// provider that the rule is checked against when numbers are sent.
import "server-only";
import { capWindows, DEFAULT_CAPS, type ContactCapRule, type NumberLoad } from "../../domain/numbers/caps";
import { recordAudit, type AuditActor } from "../audit";
import { getDb } from "../db";

const KEY = "contactCaps";
const LIVE_TASK = ["pending", "running", "paused"];
const CHUNK = 500;

export async function getCapRule(): Promise<ContactCapRule> {
  const row = await getDb().orgSetting.findUnique({ where: { key: KEY }, select: { value: true } });
  return row ? { ...DEFAULT_CAPS, ...(JSON.parse(row.value) as Partial<ContactCapRule>) } : DEFAULT_CAPS;
}

export async function setCapRule({ actor, rule }: { actor: AuditActor; rule: Omit<ContactCapRule, "timeZone"> }): Promise<ContactCapRule> {
  const before = await getCapRule();
  const next: ContactCapRule = { ...before, ...rule };
  const value = JSON.stringify(next);
  await getDb().orgSetting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
  recordAudit({ actor, action: "contacts.caps", targetType: "orgSetting", targetId: KEY, before, after: next });
  return next;
}

/** Calls made and calls waiting, per number, across every task except `exceptTaskId` (null: every task). */
export async function numberLoads(phones: string[], exceptTaskId: string | null, rule: ContactCapRule, now: Date): Promise<Map<string, NumberLoad>> {
  const db = getDb();
  const { dayStart, weekStart } = capWindows(now, rule.timeZone);
  const loads = new Map<string, NumberLoad>(phones.map((p) => [p, { callsToday: 0, callsWeek: 0, pending: 0 }]));
  for (let i = 0; i < phones.length; i += CHUNK) {
    const chunk = phones.slice(i, i + CHUNK);
    const calls = await db.callRecord.findMany({ where: { phone: { in: chunk }, startedAt: { gte: weekStart } }, select: { phone: true, startedAt: true } });
    for (const c of calls) {
      const load = loads.get(c.phone!);
      if (!load) continue;
      load.callsWeek++;
      if (c.startedAt >= dayStart) load.callsToday++;
    }
    const waiting = await db.taskNumber.groupBy({
      by: ["phone"],
      where: { phone: { in: chunk }, ...(exceptTaskId ? { taskId: { not: exceptTaskId } } : {}), state: { in: ["queued", "sent"] }, task: { status: { in: LIVE_TASK } } },
      _count: { _all: true },
    });
    for (const w of waiting) loads.get(w.phone)!.pending = w._count._all;
  }
  return loads;
}
