// Demo data of the NXCloud simulator: tasks in every state with realistic names, numbers (orders) and a few
// hundred past calls, so a new user sees non-zero taskStat before anything has been dialled.
import type { CallOutcome } from "../../lib/domain/retry-strategy";
import { DEMO_TASK_NAMES, demoPhones } from "../core/demo-names";
import { bigId } from "../core/ids";
import { DEMO_SETTINGS } from "./demo";
import { STARTUP_TYPE, TASK_STATUS } from "./protocol";
import type { NxSimOrder, NxSimState, NxSimTask } from "./state";

interface DemoTaskSpec {
  name: string;
  status: number;
  orders: number;
  /** Orders dialled so far (their calls are in the past). */
  dialled: number;
  roundRedial: boolean;
  startupType: 1 | 2 | 3;
  /** Days since creation. */
  ageDays: number;
}

const UNANSWERED: CallOutcome[] = ["no-answer", "no-answer", "busy", "unreachable", "rejected", "failed"];

export function seedNxcloudDemo(state: NxSimState, opts: { now: Date; random: () => number; callStatusOf: (outcome: CallOutcome) => number }): void {
  const { random, callStatusOf } = opts;
  const nowSec = Math.floor(opts.now.getTime() / 1000);
  const { pending, running, paused, completed, failed } = TASK_STATUS;
  const specs: DemoTaskSpec[] = [
    { name: "双十一大促回访", status: running, orders: 300, dialled: 200, roundRedial: true, startupType: 1, ageDays: 2 },
    { name: DEMO_TASK_NAMES[1].zh, status: paused, orders: 150, dialled: 90, roundRedial: true, startupType: 1, ageDays: 5 },
    { name: DEMO_TASK_NAMES[2].zh, status: pending, orders: 80, dialled: 0, roundRedial: false, startupType: 1, ageDays: 1 },
    { name: DEMO_TASK_NAMES[3].zh, status: completed, orders: 120, dialled: 120, roundRedial: true, startupType: 3, ageDays: 12 },
    { name: DEMO_TASK_NAMES[5].en, status: pending, orders: 60, dialled: 0, roundRedial: false, startupType: 2, ageDays: 0 },
    { name: DEMO_TASK_NAMES[4].zh, status: failed, orders: 40, dialled: 12, roundRedial: false, startupType: 1, ageDays: 20 },
  ];

  specs.forEach((spec, taskIndex) => {
    const createTs = nowSec - spec.ageDays * 86_400 - 3_600;
    const taskID = bigId(random);
    const userTaskID = `demo-${String(taskIndex + 1).padStart(2, "0")}-${taskID.slice(-8)}`;
    const orders: NxSimOrder[] = demoPhones(spec.orders, random).map((phone, i) => ({
      id: `${userTaskID}-o${String(i + 1).padStart(4, "0")}`,
      phone: `86${phone}`,
      attempts: 0,
      finished: false,
      answered: false,
      notBefore: null,
      userPhone: `86${phone}`,
      userName: "",
      customerName: "",
      other: "",
      params: [],
      orderCallbackUrl: "",
      callCallbackUrl: "",
      stopped: false,
      lastCallStatus: null,
    }));
    const task: NxSimTask = {
      demo: true,
      taskID,
      userTaskID,
      sceneID: DEMO_SETTINGS.sceneID,
      taskStatus: spec.status,
      createTs,
      setting: {
        strategyName: "",
        startupType: spec.startupType,
        ...(spec.startupType === STARTUP_TYPE.scheduled ? { startupAt: nowSec + 2 * 86_400 } : {}),
        zoneSecond: 28_800,
        // Every day 08:00–12:00 and 13:00–21:00 Beijing time, so the running demo task visibly dials most of the day.
        dialAtWeekDay: "1,2,3,4,5,6,7",
        dialAtUpHour: "8,9,10,11,13,14,15,16,17,18,19,20",
        dialAtDownHour: "8,9,10,11,13,14,15,16,17,18,19,20",
        maxCall: 10,
        taskName: spec.name,
        taskCallbackUrl: "",
        routeID: DEMO_SETTINGS.routeID,
      },
      funcFlag: { taskKeep: false, roundRedial: spec.roundRedial, wholeTTS: true, smsEnable: false, smsFuncFlag: [], phoneEncrypt: false },
      orders,
      totalCall: 0,
      totalAnswerCall: 0,
    };

    // Past calls, spread between creation and an hour ago.
    const maxAttempts = spec.roundRedial ? 2 : 1;
    const span = Math.max(60, nowSec - 3_600 - createTs);
    for (const order of orders.slice(0, spec.dialled)) {
      while (!order.finished) {
        const answered = random() < 0.45;
        const outcome: CallOutcome = answered ? "answered" : UNANSWERED[Math.floor(random() * UNANSWERED.length)];
        const start = createTs + Math.floor(random() * span);
        const duration = answered ? 20 + Math.floor(random() * 160) : 0;
        order.attempts++;
        state.calls.push({
          callID: `${taskID}-${order.id}-${order.attempts}`,
          taskID,
          userTaskID,
          orderID: order.id,
          userPhone: order.userPhone,
          callStatus: callStatusOf(outcome),
          callStartTs: start,
          callAnswerTs: answered ? start + 8 : 0,
          callEndTs: start + 8 + duration + (answered ? 0 : 20),
          callDuration: duration,
          hangupCause: answered ? "NORMAL_CLEARING" : outcome.toUpperCase().replace("-", "_"),
        });
        task.totalCall++;
        if (answered) task.totalAnswerCall++;
        order.lastCallStatus = callStatusOf(outcome);
        order.answered = answered;
        order.finished = answered || order.attempts >= maxAttempts;
      }
    }
    // A completed task has no number left to dial; a failed one stopped with its rest unfinished.
    if (spec.status === completed) for (const o of orders) o.finished = true;
    state.tasks.push(task);
  });
}
