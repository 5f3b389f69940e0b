// SQLite side of inbox.ts: its own better-sqlite3 connection (WAL, so the app's Prisma connection keeps reading
// meanwhile), prepared statements, one transaction per batch. synchronous = FULL: a commit reaches the disk
// before the deliveries in it are answered (group commit makes that one fsync per batch, not per delivery).
import "server-only";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { sqliteDate } from "../numbers/bulk-sqlite";
import type { InboxEntry, InboxStore, InboxVerdict } from "./inbox";

export function openSqliteInbox(url: string): InboxStore {
  const db = new Database(url.replace(/^file:/, ""), { timeout: 15_000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  const insDelivery = db.prepare(
    `INSERT INTO "WebhookDelivery" ("id", "accountId", "deliveryId", "bodyHash", "sentAt", "receivedAt") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const seenHash = db.prepare(`SELECT "bodyHash" FROM "WebhookDelivery" WHERE "accountId" = ? AND "deliveryId" = ?`).pluck();
  const insEvent = db.prepare(
    `INSERT INTO "WebhookEvent" ("id", "accountId", "dedupeKey", "receivedAt", "body") VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );

  const commit = db.transaction((entries: InboxEntry[], now: Date): InboxVerdict[] => {
    const at = sqliteDate(now);
    return entries.map((e): InboxVerdict => {
      const d = e.delivery;
      if (d && insDelivery.run(randomUUID(), e.accountId, d.id, d.bodyHash, sqliteDate(d.sentAt), at).changes === 0) {
        if (seenHash.get(e.accountId, d.id) !== d.bodyHash) return { admitted: false };
      }
      return {
        admitted: true,
        rowIds: e.events.map((ev) => {
          const id = randomUUID();
          return insEvent.run(id, e.accountId, ev.dedupeKey, at, ev.body).changes === 1 ? id : null;
        }),
      };
    });
  });

  return {
    url,
    async commit(entries, now) {
      return commit.immediate(entries, now);
    },
    async close() {
      db.close();
    },
  };
}
