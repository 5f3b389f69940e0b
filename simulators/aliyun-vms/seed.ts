// Demo data for the embedded Aliyun VMS simulator: one call centre with tasks of both types in every status,
// numbers with calls already made, and the time conditions they use.
import { demoPhones, DEMO_TASK_NAMES } from "../core/demo-names";
import { mulberry32 } from "../core/faults";
import type { DialOrder } from "../core/types";
import type { SimCondition, SimContext, SimTask, Value } from "./state";
import { TASK_DEFAULTS } from "./task-fields";
import { dateTimeText } from "./time";

export const DEMO_ENTERPRISE = "7000002";

export function seedDemo(ctx: SimContext): void {
  const random = mulberry32(7);
  const state = ctx.state();
  const ent = ctx.enterprise(DEMO_ENTERPRISE);
  const now = ctx.clock.nowMs();
  const condition = (name: string, dayOfWeek: string, start: string, end: string): number => {
    const c: SimCondition = {
      Id: state.nextConditionId++,
      Name: name,
      Type: 1,
      TimeType: 2,
      DayOfWeek: dayOfWeek,
      FromDay: "",
      ToDay: "",
      StartTime: start,
      EndTime: end,
      Priority: ent.conditions.length + 1,
      CreateTime: dateTimeText(now),
      EnterpriseId: DEMO_ENTERPRISE,
    };
    ent.conditions.push(c);
    return c.Id;
  };
  const morning = condition("工作日上午", "2,3,4,5,6", "09:00", "12:00");
  const afternoon = condition("工作日下午", "2,3,4,5,6", "13:30", "18:00");
  const weekendClosed = condition("周末禁呼", "1,7", "00:00", "23:59");
  const demo: { type: 1 | 2; status: number; numbers: number; called: number }[] = [
    { type: 1, status: 0, numbers: 40, called: 0 },
    { type: 1, status: 1, numbers: 120, called: 35 },
    { type: 2, status: 1, numbers: 80, called: 20 },
    { type: 1, status: 2, numbers: 60, called: 28 },
    { type: 2, status: 3, numbers: 50, called: 50 },
    { type: 2, status: 0, numbers: 30, called: 0 },
  ];
  demo.forEach((d, i) => {
    const createdAt = now - (demo.length - i) * 86_400_000;
    const fileId = state.nextFileId++;
    const phones = demoPhones(d.numbers, random);
    const orders: DialOrder[] = phones.map((phone, n) => {
      const called = n < d.called;
      const answered = called && random() < 0.45;
      return { id: `${fileId}-${n + 1}`, phone, attempts: called ? 1 : 0, finished: called && (answered || d.status === 3), answered, notBefore: null };
    });
    const props: Record<string, Value> = {
      ...TASK_DEFAULTS,
      Id: state.nextTaskId++,
      EnterpriseId: DEMO_ENTERPRISE,
      Name: DEMO_TASK_NAMES[i % DEMO_TASK_NAMES.length].zh,
      Description: DEMO_TASK_NAMES[i % DEMO_TASK_NAMES.length].en,
      Type: d.type,
      Status: d.status,
      StatusTriggerType: 1,
      CreateTime: dateTimeText(createdAt),
      Concurrency: d.type === 1 ? 0 : 5,
      RetryStrategy: JSON.stringify({ retry: 1, strategy: [{ round: 1, time: "0-0-30" }] }),
      ...(d.type === 1 ? { CallGroupType: 1, Cnos: "2001,2002,2003" } : { CallGroupType: 2, AgentGroup: "33", IvrId: 330 }),
      ...(i % 2 === 0
        ? { AutoTaskType: 1, AutoTriggerTimeStrategy: `${morning},${afternoon}` }
        : { AutoTaskType: 0, TimeStrategy: String(weekendClosed) }),
      ...(d.status > 0 ? { StartTime: dateTimeText(createdAt + 3_600_000) } : {}),
      ...(d.status === 3 ? { OverTime: dateTimeText(createdAt + 2 * 86_400_000) } : {}),
    };
    const file = { Id: fileId, Name: "演示批次 demo batch", Priority: 0, CreateTime: dateTimeText(createdAt), ImportCount: orders.length, RepeatCount: 0, RestrictCount: 0 };
    const task: SimTask = { props, orders, calls: [], createdAt, files: [file] };
    for (const o of orders.filter((x) => x.attempts > 0)) {
      const startedAt = createdAt + 3_600_000;
      task.calls.push({
        callId: `${props.Id}-${o.id}-1`,
        phone: o.phone,
        outcome: o.answered ? "answered" : "no-answer",
        startedAt,
        answeredAt: o.answered ? startedAt + 10_000 : null,
        endedAt: startedAt + 60_000,
        durationSec: o.answered ? 50 : 0,
        attempt: 1,
        fileId,
      });
    }
    ent.tasks.push(task);
  });
}
