// The webhook inbox's write path (docs/design.md "Webhook ingestion", issue 14 goal 1): group commit. Every verified
// delivery is queued; whatever queued while the previous transaction was committing goes into the next one,
// so under load one transaction carries many deliveries and costs one commit, and when idle a delivery commits
// alone at once. A caller's promise settles only after its transaction committed: an acknowledged event is
// durable. In the same transaction, per delivery: its id is recorded with a hash of its body (the replay rule
// of webhook-replay.ts: an id seen again with another body is refused) and, if admitted, its events are stored
// under their dedupe keys (a key already stored is a re-delivery: not stored again).
// The rows go through the drivers directly (inbox-sqlite.ts, inbox-postgres.ts), as bulk imports do: Prisma's
// per-statement cost would dominate at thousands of deliveries per second.
import "server-only";
import { databaseUrl, isPostgres } from "../config";

export interface InboxDelivery {
  id: string;
  sentAt: Date;
  bodyHash: string;
}

export interface InboxEntry {
  accountId: string;
  /** The provider's delivery id (NXCloud requestID); null for providers that send none. */
  delivery: InboxDelivery | null;
  /** Parsed events: dedupe key and the stored body. */
  events: { dedupeKey: string; body: string }[];
}

/** Refused: the delivery id was seen with another body. Admitted: per event, its new row id, or null when a duplicate. */
export type InboxVerdict = { admitted: false } | { admitted: true; rowIds: (string | null)[] };

export interface InboxStore {
  readonly url: string;
  /** Transactions it takes at once (the next waits at the store, not here, while one commits). */
  readonly inFlight: number;
  commit(entries: InboxEntry[], now: Date): Promise<InboxVerdict[]>;
  close(): Promise<void>;
}

/** Deliveries per transaction at most: a bound on one commit's size and on the latency it adds. */
const MAX_BATCH = 500;

interface Waiting {
  entry: InboxEntry;
  resolve: (v: InboxVerdict) => void;
  reject: (e: unknown) => void;
}

async function openStore(url: string): Promise<InboxStore> {
  if (isPostgres(url)) return (await import("./inbox-postgres")).openPostgresInbox(url);
  return (await import("./inbox-sqlite")).openSqliteInbox(url);
}

class GroupCommit {
  private queue: Waiting[] = [];
  private inFlight = 0;
  /** The store's inFlight, once it is open: until then one transaction at a time. */
  private maxInFlight = 1;
  private scheduled = false;
  private store: Promise<InboxStore> | null = null;

  append(entry: InboxEntry): Promise<InboxVerdict> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      this.schedule();
    });
  }

  /** After this turn of the event loop: every request read in it joins the same transaction. */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.launch();
    });
  }

  /** The store for the current DATABASE_URL (tests point the process at a new database between cases). */
  private async currentStore(): Promise<InboxStore> {
    const url = databaseUrl();
    const open = this.store ? await this.store.catch(() => null) : null;
    if (open && open.url === url) return open;
    if (open) await open.close().catch(() => undefined);
    this.store = openStore(url);
    return this.store;
  }

  private launch(): void {
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.commit(batch).finally(() => {
        this.inFlight--;
        if (this.queue.length > 0) this.schedule();
      });
    }
  }

  private async commit(batch: Waiting[]): Promise<void> {
    try {
      const store = await this.currentStore();
      this.maxInFlight = store.inFlight;
      const verdicts = await store.commit(batch.map((w) => w.entry), new Date());
      batch.forEach((w, i) => w.resolve(verdicts[i]));
    } catch (e) {
      for (const w of batch) w.reject(e);
    }
  }

  async close(): Promise<void> {
    const store = this.store ? await this.store.catch(() => null) : null;
    this.store = null;
    await store?.close();
  }
}

const inbox = new GroupCommit();

/** Stores one delivery's events in the inbox; resolves once committed. */
export function appendToInbox(entry: InboxEntry): Promise<InboxVerdict> {
  return inbox.append(entry);
}

/** Closes the inbox's own database connection (shutdown, tests). */
export function closeInbox(): Promise<void> {
  return inbox.close();
}
