// The Yunfu simulator's demo: three call-time groups and six 2.0 tasks in every state, with numbers and
// call records a call-centre manager would recognise.
import { randomUUID } from "node:crypto";
import type { CallOutcome } from "../../lib/domain/retry-strategy";
import { DEMO_TASK_NAMES, demoPhones } from "../core/demo-names";
import { chinaText } from "./protocol";
import type { SimGroup, SimOrder, YunfuSimState } from "./state";

/** The 13-code status a call's outcome is recorded with (docs/providers/yunfu.md §7). */
export const CALL_STATUS_BY_OUTCOME: Record<CallOutcome, number> = {
  answered: 1,
  "no-answer": 4,
  busy: 8,
  unreachable: 6,
  rejected: 3,
  failed: 2,
};

const weekdays = (times: [string, string][]) => [0, 1, 2, 3, 4].map((week) => ({ week, times: times.map(([b, e]) => ({ begin_time: b, end_time: e })) }));

export function seedDemo(s: YunfuSimState, nowMs: number, random: () => number): void {
  const office: SimGroup = {
    id: s.nextGroupId++,
    name: "工作日 9-12 13-18",
    content: weekdays([["9:00", "12:00"], ["13:00", "18:00"]]),
    is_default: true,
    skip_holiday: true,
  };
  const allWeek: SimGroup = {
    id: s.nextGroupId++,
    name: "全周 08:00-21:00",
    content: [0, 1, 2, 3, 4, 5, 6].map((week) => ({ week, times: [{ begin_time: "08:00", end_time: "21:00" }] })),
    is_default: false,
    skip_holiday: false,
  };
  const weekend: SimGroup = {
    id: s.nextGroupId++,
    name: "周末 10:00-17:00",
    content: [5, 6].map((week) => ({ week, times: [{ begin_time: "10:00", end_time: "17:00" }] })),
    is_default: false,
    skip_holiday: true,
  };
  s.groups.push(office, allWeek, weekend);

  const plans: { group: SimGroup; enable: boolean; numbers: number; called: number; redials: number }[] = [
    { group: allWeek, enable: true, numbers: 60, called: 25, redials: 2 },
    { group: weekend, enable: true, numbers: 30, called: 0, redials: 1 },
    { group: office, enable: false, numbers: 40, called: 40, redials: 0 },
    { group: office, enable: false, numbers: 20, called: 0, redials: 2 },
    { group: allWeek, enable: true, numbers: 15, called: 15, redials: 0 },
    { group: office, enable: false, numbers: 0, called: 0, redials: 1 },
  ];
  const outcomes: CallOutcome[] = ["answered", "answered", "no-answer", "busy", "answered", "unreachable", "rejected"];
  plans.forEach((plan, i) => {
    const created = nowMs - (6 - i) * 86_400_000;
    const uuid = randomUUID();
    const orders: SimOrder[] = demoPhones(plan.numbers, random).map((phone, n) => ({
      id: `num_demo_${i}_${n}`,
      phone,
      name: n % 3 === 0 ? "张先生" : n % 3 === 1 ? "李女士" : "王先生",
      attempts: 0,
      finished: false,
      answered: false,
      notBefore: null,
      status: 0,
      created_at: chinaText(created),
    }));
    orders.slice(0, plan.called).forEach((o, n) => {
      const outcome = outcomes[Math.floor(random() * outcomes.length)];
      const startedAt = created + 3_600_000 + n * 90_000;
      const talk = outcome === "answered" ? 30 + Math.floor(random() * 120) : 0;
      o.attempts = 1;
      o.answered = outcome === "answered";
      o.finished = o.answered || plan.redials === 0;
      o.status = CALL_STATUS_BY_OUTCOME[outcome];
      s.records.push({
        callid: randomUUID(),
        task_uuid: uuid,
        number: o.phone,
        name: o.name ?? null,
        status: o.status,
        calldate: chinaText(startedAt),
        answerdate: o.answered ? chinaText(startedAt + 8000) : null,
        hangupdate: chinaText(startedAt + 8000 + talk * 1000),
        bill: talk,
      });
    });
    s.tasks.push({
      uuid,
      body: {
        name: DEMO_TASK_NAMES[i].zh,
        destination_extension: 297 + i,
        dial_time_id: plan.group.id,
        maximumcall: 2 + i,
        remark: DEMO_TASK_NAMES[i].en,
        end_action: 0,
        recycle_limit: plan.redials,
        task_extras: {
          start_time: chinaText(created),
          stop_time: chinaText(created + 60 * 86_400_000),
          holiday: [],
          line: [],
          interval_time: 0,
          redial_enabled: plan.redials > 0 ? 1 : 0,
          redial_max_times: plan.redials,
          redial_interval: 30,
          redial_conditions: { da_status: [2, 3, 4, 6, 8, 9, 12] },
        },
      },
      group: structuredClone(plan.group),
      enable: plan.enable,
      create_datetime: chinaText(created),
      alter_datetime: chinaText(created),
      orders,
      pendingImports: [],
    });
  });
  s.createCount = 0;
}
