// PostgreSQL side of inbox.ts: its own pg connections (a pool, one per transaction in flight), one transaction
// per batch of three statements whatever the batch's size (multi-row inserts over unnest arrays). One in flight:
// with two, the webhooks bench answered fewer deliveries (1,170/s against 1,360 on 2 cores, where the database
// server shares the CPU with the app). Concurrent instances meet on the unique indexes:
// ON CONFLICT DO NOTHING waits for the other transaction, then skips what it stored. Rows are inserted in key
// order, so two instances' batches that share keys wait on each other instead of deadlocking.
import "server-only";
import pg from "pg";
import { newId } from "../ids";
import { logger } from "../logger";
import type { InboxEntry, InboxStore, InboxVerdict } from "./inbox";

/** Transactions in flight (and connections): see above. */
const IN_FLIGHT = 1;

export async function openPostgresInbox(url: string): Promise<InboxStore> {
  const pool = new pg.Pool({ connectionString: url, max: IN_FLIGHT });
  // An idle connection that breaks (the server restarted) is dropped by the pool; unheard, the event would end
  // the process. A commit on a broken connection fails by itself (its deliveries are answered 500).
  pool.on("error", (e) => logger.warn({ err: e.message }, "webhook inbox: idle connection lost"));
  // Fails here, as a single connection did, when the database cannot be reached.
  (await pool.connect()).release();

  async function commitInTx(client: pg.PoolClient, entries: InboxEntry[], now: Date): Promise<InboxVerdict[]> {
    const at = now.toISOString();
    const withDelivery = entries.filter((e) => e.delivery !== null);
    const admitted = new Set<InboxEntry>(entries.filter((e) => e.delivery === null));
    if (withDelivery.length > 0) {
      const accountIds = withDelivery.map((e) => e.accountId);
      const deliveryIds = withDelivery.map((e) => e.delivery!.id);
      await client.query(
        `INSERT INTO "WebhookDelivery" ("id", "accountId", "deliveryId", "bodyHash", "sentAt", "receivedAt")
         SELECT i, a, d, h, s::timestamp, $6::timestamp FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(i, a, d, h, s)
         ORDER BY a, d
         ON CONFLICT DO NOTHING`,
        [withDelivery.map(() => newId()), accountIds, deliveryIds, withDelivery.map((e) => e.delivery!.bodyHash), withDelivery.map((e) => e.delivery!.sentAt.toISOString()), at],
      );
      const seen = await client.query<{ accountId: string; deliveryId: string; bodyHash: string }>(
        `SELECT w."accountId", w."deliveryId", w."bodyHash" FROM "WebhookDelivery" w
         JOIN unnest($1::text[], $2::text[]) AS u(a, d) ON w."accountId" = u.a AND w."deliveryId" = u.d`,
        [accountIds, deliveryIds],
      );
      const hashOf = new Map(seen.rows.map((r) => [`${r.accountId}\n${r.deliveryId}`, r.bodyHash]));
      for (const e of withDelivery) if (hashOf.get(`${e.accountId}\n${e.delivery!.id}`) === e.delivery!.bodyHash) admitted.add(e);
    }
    const rows = entries.flatMap((e) => (admitted.has(e) ? e.events.map((ev) => ({ id: newId(), accountId: e.accountId, ...ev })) : []));
    const inserted = new Set<string>();
    if (rows.length > 0) {
      const res = await client.query<{ id: string }>(
        `INSERT INTO "WebhookEvent" ("id", "accountId", "dedupeKey", "receivedAt", "body")
         SELECT i, a, k, $5::timestamp, b FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(i, a, k, b)
         ORDER BY a, k
         ON CONFLICT DO NOTHING RETURNING "id"`,
        [rows.map((r) => r.id), rows.map((r) => r.accountId), rows.map((r) => r.dedupeKey), rows.map((r) => r.body), at],
      );
      for (const r of res.rows) inserted.add(r.id);
    }
    let next = 0;
    return entries.map((e): InboxVerdict => {
      if (!admitted.has(e)) return { admitted: false };
      return { admitted: true, rowIds: e.events.map(() => rows[next++]).map((r) => (inserted.has(r.id) ? r.id : null)) };
    });
  }

  return {
    url,
    inFlight: IN_FLIGHT,
    async commit(entries, now) {
      const client = await pool.connect();
      // A connection that cannot even roll back is broken: the pool drops it instead of lending it again.
      let broken = false;
      try {
        await client.query("BEGIN");
        try {
          const verdicts = await commitInTx(client, entries, now);
          await client.query("COMMIT");
          return verdicts;
        } catch (e) {
          await client.query("ROLLBACK").catch(() => (broken = true));
          throw e;
        }
      } finally {
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}
