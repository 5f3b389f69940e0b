// A fifth provider for tests only (never registered by the app): an in-memory dialler behind the same
// ProviderAdapter interface as the four real ones. It lives in a folder of its own and is added with one
// registerProvider() call, to prove that a new provider needs nothing outside its folder and that line.
import { emptyStats } from "../../../domain/stats";
import type { TaskStats } from "../../../domain/stats-types";
import type { TaskStatus } from "../../../domain/task";
import { sameText } from "../../../domain/text";
import { ProviderError } from "../../errors";
import type { Contact, ProviderAdapter, ProviderCapabilities, RemoteTask, TaskDraft, WebhookEvent } from "../../types";

export const FAKE_KIND = "fake-dialer";
/** The header a fake callback carries: the account's shared secret. */
export const FAKE_SIGNATURE_HEADER = "x-fake-signature";

export interface FakeTask {
  id: string;
  name: string;
  status: TaskStatus;
  draft: TaskDraft;
  numbers: Contact[];
  stats: TaskStats;
}

const capabilities: ProviderCapabilities = {
  kind: FAKE_KIND,
  label: sameText("Fake dialer"),
  operations: {
    create: true,
    update: true,
    start: true,
    pause: true,
    complete: true,
    delete: true,
    addContacts: true,
    timeGroups: false,
    webhooks: true,
    callEvents: false,
  },
  taskKinds: ["call"],
  taskTypes: [{ value: "call", label: sameText("Call") }],
  credentialFields: [{ key: "secret", label: sameText("Secret"), secret: true }],
  settingFields: [],
  params: [{ key: "lines", label: sameText("Lines"), type: "int", min: 1, max: 10, required: true, default: 1 }],
  limits: { nameMaxLength: 40, descriptionMaxLength: 200, contactsBatchSize: 2, maxTasks: null, listPageSize: 2 },
  numberOps: { list: false, calls: false, remove: false, batchSize: null },
  allowedIn: {
    create: ["draft"],
    update: ["pending", "paused"],
    start: ["pending", "paused"],
    pause: ["running"],
    complete: ["pending", "running", "paused"],
    delete: ["pending", "paused", "completed"],
    addContacts: ["pending", "running", "paused"],
  },
  validateParams: () => [],
};

function refusal(code: string, message: string): ProviderError {
  return new ProviderError({ provider: FAKE_KIND, code, providerMessage: message, userMessage: sameText(message) });
}

/** A fresh fake provider with its own state (`tasks` is what the provider "has"). */
export function createFakeDialer(): ProviderAdapter & { tasks: FakeTask[] } {
  const tasks: FakeTask[] = [];
  const find = (id: string): FakeTask => {
    const task = tasks.find((t) => t.id === id);
    if (!task) throw refusal("NOT_FOUND", `no task ${id}`);
    return task;
  };
  const remote = (t: FakeTask): RemoteTask => ({
    remoteId: t.id,
    name: t.name,
    kind: "call",
    taskType: "call",
    status: t.status,
    rawStatus: t.status,
    createdAt: null,
    stats: { ...t.stats, totalOrders: t.numbers.length },
    concurrency: Number(t.draft.params.lines ?? 1),
    raw: { id: t.id, name: t.name, status: t.status },
  });
  const move = (from: TaskStatus[], to: TaskStatus) => async (_ctx: unknown, id: string) => {
    const task = find(id);
    if (!from.includes(task.status)) throw refusal("STATE", `cannot go from ${task.status} to ${to}`);
    task.status = to;
  };

  return {
    kind: FAKE_KIND,
    capabilities,
    tasks,
    async ping() {},
    async listTasks(_ctx, cursor) {
      const start = Number(cursor ?? 0);
      const page = tasks.slice(start, start + capabilities.limits.listPageSize);
      const next = start + page.length;
      return { items: page.map(remote), nextCursor: next < tasks.length ? String(next) : null, total: tasks.length };
    },
    async getTask(_ctx, id) {
      return remote(find(id));
    },
    async getStats(_ctx, id) {
      return remote(find(id)).stats ?? emptyStats();
    },
    async createTask(_ctx, draft) {
      const task: FakeTask = { id: `fake-${tasks.length + 1}`, name: draft.name, status: "pending", draft, numbers: [], stats: emptyStats() };
      tasks.push(task);
      return remote(task);
    },
    async updateTask(_ctx, id, draft) {
      Object.assign(find(id), { name: draft.name, draft });
    },
    startTask: move(["pending", "paused"], "running"),
    pauseTask: move(["running"], "paused"),
    completeTask: move(["pending", "running", "paused"], "completed"),
    deleteTask: move(["pending", "paused", "completed"], "deleted"),
    async addContacts(_ctx, id, contacts) {
      find(id).numbers.push(...contacts);
      return { accepted: contacts.length, rejected: [] };
    },
    encodeCallTimeGroup: (group) => ({ value: group.weekly, losses: group.skipHolidays ? [sameText("The fake dialer knows no holidays.")] : [] }),
    encodeRetryStrategy: (strategy) => ({ value: strategy.rounds, losses: [] }),
    verifyWebhook: (ctx, req) => Boolean(ctx.credentials.secret) && req.headers[FAKE_SIGNATURE_HEADER] === ctx.credentials.secret,
    parseWebhook(_ctx, req) {
      const body = JSON.parse(req.rawBody) as { id: string; task: string; status: TaskStatus; at: string; answeredCalls: number; totalCalls: number };
      const stats: TaskStats = { ...emptyStats(), totalCalls: body.totalCalls, answeredCalls: body.answeredCalls };
      const event: WebhookEvent = {
        type: "task-status",
        dedupeKey: body.id,
        remoteTaskId: body.task,
        occurredAt: new Date(body.at),
        status: body.status,
        rawStatus: body.status,
        stats,
      };
      return [event];
    },
  };
}
