// The inbox's group commit (inbox.ts) with more than one transaction in flight, against the real database:
// deliveries appended over several turns of the event loop go in concurrent transactions (SQLite's worker takes
// them in turn; PostgreSQL runs them on connections of their own), and the rules hold across them.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "../db";
import { databaseKind, freshDatabase } from "../testing/db";
import { appendToInbox, closeInbox, type InboxEntry, type InboxVerdict } from "./inbox";
import { createAccount, NX_CREDENTIALS } from "./test-support";

let accountId: string;
const sentAt = new Date("2026-05-04T01:02:03.000Z");

beforeEach(async () => {
  await freshDatabase();
  accountId = await createAccount("nxcloud", "http://127.0.0.1:9", NX_CREDENTIALS);
});
afterAll(async () => {
  await closeInbox();
});

const entry = (delivery: string, bodyHash: string, keys: string[]): InboxEntry => ({
  accountId,
  delivery: { id: delivery, sentAt, bodyHash },
  events: keys.map((k) => ({ dedupeKey: k, body: JSON.stringify({ k }) })),
});

const nextTurn = () => new Promise((r) => setImmediate(r));

describe("the webhook inbox", () => {
  it("stores each event once and refuses a reused delivery id across transactions committed at once", async () => {
    const answers: Promise<InboxVerdict>[] = [];
    const original = new Map<string, Promise<InboxVerdict>>();
    // Five turns of the event loop, each with new deliveries, re-deliveries of the last turn's (same id, same
    // body: in a transaction that may commit at the same time as theirs) and one delivery id reused with another
    // body (once the original was answered: of two bodies in flight at once, either may be the one seen first).
    for (let turn = 0; turn < 5; turn++) {
      for (let i = 0; i < 20; i++) {
        const answer = appendToInbox(entry(`d-${turn}-${i}`, `h-${turn}-${i}`, [`k-${turn}-${i}`]));
        original.set(`d-${turn}-${i}`, answer);
        answers.push(answer);
      }
      if (turn > 0) {
        for (let i = 0; i < 20; i += 4) answers.push(appendToInbox(entry(`d-${turn - 1}-${i}`, `h-${turn - 1}-${i}`, [`k-${turn - 1}-${i}`])));
        void original.get(`d-${turn - 1}-1`)!.then(() => answers.push(appendToInbox(entry(`d-${turn - 1}-1`, "another body", [`k-other-${turn}`]))));
      }
      await nextTurn();
    }
    await Promise.all(original.values());
    await nextTurn();
    const verdicts = await Promise.all(answers);

    const refused = verdicts.filter((v) => !v.admitted);
    expect(refused).toHaveLength(4);
    const rowIds = verdicts.flatMap((v) => (v.admitted ? v.rowIds : []));
    const stored = rowIds.filter((id): id is string => id !== null);
    expect(stored).toHaveLength(100);
    expect(rowIds.filter((id) => id === null)).toHaveLength(20);

    const rows = await getDb().webhookEvent.findMany({ where: { accountId }, select: { id: true, dedupeKey: true } });
    expect(rows).toHaveLength(100);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(stored));
    expect(rows.some((r) => r.dedupeKey.startsWith("k-other"))).toBe(false);
    expect(await getDb().webhookDelivery.count({ where: { accountId } })).toBe(100);
  });

  it("waits for a transaction of the app that holds what it needs, then stores the delivery", async () => {
    const db = getDb();
    let verdict: InboxVerdict | undefined;
    let stored: Promise<void> | undefined;
    await db.$transaction(async (tx) => {
      // SQLite: the write lock; PostgreSQL: the account row, which the event's foreign key check needs to share.
      if (databaseKind() === "postgresql") await tx.$queryRawUnsafe(`SELECT 1 FROM "ProviderAccount" WHERE "id" = $1 FOR UPDATE`, accountId);
      else await tx.$executeRawUnsafe(`UPDATE "ProviderAccount" SET "name" = "name" WHERE "id" = ?`, accountId);
      stored = appendToInbox(entry("d-held", "h-held", ["k-held"])).then((v) => void (verdict = v));
      for (let i = 0; i < 5; i++) {
        await tx.providerAccount.findUniqueOrThrow({ where: { id: accountId } });
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(verdict).toBeUndefined();
    });
    await stored;
    expect(verdict).toEqual({ admitted: true, rowIds: [expect.any(String)] });
    expect(await db.webhookEvent.count({ where: { accountId, dedupeKey: "k-held" } })).toBe(1);
  });
});
