// SQLite side of inbox.ts. The writes run in a worker thread with its own better-sqlite3 connection, because
// better-sqlite3 is synchronous and two of its waits would otherwise stop every request of the process:
//  - the commit's fsync (synchronous = FULL, see below) takes milliseconds on a real disk;
//  - a commit that meets the write lock held by the app's Prisma connection (an apply, a sync, a form) waits
//    for it (commitWhenFree below), which sleeps the thread — and Prisma can only finish its transaction, and so
//    release the lock, on the thread that is asleep.
// In the worker only the worker waits; the main thread keeps reading requests, which queue for the next batch.
// synchronous = FULL: a commit reaches the disk before the deliveries in it are answered. NORMAL is not enough
// here: in WAL mode it is safe against a crash of the process but a power loss or an OS crash may roll back
// the last commits (docs/stack.md, "SQLite with several writers"), and a provider does not send again what we
// acknowledged. Group commit makes it one fsync per batch, not per delivery.
import "server-only";
import { Worker } from "node:worker_threads";
import { newId } from "../ids";
import { workerCalls } from "../worker-calls";
import type { InboxEntry, InboxStore, InboxVerdict } from "./inbox";

// Plain JavaScript, evaluated by the worker (the same text whether this module runs in Next's bundle, under
// tsx or in vitest). Dates travel as ISO strings; SQLite stores them as Prisma's adapter does ("+00:00").
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");
const sqliteDate = (iso) => iso.replace("Z", "+00:00");
const db = new Database(workerData.path, { timeout: 0 });
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
const insDelivery = db.prepare('INSERT INTO "WebhookDelivery" ("id", "accountId", "deliveryId", "bodyHash", "sentAt", "receivedAt") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
const seenHash = db.prepare('SELECT "bodyHash" FROM "WebhookDelivery" WHERE "accountId" = ? AND "deliveryId" = ?').pluck();
const insEvent = db.prepare('INSERT INTO "WebhookEvent" ("id", "accountId", "dedupeKey", "receivedAt", "body") VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
const commit = db.transaction((entries, nowIso) => {
  const at = sqliteDate(nowIso);
  return entries.map((e) => {
    const d = e.delivery;
    if (d && insDelivery.run(e.rowId, e.accountId, d.id, d.bodyHash, sqliteDate(d.sentAt), at).changes === 0) {
      if (seenHash.get(e.accountId, d.id) !== d.bodyHash) return { admitted: false };
    }
    return {
      admitted: true,
      rowIds: e.events.map((ev, i) => (insEvent.run(e.eventIds[i], e.accountId, ev.dedupeKey, at, ev.body).changes === 1 ? e.eventIds[i] : null)),
    };
  });
});
// The write lock is waited for here, not in SQLite's busy handler: the handler sleeps 1, 2, 5, then 10 ms and
// more between tries, and the lock an apply holds is free again well within a millisecond of that. A short
// wait (Atomics.wait: this thread only), doubling up to 2 ms, for at most 15 s. BEGIN IMMEDIATE takes the lock
// first, so a refused try has written nothing.
const pause = new Int32Array(new SharedArrayBuffer(4));
const isBusy = (e) => typeof (e && e.code) === "string" && e.code.startsWith("SQLITE_BUSY");
function commitWhenFree(entries, now) {
  const giveUpAt = Date.now() + 15000;
  for (let waitMs = 0.1; ; waitMs = Math.min(waitMs * 2, 2)) {
    try {
      return commit.immediate(entries, now);
    } catch (e) {
      if (!isBusy(e) || Date.now() > giveUpAt) throw e;
    }
    Atomics.wait(pause, 0, 0, waitMs);
  }
}
parentPort.on("message", (m) => {
  if (m.close) {
    db.close();
    parentPort.postMessage({ id: m.id, closed: true });
    return;
  }
  try {
    parentPort.postMessage({ id: m.id, verdicts: commitWhenFree(m.entries, m.now) });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String(e && e.message || e) });
  }
});
`;

type Reply = { id: number; verdicts?: InboxVerdict[]; error?: string; closed?: boolean };

export function openSqliteInbox(url: string): InboxStore {
  const worker = new Worker(WORKER, { eval: true, workerData: { path: url.replace(/^file:/, "") } });
  // The worker never keeps the process alive on its own (a server's shutdown, a test file's end).
  worker.unref();
  const ask = workerCalls<Reply>(worker, "inbox worker");

  return {
    url,
    // The worker commits one message at a time; a second one waits in its queue, so that the worker goes on to
    // it as soon as the first is committed (issue 14 goal 1: ~1,540 → ~1,830 deliveries/s in the webhooks bench).
    inFlight: 2,
    async commit(entries: InboxEntry[], now: Date) {
      // The rows' ids are made here, the worker being plain JavaScript: time-ordered (ids.ts), so that each commit
      // adds to the end of the primary keys' indexes. With random ids every delivery dirtied pages of its own
      // there, each written to the WAL and synced: a commit cost about 3 ms under the webhooks bench, 1.8 ms now.
      const plain = entries.map((e) => ({
        ...e,
        delivery: e.delivery && { ...e.delivery, sentAt: e.delivery.sentAt.toISOString() },
        rowId: newId(),
        eventIds: e.events.map(() => newId()),
      }));
      const reply = await ask({ entries: plain, now: now.toISOString() });
      if (reply.error !== undefined) throw new Error(`inbox commit failed: ${reply.error}`);
      return reply.verdicts!;
    },
    async close() {
      await ask({ close: true }).catch(() => undefined);
      await worker.terminate();
    },
  };
}
