// The task list over 10 000 mirrored tasks: filters, sorts (rates included, from stored counters),
// pagination and search, on SQLite and PostgreSQL alike.
import { beforeAll, describe, expect, it } from "vitest";
import { TASK_STATUSES } from "@/lib/domain/task";
import { encryptJson } from "../../crypto";
import { getDb } from "../../db";
import { freshDatabase } from "../../testing/db";
import { getTaskDetail, listTasks } from "./query";

const N = 10_000;
const accounts: { nx: string; ali: string; ws: string } = { nx: "", ali: "", ws: "" };

// Task i: status cycles through the statuses, 100 orders, i % 101 finished, calls i % 50 of which i % 7 answered.
function seedRow(i: number) {
  const accountId = i % 10 === 0 ? accounts.ws : i % 2 === 0 ? accounts.nx : accounts.ali;
  const totalCalls = i % 50;
  return {
    accountId,
    remoteId: i % 10 === 0 ? `1254676189925${String(i).padStart(6, "0")}` : `r-${i}`,
    kind: i % 10 === 0 ? "follow-up" : "call",
    name: i === 4242 ? "双十一 100%_回访" : `Task ${String(i).padStart(5, "0")}`,
    status: TASK_STATUSES[i % TASK_STATUSES.length],
    totalOrders: i % 3 === 0 ? 0 : 100,
    finishedOrders: i % 3 === 0 ? 0 : i % 101,
    totalCalls,
    answeredCalls: Math.min(totalCalls, i % 7),
    lastSyncAt: i % 4 === 0 ? null : new Date(Date.UTC(2026, 0, 1) + i * 60_000),
  };
}

beforeAll(async () => {
  await freshDatabase();
  const db = getDb();
  const create = (kind: string, name: string) =>
    db.providerAccount.create({ data: { kind, name, baseUrl: "http://127.0.0.1:9", credentialsEnc: encryptJson({}) }, select: { id: true } });
  accounts.nx = (await create("nxcloud", "NX")).id;
  accounts.ali = (await create("aliyun-vms", "Ali")).id;
  accounts.ws = (await create("wshoto", "WS")).id;
  const rows = Array.from({ length: N }, (_, i) => seedRow(i));
  notDeleted = rows.filter((r) => r.status !== "deleted");
  for (let i = 0; i < rows.length; i += 1000) await db.task.createMany({ data: rows.slice(i, i + 1000) });
}, 120_000);

let notDeleted: ReturnType<typeof seedRow>[] = [];

