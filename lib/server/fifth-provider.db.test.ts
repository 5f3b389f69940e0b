// "A fifth provider is one folder plus one registry line": a fake dialler (lib/providers/testing/fake-dialer,
// in memory) is registered the way the registry registers the four real ones, and the services drive it from
// the wizard's create through start, sync and a signed webhook — no other file knows it exists.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { defaultCallTimeGroup } from "@/lib/domain/call-time-group";
import { registerProvider } from "@/lib/providers/registry";
import { createFakeDialer, FAKE_KIND, FAKE_SIGNATURE_HEADER } from "@/lib/providers/testing/fake-dialer";
import { flushAudit } from "./audit";
import { getDb } from "./db";
import { syncAccount } from "./mirror/sync";
import { flushWebhookApplies, receiveWebhook } from "./mirror/webhooks";
import { freshDatabase } from "./testing/db";
import { createCallTimeGroup } from "./services/call-time-groups";
import { createAccount } from "./services/provider-accounts";
import { createTaskFromWizard } from "./services/tasks/create";
import { performTaskOperation } from "./services/tasks/lifecycle";
import { wizardOptions } from "./services/tasks/options";
import { getTaskDetail, listTasks } from "./services/tasks/query";

const fake = createFakeDialer();
registerProvider(fake);

const actor = { id: null, email: "manager@example.com" };
const SECRET = "fake-shared-secret";
let accountId: string;
let groupId: string;

beforeAll(async () => {
  await freshDatabase();
  accountId = (await createAccount({ actor, data: { kind: FAKE_KIND, name: "Fifth", baseUrl: "https://fake.example", credentials: { secret: SECRET }, settings: {}, enabled: true } })).id;
  groupId = (await createCallTimeGroup({ actor, data: { ...defaultCallTimeGroup("Weekdays"), skipHolidays: false } })).id;
});
afterAll(() => flushAudit());

describe("a fifth provider through the services", () => {
  let taskId: string;

  it("is offered by the wizard and creates a task with its numbers in its batch size", async () => {
    expect((await wizardOptions()).accounts.map((a) => a.kind)).toEqual([FAKE_KIND]);
    const contacts = ["+8613800000001", "+8613800000002", "+8613800000003"].map((phone) => ({ phone, name: "", variables: {} }));
    const input = {
      accountId,
      taskType: "call",
      name: "  Fifth provider renewals ",
      description: "",
      callTimeGroupId: groupId,
      retryStrategyId: null,
      params: { lines: "2" },
      acceptLosses: false,
      contacts,
      contactRows: contacts.length,
      idempotencyKey: randomUUID(),
    };
    const res = await createTaskFromWizard({ actor, input });
    taskId = res.taskId;
    expect(res.contacts).toEqual({ accepted: 3, rejected: [], failedBatches: [] });
    expect(fake.tasks).toHaveLength(1);
    expect(fake.tasks[0]).toMatchObject({ name: "Fifth provider renewals", status: "pending", draft: { params: { lines: 2 } } });
    expect(fake.tasks[0].numbers).toHaveLength(3);
    expect((await getTaskDetail(taskId)).task).toMatchObject({ name: "Fifth provider renewals", status: "pending", totalOrders: 3 });
  });

  it("starts it at the provider, and the mirror follows the provider's answer", async () => {
    expect(await performTaskOperation({ actor, taskId, op: "start" })).toEqual({ status: "running" });
    expect(fake.tasks[0].status).toBe("running");
  });

  it("syncs what the provider has, a task made there included", async () => {
    await fake.createTask!({ baseUrl: "", credentials: {}, settings: {} }, { ...fake.tasks[0].draft, name: "Made at the provider" });
    await fake.createTask!({ baseUrl: "", credentials: {}, settings: {} }, { ...fake.tasks[0].draft, name: "Also made there" });
    const result = await syncAccount(accountId);
    expect(result).toMatchObject({ status: "ok", seen: 3, created: 2 });
    const listed = await listTasks({ provider: FAKE_KIND, sort: "name", dir: "asc" });
    expect(listed.rows.map((r) => r.name)).toEqual(["Also made there", "Fifth provider renewals", "Made at the provider"]);
  });

  it("takes a signed webhook and applies it; an unsigned one is refused", async () => {
    // The provider reports the pause a second after the status the mirror holds (an older event is not applied).
    const { statusAt } = await getDb().task.findUniqueOrThrow({ where: { id: taskId }, select: { statusAt: true } });
    const at = new Date(statusAt.getTime() + 1_000).toISOString();
    const body = JSON.stringify({ id: "evt-1", task: fake.tasks[0].id, status: "paused", at, totalCalls: 4, answeredCalls: 3 });
    const unsigned = await receiveWebhook({ provider: FAKE_KIND, accountId, headers: {}, rawBody: body, query: new URLSearchParams() });
    expect(unsigned.status).toBe(401);
    const signed = await receiveWebhook({ provider: FAKE_KIND, accountId, headers: { [FAKE_SIGNATURE_HEADER]: SECRET }, rawBody: body, query: new URLSearchParams() });
    expect(signed).toMatchObject({ status: 200, body: { ok: true, received: 1 } });
    await flushWebhookApplies();
    const row = await getDb().task.findUniqueOrThrow({ where: { id: taskId }, select: { status: true, totalCalls: true, answeredCalls: true } });
    expect(row).toEqual({ status: "paused", totalCalls: 4, answeredCalls: 3 });
  });
});
