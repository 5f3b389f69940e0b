// The six stat counters as a Prisma select (Task and TaskSnapshot both store them under their own names).
import { STAT_COUNTERS, type StatCounter } from "../domain/stats-types";

export const COUNTER_SELECT = Object.fromEntries(STAT_COUNTERS.map((counter) => [counter, true])) as { readonly [C in StatCounter]: true };