describe("listTasks", () => {
  it("pages through every task but the deleted ones, in a stable order", async () => {
    const first = await listTasks({ page: 1, pageSize: 100, sort: "name", dir: "asc" });
    expect(first.total).toBe(notDeleted.length);
    expect(first.rows).toHaveLength(100);
    expect(first.rows[0].name).toBe("Task 00000");
    const last = await listTasks({ page: Math.ceil(notDeleted.length / 100), pageSize: 100, sort: "name", dir: "asc" });
    expect(last.rows.length).toBe(notDeleted.length % 100 || 100);
    // Past the end: empty rows, the same total.
    const beyond = await listTasks({ page: 1000, pageSize: 100, sort: "name", dir: "asc" });
    expect(beyond).toEqual({ rows: [], total: notDeleted.length });
  });

  it("caps the page size at 100", async () => {
    const res = await listTasks({ page: 1, pageSize: 5000 as number, sort: "name", dir: "asc" });
    expect(res.rows.length).toBeLessThanOrEqual(100);
  });

  it("filters by provider, account, status and kind together", async () => {
    const expected = notDeleted.filter((r) => r.accountId === accounts.nx && r.status === "running").length;
    const byProvider = await listTasks({ provider: "nxcloud", status: "running", page: 1, pageSize: 10, sort: "name", dir: "asc" });
    expect(byProvider.total).toBe(expected);
    expect(byProvider.rows.every((r) => r.provider === "nxcloud" && r.status === "running")).toBe(true);
    const byAccount = await listTasks({ accountId: accounts.ali, page: 1, pageSize: 10, sort: "name", dir: "asc" });
    expect(byAccount.rows.every((r) => r.accountName === "Ali")).toBe(true);
    const followUps = await listTasks({ kind: "follow-up", page: 1, pageSize: 100, sort: "name", dir: "asc" });
    expect(followUps.total).toBe(notDeleted.filter((r) => r.kind === "follow-up").length);
    expect(followUps.rows.every((r) => r.provider === "wshoto")).toBe(true);
    const deleted = await listTasks({ status: "deleted", page: 1, pageSize: 10, sort: "name", dir: "asc" });
    expect(deleted.total).toBe(N - notDeleted.length);
  });

  it("searches names case-insensitively, with % and _ taken literally", async () => {
    expect((await listTasks({ search: "task 0001", page: 1, pageSize: 100, sort: "name", dir: "asc" })).total).toBe(
      notDeleted.filter((r) => r.name.startsWith("Task 0001")).length,
    );
    const literal = await listTasks({ search: "100%_", page: 1, pageSize: 10, sort: "name", dir: "asc" });
    expect(literal.rows.map((r) => r.name)).toEqual(["双十一 100%_回访"]);
    expect((await listTasks({ search: "%", page: 1, pageSize: 10, sort: "name", dir: "asc" })).total).toBe(1);
  });

  it("sorts by answer rate and finish rate computed from the counters, 0 when nothing was dialled", async () => {
    const desc = await listTasks({ sort: "answerRate", dir: "desc", page: 1, pageSize: 100 });
    // A provider that reports no calls (WShoto) shows "—" (null); the sort counts it as 0.
    const rates = desc.rows.map((r) => r.answerRate ?? 0);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    const best = Math.max(...notDeleted.map((r) => (r.totalCalls > 0 ? r.answeredCalls / r.totalCalls : 0)));
    expect(rates[0]).toBeCloseTo(best, 10);

    const asc = await listTasks({ sort: "finishRate", dir: "asc", page: 1, pageSize: 100 });
    expect(asc.rows[0].finishRate).toBe(0);
    const lastPage = await listTasks({ sort: "finishRate", dir: "asc", page: Math.ceil(notDeleted.length / 100), pageSize: 100 });
    const finish = lastPage.rows.map((r) => r.finishRate);
    expect(finish).toEqual([...finish].sort((a, b) => a - b));
    expect(finish[finish.length - 1]).toBe(1);
  });

  it("sorts by status in working order and by last sync with never-synced tasks last", async () => {
    const byStatus = await listTasks({ sort: "status", dir: "asc", page: 1, pageSize: 10 });
    expect(byStatus.rows[0].status).toBe("running");
    const synced = await listTasks({ sort: "lastSyncAt", dir: "desc", page: 1, pageSize: 10 });
    expect(synced.rows[0].lastSyncAt).not.toBeNull();
    const neverLast = await listTasks({ sort: "lastSyncAt", dir: "asc", page: Math.ceil(notDeleted.length / 100), pageSize: 100 });
    expect(neverLast.rows[neverLast.rows.length - 1].lastSyncAt).toBeNull();
  });

  it("falls back to defaults for values a URL could carry but the list does not know", async () => {
    const res = await listTasks({ sort: "drop table" as never, dir: "sideways" as never, status: "nope" as never, page: -3 });
    expect(res.total).toBe(notDeleted.length);
  });
});

describe("getTaskDetail", () => {
  it("keeps a 19-digit remote id and big ids in the raw record exactly", async () => {
    const db = getDb();
    const row = await db.task.findFirstOrThrow({ where: { kind: "follow-up" }, select: { id: true, remoteId: true } });
    await db.task.update({ where: { id: row.id }, data: { raw: `{"template_id":"1254676189925432389","n":1254676189925432389}` } });
    const detail = await getTaskDetail(row.id);
    expect(detail.task.remoteId).toBe(row.remoteId);
    expect(detail.rawJson).toContain(`"template_id": "1254676189925432389"`);
    expect(detail.rawJson).toContain(`"n": 1254676189925432389`);
    expect(detail.capabilities.controls.start).toEqual({ allowed: false, reason: expect.objectContaining({ en: expect.stringMatching(/read-only/) }) });
  });
});
