// What the NXCloud simulator's action handlers share: its state, clock and the effects of a change.
import { NxRefusal } from "./requests";
import { RET } from "./protocol";
import type { NxSimOrder, NxSimState, NxSimTask } from "./state";

export interface NxSimContext {
  readonly state: NxSimState;
  /** Simulated Unix seconds. */
  nowSec(): number;
  random(): number;
  /** Persists the state (debounced). */
  save(): void;
  /** Every order by its globally unique orderID. */
  readonly orders: Map<string, { task: NxSimTask; order: NxSimOrder }>;
  /** Rebuilds the order index after orders left a task. */
  reindex(): void;
  /** Hands the task (again) to the dialing engine after its settings or orders changed. */
  dial(task: NxSimTask): void;
  /** Moves a task to a status and sends its task callback. */
  setStatus(task: NxSimTask, status: number): void;
}

export function findTask(sim: NxSimContext, userTaskID: string): NxSimTask | undefined {
  return sim.state.tasks.find((t) => t.userTaskID === userTaskID);
}

export function requireTask(sim: NxSimContext, userTaskID: string): NxSimTask {
  const task = findTask(sim, userTaskID);
  if (!task) throw new NxRefusal(RET.badValue, `userTaskID does not exist: ${userTaskID}`);
  return task;
}

export type Handler = (sim: NxSimContext, body: unknown) => Record<string, unknown>;
