// Phone numbers of contact lists: E.164 through libphonenumber-js, with a fast path for the bulk of a Chinese
// call center's lists (CN mobiles), and the masked form viewers see.
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

/** Longest cell we try to read as a phone number; anything longer is not one (bounded cost per row). */
export const MAX_PHONE_INPUT = 40;

// libphonenumber-js's default ("min") metadata accepts every 11-digit CN national number starting with 1
// (general pattern `1\d{10}`), so a mobile 1[3-9]xxxxxxxxx becomes +86 + its digits, bare or after 86 / +86 /
// 0086. One exception: CN's international prefix `00|1(?:[12]\d|79)\d\d00` also starts with 1, so a bare
// 179xx00xxxx is read as a call abroad. The fast path takes exactly the shapes that cannot be anything else and
// hands the rest to libphonenumber; phone.test.ts holds the two to the same answer over generated inputs.
const CN_MOBILE = /^(\+86|0086|86)?(1[3-9]\d{9})$/;
const CN_IDD_LIKE = /^179\d\d00/;

// libphonenumber finds a number inside any text ("Tel: 138…, call after 5"); a list's phone cell must be a
// number and nothing else, or the row is reported instead of guessed at.
const PHONE_CHARS = /^[+\d\s\-().]+$/;

/** E.164 (e.g. +8613800138000), or null when the text is not a valid number for `country`. */
export function normalizePhone(input: string, country: CountryCode = "CN"): string | null {
  if (input.length > MAX_PHONE_INPUT || !PHONE_CHARS.test(input)) return null;
  if (country === "CN") {
    const fast = CN_MOBILE.exec(input);
    if (fast && (fast[1] !== undefined || !CN_IDD_LIKE.test(fast[2]))) return `+86${fast[2]}`;
  }
  const parsed = parsePhoneNumberFromString(input, country);
  return parsed && parsed.isValid() ? parsed.number : null;
}

/** How a whole number is shown: a CN number in its national form (13800138000), any other in E.164. */
export function displayPhone(e164: string): string {
  return e164.startsWith("+86") ? e164.slice(3) : e164;
}

/**
 * The masked form for viewers (138****8000): of the displayed digits, the first three and the last four stay
 * when at least four remain hidden; shorter numbers keep only their last two.
 */
export function maskPhone(e164: string): string {
  const shown = displayPhone(e164);
  const plus = shown.startsWith("+") ? "+" : "";
  const digits = plus ? shown.slice(1) : shown;
  if (digits.length >= 11) return `${plus}${digits.slice(0, 3)}${"*".repeat(digits.length - 7)}${digits.slice(-4)}`;
  const keep = Math.min(2, Math.max(0, digits.length - 4));
  return `${plus}${"*".repeat(digits.length - keep)}${digits.slice(digits.length - keep)}`;
}

/** What a reader may see of a number: whole for managers and admins, masked for viewers. */
export function phoneFor(e164: string, whole: boolean): string {
  return whole ? displayPhone(e164) : maskPhone(e164);
}
