import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/server/session";
import { freshDatabase } from "@/lib/server/testing/db";

// Issue 12 point 3: a viewer posting thousands of overlapping ranges to the read-only encode action used to
// keep the server busy for seconds (8 000 ranges) to a minute (20 000): validation built one issue per range
// and the action client rebuilt its error tree per issue. Now such a request is refused at the bound with
// one message per day. (How fast: bench/validation.bench.ts; tests never assert wall-clock time.)
const viewer: Actor = { id: "user-viewer", email: "viewer@example.com", name: "viewer", role: "viewer" };
vi.mock("@/lib/server/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/session")>()),
  getActor: async () => viewer,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const group = (monday: { start: number; end: number }[]) => ({
  name: "Probe",
  timeZone: "Asia/Shanghai",
  weekly: { 1: monday, 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] },
  skipHolidays: true,
  makeUpDayAs: null,
  overrides: [],
  isDefault: false,
});
const overlapping = (n: number) => Array.from({ length: n }, (_, i) => ({ start: i % 1000, end: (i % 1000) + 100 }));

beforeAll(async () => {
  await freshDatabase();
});

describe("encodeForProvidersAction bounds", () => {
  it.each([8_000, 20_000])("refuses %i overlapping ranges at the bound, with a small answer", async (n) => {
    const { encodeForProvidersAction } = await import("./actions");
    const res = await encodeForProvidersAction(group(overlapping(n)) as never);
    expect(res?.data).toBeUndefined();
    expect(res?.validationErrors).toBeDefined();
    // Refused at the bound: no error per range travels back (the editor names the day, see call-time-group.test.ts).
    expect(JSON.stringify(res).length).toBeLessThan(500);
  });

  it("still encodes a real group and refuses a bad one", async () => {
    const { encodeForProvidersAction } = await import("./actions");
    const ok = await encodeForProvidersAction(group([{ start: 540, end: 720 }, { start: 780, end: 1080 }]) as never);
    expect(ok?.validationErrors).toBeUndefined();
    expect(ok?.data).toBeDefined();
    const bad = await encodeForProvidersAction(group(overlapping(48)) as never);
    expect(bad?.data).toBeUndefined();
    expect(bad?.validationErrors).toBeDefined();
  });
});
