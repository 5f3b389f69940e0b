import { parsePhoneNumberFromString } from "libphonenumber-js";
import { describe, expect, it } from "vitest";
import { displayPhone, maskPhone, normalizePhone, phoneFor } from "./phone";

/** What the fast path must equal: libphonenumber alone. */
function slow(input: string): string | null {
  const p = parsePhoneNumberFromString(input, "CN");
  return p && p.isValid() ? p.number : null;
}

// A small deterministic generator (no Math.random: a failure must reproduce).
function* generated(count: number): Generator<string> {
  let seed = 12345;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const prefixes = ["", "86", "+86", "0086", "+1", "0", "+", "8", "860", " "];
  for (let i = 0; i < count; i++) {
    // Half of them shaped like CN mobiles (11 digits from 1), where the fast path applies.
    // Some start like CN's international prefix 1[12]xx00 / 179xx00, which libphonenumber reads as a call abroad.
    const mobile = next(2) === 0;
    const len = mobile ? 11 : 7 + next(8);
    let digits = mobile ? ["1", "179", "1262", "17912"][next(4)] : String(1 + next(9));
    if (mobile && next(3) === 0) digits += "00";
    while (digits.length < len) digits += String(next(10));
    const sep = [" ", "-", ""][next(3)];
    const body = next(4) === 0 ? `${digits.slice(0, 3)}${sep}${digits.slice(3, 7)}${sep}${digits.slice(7)}` : digits;
    yield prefixes[next(prefixes.length)] + body;
  }
}

describe("normalizePhone", () => {
  it("gives libphonenumber's answer for every generated input (the CN-mobile fast path included)", { timeout: 120_000 }, () => {
    let fastShapes = 0;
    for (const input of generated(12_000)) {
      expect(normalizePhone(input, "CN"), input).toBe(slow(input));
      if (/^(?:\+86|0086|86)?1[3-9]\d{9}$/.test(input)) fastShapes++;
    }
    expect(fastShapes).toBeGreaterThan(200);
  });

  it("reads the forms a list holds", () => {
    expect(normalizePhone("13800138000")).toBe("+8613800138000");
    expect(normalizePhone("+86 138-0013-8000")).toBe("+8613800138000");
    expect(normalizePhone("008613800138000")).toBe("+8613800138000");
    expect(normalizePhone("+14155552671", "CN")).toBe("+14155552671");
    expect(normalizePhone("12345")).toBeNull();
    expect(normalizePhone("phone")).toBeNull();
    // libphonenumber alone would find the number inside the text.
    expect(slow('"13800138009,"x')).toBe("+8613800138009");
    expect(normalizePhone('"13800138009,"x')).toBeNull();
    expect(normalizePhone("Tel: 13800138000")).toBeNull();
    expect(normalizePhone("1".repeat(200))).toBeNull();
  });
});

describe("masking", () => {
  it("shows 138****8000 to viewers and the whole number to managers", () => {
    expect(maskPhone("+8613800138000")).toBe("138****8000");
    expect(phoneFor("+8613800138000", false)).toBe("138****8000");
    expect(phoneFor("+8613800138000", true)).toBe("13800138000");
    expect(displayPhone("+14155552671")).toBe("+14155552671");
    expect(maskPhone("+14155552671")).toBe("+141****2671");
    expect(maskPhone("+85261234567")).toBe("+852****4567");
    expect(maskPhone("+3531234")).toBe("+*****34");
  });

  it("never shows more than half of a short number", () => {
    for (const n of ["+861234", "+86123", "+8612"]) {
      const masked = maskPhone(n);
      const visible = masked.replace(/[^\d]/g, "").length;
      expect(visible * 2).toBeLessThanOrEqual(displayPhone(n).replace(/\D/g, "").length);
    }
  });
});
