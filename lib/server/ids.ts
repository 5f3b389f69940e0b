// Ids for rows we insert ourselves (bulk-insert.ts), shaped like the cuid() Prisma gives the rest: "c", the
// time in base 36, a per-process counter, then randomness. Time first keeps each page's primary-key inserts
// at the end of the index instead of scattered across it (a random id cost the first full sync ~30 % more
// SQLite time in bench/sync.bench.ts); the random part keeps two processes apart.
import "server-only";
import { randomBytes } from "node:crypto";

const BASE = 36;
const COUNTER_SPACE = BASE ** 4;
const RANDOM_CHARS = 12;
const POOL_BYTES = 4_096;

let counter = 0;
let pool = Buffer.alloc(0);
let offset = 0;

function randomChars(): string {
  if (offset + RANDOM_CHARS > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  let out = "";
  for (let i = 0; i < RANDOM_CHARS; i++) out += (pool[offset++] % BASE).toString(BASE);
  return out;
}

/** A new 25-character id, e.g. "cmik0x5q20001k3j9x0w8b2qd". Not a timestamp anyone should read. */
export function newId(): string {
  counter = (counter + 1) % COUNTER_SPACE;
  return `c${Date.now().toString(BASE).padStart(8, "0")}${counter.toString(BASE).padStart(4, "0")}${randomChars()}`;
}
