// Phone numbers as Yunfu takes and lists them (docs/providers/yunfu.md §7): mainland numbers without +86,
// as every docs sample writes them.

/** E.164 → Yunfu's form ("+8613800138000" → "13800138000"), or null for a number Yunfu does not dial. */
export function yunfuPhone(e164: string): string | null {
  const digits = e164.replace(/[\s-]/g, "");
  if (digits.startsWith("+86")) return digits.slice(3);
  if (/^1\d{10}$/.test(digits) || /^0\d{9,11}$/.test(digits)) return digits;
  return null;
}

/**
 * A number as Yunfu lists it → E.164 where it reads as a mainland number. number_add_suffix appends
 * "_" + random lower-case letters and digits (批量添加号码), which is not part of the number.
 */
export function e164FromYunfu(phone: string): string {
  const bare = phone.trim().replace(/_[a-z0-9]+$/, "");
  if (/^1\d{10}$/.test(bare)) return `+86${bare}`;
  if (/^0\d{9,11}$/.test(bare)) return `+86${bare.slice(1)}`;
  if (/^\+86\d{10,11}$/.test(bare)) return bare;
  return phone.trim();
}
