// Call records (from webhooks or fetched) and the hourly roll-up they feed (issue 6 "Performance").
import "server-only";
import type { CallOutcome } from "../../domain/retry-strategy";
import type { CallRecordEvent } from "../../providers/types";
import { insertRows } from "../bulk-insert";
import { getDb } from "../db";
import { newId } from "../ids";
import { isUniqueViolation } from "../errors";
import { hourOf } from "./snapshots";

const ATTEMPTS = 4;

type RollupDelta = { calls: number; answered: number; noAnswer: number; busy: number; failed: number; talkSeconds: number };

/** The roll-up's outcome columns. A rejected call is the callee hanging up on the ring, which reads as busy. */
function outcomeColumn(outcome: CallOutcome): keyof Omit<RollupDelta, "calls" | "talkSeconds"> {
  switch (outcome) {
    case "answered":
      return "answered";
    case "no-answer":
      return "noAnswer";
    case "busy":
    case "rejected":
      return "busy";
    case "unreachable":
    case "failed":
      return "failed";
  }
}

/**
 * Stores calls not seen before (unique (taskId, callId)) and adds exactly those to the hourly roll-up, in
 * one transaction. A concurrent delivery of the same call waits for the other transaction and is skipped; two
 * transactions creating one hour's roll-up row make one fail on its unique index (PostgreSQL aborts it whole,
 * so nothing of it is counted), which is retried and then finds its calls stored.
 */
export async function recordCalls(taskId: string, calls: CallRecordEvent[]): Promise<{ inserted: number }> {
  const unique = [...new Map(calls.map((c) => [c.callId, c])).values()];
  if (unique.length === 0) return { inserted: 0 };
  for (let attempt = 1; ; attempt++) {
    try {
      return await getDb().$transaction(async (tx) => {
        // One statement: a call already stored is skipped by the unique index, and only the calls it inserted
        // come back to be counted. (Prisma's createMany took ~40 ms for 50 calls on SQLite, most of a webhook
        // apply batch; insertRows sends them as one JSON parameter: bulk-insert.ts.)
        const inserted = await insertRows<"callId">(
          tx,
          "CallRecord",
          unique.map((c) => ({
            id: newId(),
            taskId,
            callId: c.callId,
            orderId: c.orderId ?? null,
            phone: c.phone ?? null,
            outcome: c.outcome,
            startedAt: c.startedAt,
            answeredAt: c.answeredAt ?? null,
            endedAt: c.endedAt ?? null,
            durationSec: c.durationSec,
          })),
          { skipConflictsOn: ["taskId", "callId"], returning: ["callId"] },
        );
        const stored = new Set(inserted.map((r) => r.callId));
        const fresh = unique.filter((c) => stored.has(c.callId));
        if (fresh.length === 0) return { inserted: 0 };
        const byHour = new Map<number, RollupDelta>();
        const now = Date.now();
        for (const c of fresh) {
          // A call stamped in our future (a provider clock ahead of ours) counts in the hour we learn of it.
          const hour = hourOf(new Date(Math.min(c.startedAt.getTime(), now))).getTime();
          const d = byHour.get(hour) ?? { calls: 0, answered: 0, noAnswer: 0, busy: 0, failed: 0, talkSeconds: 0 };
          d.calls++;
          d[outcomeColumn(c.outcome)]++;
          if (c.outcome === "answered") d.talkSeconds += Math.max(0, c.durationSec);
          byHour.set(hour, d);
        }
        for (const [hourMs, d] of byHour) {
          const hour = new Date(hourMs);
          await tx.hourlyRollup.upsert({
            where: { taskId_hour: { taskId, hour } },
            create: { taskId, hour, ...d },
            update: {
              calls: { increment: d.calls },
              answered: { increment: d.answered },
              noAnswer: { increment: d.noAnswer },
              busy: { increment: d.busy },
              failed: { increment: d.failed },
              talkSeconds: { increment: d.talkSeconds },
            },
          });
        }
        return { inserted: fresh.length };
      });
    } catch (e) {
      if (isUniqueViolation(e) && attempt < ATTEMPTS) continue;
      throw e;
    }
  }
}
