// Seed rows for the statistics tests: accounts, tasks with counters, snapshots and hourly roll-ups,
// written straight to the database the way the mirror leaves them.
import "server-only";
import { emptyStats } from "../../../domain/stats";
import type { StatCounters } from "../../../domain/stats-types";
import { getDb } from "../../db";

let seq = 0;

export async function seedAccount(kind: string, name = `${kind} account`): Promise<string> {
  const row = await getDb().providerAccount.create({
    data: { kind, name, baseUrl: "http://127.0.0.1:9", credentialsEnc: "x" },
    select: { id: true },
  });
  return row.id;
}

export interface SeedTask extends Partial<StatCounters> {
  accountId: string;
  name?: string;
  status?: string;
  rawStatus?: string;
  providerAnswerRate?: number | null;
  providerFinishRate?: number | null;
  callTimeGroupId?: string | null;
  retryStrategyId?: string | null;
  concurrency?: number | null;
  lastSyncAt?: Date | null;
  kind?: string;
  goneAt?: Date | null;
  createdAt?: Date;
}

export async function seedTask(input: SeedTask): Promise<string> {
  seq++;
  const row = await getDb().task.create({
    data: {
      remoteId: `remote-${seq}`,
      name: `Task ${seq}`,
      status: "running",
      ...input,
    },
    select: { id: true },
  });
  return row.id;
}

export async function seedRollup(
  taskId: string,
  hour: Date,
  counts: { calls?: number; answered?: number; noAnswer?: number; busy?: number; failed?: number; talkSeconds?: number },
): Promise<void> {
  await getDb().hourlyRollup.create({ data: { taskId, hour, ...counts } });
}

export async function seedSnapshot(
  taskId: string,
  at: Date,
  counts: Partial<StatCounters>,
): Promise<void> {
  await getDb().taskSnapshot.create({ data: { taskId, at, ...emptyStats(), ...counts } });
}

/** A call-time group open Monday to Friday, 09:00–18:00 in Shanghai, or only on the given weekdays. */
export async function seedGroup(name: string, days: number[] = [1, 2, 3, 4, 5], skipHolidays = true): Promise<string> {
  const weekly: Record<number, { start: number; end: number }[]> = { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };
  for (const day of days) weekly[day] = [{ start: 9 * 60, end: 18 * 60 }];
  const row = await getDb().callTimeGroup.create({
    data: { name, timeZone: "Asia/Shanghai", weekly: JSON.stringify(weekly), skipHolidays },
    select: { id: true },
  });
  return row.id;
}
