// Generated lists for the numbers tests and benchmarks: CN mobiles with a known share of invalid and
// duplicate rows, written straight to disk (never held in memory), with the counts an import must reach.
import { createWriteStream } from "node:fs";
import { once } from "node:events";

export interface GeneratedList {
  rows: number;
  invalid: number;
  duplicates: number;
  /** Rows that must become contacts. */
  expected: number;
}

/**
 * `rows` data rows after a header "phone,name,amount": every 20th row invalid, every 20th (offset by 10) a
 * duplicate of an earlier valid row; the rest distinct CN mobiles. Deterministic.
 */
export async function writeCnList(file: string, rows: number, opts: { invalidEvery?: number; duplicateEvery?: number } = {}): Promise<GeneratedList> {
  const invalidEvery = opts.invalidEvery ?? 20;
  const duplicateEvery = opts.duplicateEvery ?? 20;
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  let invalid = 0;
  let duplicates = 0;
  let chunk = "phone,name,amount\n";
  for (let i = 1; i <= rows; i++) {
    let phone: string;
    if (i % invalidEvery === 0) {
      phone = `12${i}`.slice(0, 6);
      invalid++;
    } else if (i % duplicateEvery === 10 && i > 10) {
      phone = mobile(i - 1);
      duplicates++;
    } else {
      phone = mobile(i);
    }
    chunk += `${phone},客户${i},${i % 1000}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
  return { rows, invalid, duplicates, expected: rows - invalid - duplicates };
}

/** The i-th distinct CN mobile: 13x/15x/18x prefixes spread over the row number. */
export function mobile(i: number): string {
  const prefixes = ["138", "139", "150", "151", "186", "187", "135", "136"];
  return `${prefixes[i % prefixes.length]}${String(Math.floor(i / prefixes.length) % 100_000_000).padStart(8, "0")}`;
}
