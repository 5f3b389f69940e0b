// Bounds on what a form or an API may send (issue 12 point 3): every array and string a server action or a
// route accepts has a maximum, so a request costs the server a bounded amount of work however it is made.
import { z } from "zod";

/** Our ids (cuid) and provider ids fit comfortably. */
export const ID_MAX = 64;
/** Keys of free-form records (parameters, contact variables). */
export const KEY_MAX = 64;

export const ZId = z.string().min(1).max(ID_MAX);

/** A record of at most `maxKeys` entries with short keys. */
export function boundedRecord<V extends z.ZodType>(value: V, maxKeys: number) {
  return z
    .record(z.string().max(KEY_MAX), value)
    .refine((record) => Object.keys(record).length <= maxKeys, { message: `At most ${maxKeys} entries` });
}
