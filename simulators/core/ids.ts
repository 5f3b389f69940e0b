// Ids the simulators hand out. Real providers use opaque strings, except WShoto's int64s.
import { randomBytes } from "node:crypto";

/** Unique opaque id, e.g. simId("task") → "task_3f9c0a1b2d4e5f60". */
export function simId(prefix?: string): string {
  const hex = randomBytes(8).toString("hex");
  return prefix ? `${prefix}_${hex}` : hex;
}

/**
 * 19-digit decimal id within int64 and above 2^53, like WShoto's (docs/providers/research.md §4 "int64 ids"),
 * so a client that parses it as a JS number loses digits and the tests notice.
 */
export function bigId(random: () => number): string {
  // Leading digit 1..8 keeps the value below 9223372036854775807 (int64 max).
  let id = String(1 + Math.floor(random() * 8));
  for (let i = 0; i < 18; i++) id += String(Math.floor(random() * 10));
  return id;
}
