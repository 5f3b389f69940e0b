import { describe, expect, it } from "vitest";
import { demoPhones, DEMO_TASK_NAMES } from "./demo-names";
import { mulberry32 } from "./faults";
import { bigId, simId } from "./ids";

describe("ids", () => {
  it("makes WShoto-style ids a JS number cannot hold", () => {
    const random = mulberry32(1);
    for (let i = 0; i < 200; i++) {
      const id = bigId(random);
      expect(id).toMatch(/^[1-8]\d{18}$/);
      expect(BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
      expect(BigInt(id) <= 9223372036854775807n).toBe(true);
    }
  });

  it("makes unique prefixed ids", () => {
    const ids = new Set(Array.from({ length: 100 }, () => simId("task")));
    expect(ids.size).toBe(100);
    expect([...ids][0]).toMatch(/^task_[0-9a-f]{16}$/);
  });
});

describe("demo data", () => {
  it("gives distinct plausible CN mobile numbers, repeatably", () => {
    const phones = demoPhones(500, mulberry32(3));
    expect(new Set(phones).size).toBe(500);
    expect(phones.every((p) => /^1[358]\d{9}$/.test(p))).toBe(true);
    expect(demoPhones(500, mulberry32(3))).toEqual(phones);
  });

  it("names tasks in both languages", () => {
    expect(DEMO_TASK_NAMES.length).toBeGreaterThanOrEqual(10);
    expect(DEMO_TASK_NAMES.every((n) => n.en.length > 0 && /[\u4e00-\u9fff]/.test(n.zh))).toBe(true);
  });
});
