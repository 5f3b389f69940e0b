// A provider for the numbers db tests (through the registry, no provider folder imported): NXCloud's capabilities with number-level operations switched on or
// off, numbers kept in memory, and faults on demand (an answer lost after the batch landed, or before).
// The real adapters' listNumbers / removeNumbers arrive from the provider branches.
import { ProviderError } from "../../providers/errors";
import { adapterFor } from "../../providers/registry";
import type { Contact, ProviderAdapter, RemoteNumber, RemoteTask } from "../../providers/types";
import type { ContextFor } from "./context";

export interface StubProvider {
  adapter: ProviderAdapter;
  contextFor: ContextFor;
  /** Every number each task received, in order (a number twice = sent twice). */
  received: Map<string, string[]>;
  /** The next addContacts call: lands and loses its answer, loses it before landing, or is refused. */
  nextAdd: "lost-after-landing" | "lost-before-landing" | "refused" | "hang-after-landing" | null;
  /** Ends a hung addContacts (the process that made it is "dead": whatever it does next must change nothing). */
  release: () => void;
  removed: string[];
}

export function stubProvider(opts: { list: boolean; remove: boolean; batchSize?: number }): StubProvider {
  const nxcloudAdapter = adapterFor("nxcloud");
  const received = new Map<string, string[]>();
  const stub: StubProvider = { adapter: null as unknown as ProviderAdapter, contextFor: null as unknown as ContextFor, received, nextAdd: null, removed: [], release: () => {} };
  const lost = () =>
    new ProviderError({ provider: "nxcloud", code: "TIMEOUT", providerMessage: "timed out", mayHaveApplied: true, retryable: false, userMessage: { en: "timed out", zh: "超时" } });
  const task = (remoteId: string): RemoteTask => ({
    remoteId,
    name: remoteId,
    kind: "call",
    taskType: "callbot",
    status: "running",
    rawStatus: "2",
    createdAt: null,
    stats: null,
    concurrency: null,
    raw: {},
  });
  stub.adapter = {
    ...nxcloudAdapter,
    capabilities: {
      ...nxcloudAdapter.capabilities,
      label: { en: "Stub provider", zh: "测试服务商" },
      limits: { ...nxcloudAdapter.capabilities.limits, contactsBatchSize: opts.batchSize ?? 3 },
      numberOps: { list: opts.list, calls: false, remove: opts.remove, batchSize: 2 },
    },
    getTask: async (_ctx, remoteId) => task(remoteId),
    addContacts: async (_ctx, remoteId, contacts: Contact[]) => {
      const fault = stub.nextAdd;
      stub.nextAdd = null;
      if (fault === "refused") throw new ProviderError({ provider: "nxcloud", code: "400", providerMessage: "bad", userMessage: { en: "The task is closed.", zh: "任务已关闭。" } });
      if (fault === "lost-before-landing") throw lost();
      const list = received.get(remoteId) ?? [];
      const rejected = contacts.filter((c) => c.phone.endsWith("99")).map((c) => ({ phone: c.phone, reason: { en: "Blocked by the carrier.", zh: "运营商拦截。" } }));
      list.push(...contacts.filter((c) => !c.phone.endsWith("99")).map((c) => c.phone));
      received.set(remoteId, list);
      if (fault === "lost-after-landing") throw lost();
      if (fault === "hang-after-landing") {
        await new Promise<void>((resolve) => (stub.release = resolve));
        throw lost();
      }
      return { accepted: contacts.length - rejected.length, rejected };
    },
    listNumbers: opts.list
      ? async (_ctx, remoteId, cursor) => {
          const all = received.get(remoteId) ?? [];
          const start = cursor ? Number(cursor) : 0;
          const items: RemoteNumber[] = all.slice(start, start + 2).map((phone) => ({ phone, orderId: `o-${phone}`, state: "queued", attempts: 0, lastOutcome: null, lastCallAt: null, raw: {} }));
          return { items, nextCursor: start + 2 < all.length ? String(start + 2) : null, total: all.length };
        }
      : undefined,
    removeNumbers: opts.remove
      ? async (_ctx, _remoteId, phones) => {
          stub.removed.push(...phones);
          return { removed: phones.filter((p) => !p.endsWith("7")), notRemoved: phones.filter((p) => p.endsWith("7")).map((phone) => ({ phone, reason: { en: "Already dialling.", zh: "正在拨打。" } })) };
        }
      : undefined,
  };
  stub.contextFor = async (accountId) => ({ adapter: stub.adapter, ctx: { baseUrl: "http://127.0.0.1:9", credentials: {}, settings: {} }, account: { id: accountId, name: "stub" } });
  return stub;
}
