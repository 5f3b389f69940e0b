// The builder's form state and the pure steps between it and the domain: inputs hold text (a field
// being typed can be empty or "1.5"), the domain holds numbers; validation messages are placed on the
// field or round they belong to, in the user's language.
import { localize, type Locale } from "@/lib/domain/text";
import type { RetryStrategyIssue } from "@/lib/domain/retry-validation";
import type { RetryStrategy, RetryableOutcome } from "@/lib/domain/retry-strategy";

export interface RoundForm {
  /** Stable React key, so reordering keeps focus and typed text on the right row. */
  key: string;
  days: string;
  hours: string;
  minutes: string;
}

export interface RetryForm {
  name: string;
  rounds: RoundForm[];
  measureFrom: RetryStrategy["measureFrom"];
  onlyToday: boolean;
  retryOn: RetryableOutcome[];
}

let nextKey = 0;
export function roundKey(): string {
  nextKey += 1;
  return `round-${nextKey}`;
}

export function formFromStrategy(strategy: RetryStrategy): RetryForm {
  return {
    name: strategy.name,
    rounds: strategy.rounds.map(({ after }) => ({
      key: roundKey(),
      days: String(after.days),
      hours: String(after.hours),
      minutes: String(after.minutes),
    })),
    measureFrom: strategy.measureFrom,
    onlyToday: strategy.onlyToday,
    retryOn: [...strategy.retryOn],
  };
}

/** An empty part counts as 0 (people type "30" in minutes and leave the rest); anything else is taken as typed so validation can refuse it. */
function part(text: string): number {
  const trimmed = text.trim();
  return trimmed === "" ? 0 : Number(trimmed);
}

/** What the form says, as a (not yet validated) domain strategy. */
export function strategyFromForm(form: RetryForm): RetryStrategy {
  return {
    name: form.name,
    rounds: form.rounds.map((round) => ({
      after: { days: part(round.days), hours: part(round.hours), minutes: part(round.minutes) },
    })),
    measureFrom: form.measureFrom,
    onlyToday: form.onlyToday,
    retryOn: form.retryOn,
  };
}

/** Two forms that produce the same strategy are the same (typing "0" into an empty field is no change). */
export function sameStrategy(a: RetryForm, b: RetryForm): boolean {
  const normal = (form: RetryForm) => {
    const strategy = strategyFromForm(form);
    return JSON.stringify({ ...strategy, name: strategy.name.trim(), retryOn: [...strategy.retryOn].sort() });
  };
  return normal(a) === normal(b);
}

export interface FormErrors {
  name?: string;
  retryOn?: string;
  /** Everything else that is not tied to one round (e.g. too many rounds). */
  general: string[];
  /** By round index: the messages for that round (its interval and its order). */
  rounds: Record<number, string[]>;
}

/** Puts each validation issue on the field or the round it belongs to. */
export function errorsByField(issues: RetryStrategyIssue[], locale: Locale): FormErrors {
  const errors: FormErrors = { general: [], rounds: {} };
  for (const issue of issues) {
    const text = localize(issue.message, locale);
    const [field, index] = issue.path;
    if (field === "rounds" && typeof index === "number") {
      const list = (errors.rounds[index] ??= []);
      if (!list.includes(text)) list.push(text);
    } else if (field === "name") {
      errors.name ??= text;
    } else if (field === "retryOn") {
      errors.retryOn ??= text;
    } else if (!errors.general.includes(text)) {
      errors.general.push(text);
    }
  }
  return errors;
}

export function moveRound(rounds: RoundForm[], from: number, to: number): RoundForm[] {
  if (to < 0 || to >= rounds.length || from === to) return rounds;
  const next = [...rounds];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);
  return next;
}

/** A new round: one hour after the last one when measured from the first call (so it stays valid), else one hour. */
export function newRound(form: RetryForm): RoundForm {
  const last = form.rounds.at(-1);
  if (form.measureFrom === "first-call" && last) {
    const after = strategyFromForm({ ...form, rounds: [last] }).rounds[0].after;
    const total = after.days * 1440 + after.hours * 60 + after.minutes + 60;
    if (Number.isFinite(total)) {
      return {
        key: roundKey(),
        days: String(Math.floor(total / 1440)),
        hours: String(Math.floor((total % 1440) / 60)),
        minutes: String(total % 60),
      };
    }
  }
  return { key: roundKey(), days: "0", hours: "1", minutes: "0" };
}
