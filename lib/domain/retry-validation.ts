// Retry strategy validation (the zod schema, with messages in both languages), apart from lib/domain/retry.ts
// so that pages which only show strategies do not download zod (issue 14 goal 4).
import { z } from "zod";
import { domainText as text } from "./catalog";
import { intervalMinutes, MAX_RETRY_ROUNDS, RETRYABLE_OUTCOMES } from "./retry";
import type { RetryInterval, RetryStrategy, RetryableOutcome } from "./retry-strategy";
import type { LocalizedText } from "./text";

const FIELD_TEXT = {
  name: text("retry.name"),
  rounds: text("retry.rounds", { max: MAX_RETRY_ROUNDS }),
  days: text("retry.days"),
  hours: text("retry.hours"),
  minutes: text("retry.minutes"),
  measureFrom: text("retry.measureFrom"),
  onlyToday: text("retry.onlyToday"),
  retryOn: text("retry.retryOn"),
} satisfies Record<string, LocalizedText>;

const wholeNumber = (max: number, text: LocalizedText) =>
  z.number({ error: text.en }).int({ error: text.en }).min(0, { error: text.en }).max(max, { error: text.en });

export const ZRetryInterval = z.object({
  days: wholeNumber(30, FIELD_TEXT.days),
  hours: wholeNumber(23, FIELD_TEXT.hours),
  minutes: wholeNumber(59, FIELD_TEXT.minutes),
});

export const ZRetryStrategy = z
  .object({
    name: z.string().trim().min(1, { error: FIELD_TEXT.name.en }).max(80, { error: FIELD_TEXT.name.en }),
    rounds: z.array(z.object({ after: ZRetryInterval })).max(MAX_RETRY_ROUNDS, { error: FIELD_TEXT.rounds.en }),
    measureFrom: z.enum(["first-call", "previous-call"], { error: FIELD_TEXT.measureFrom.en }),
    onlyToday: z.boolean({ error: FIELD_TEXT.onlyToday.en }),
    retryOn: z
      .array(z.enum(RETRYABLE_OUTCOMES as [RetryableOutcome, ...RetryableOutcome[]], { error: FIELD_TEXT.retryOn.en }))
      .min(1, { error: FIELD_TEXT.retryOn.en }),
  })
  .superRefine((strategy, ctx) => {
    // zod 4 runs this refinement even when a field above failed, so read the rounds defensively.
    const minutes = strategy.rounds.map((round) => (isInterval(round?.after) ? intervalMinutes(round.after) : null));
    minutes.forEach((total, index) => {
      if (total === 0) {
        addRoundIssue(ctx, index, text("retry.roundAtLeastOneMinute", { round: index + 1 }));
      }
    });
    // docs/providers/research.md §2 RetryStrategy: with RetryStrategyTimeType 1 (from the first call), each
    // round's time must be greater than the previous round's.
    if (strategy.measureFrom !== "first-call") return;
    for (let index = 1; index < minutes.length; index++) {
      const previous = minutes[index - 1];
      const current = minutes[index];
      if (previous !== null && current !== null && current <= previous) {
        addRoundIssue(ctx, index, text("retry.roundAfterPrevious", { round: index + 1, previous: index }));
      }
    }
  });

export type TRetryStrategy = z.infer<typeof ZRetryStrategy>;

export interface RetryStrategyIssue {
  /** Where the problem is, e.g. ["rounds", 1, "after", "hours"]; rounds are 0-based here, 1-based in messages. */
  path: (string | number)[];
  message: LocalizedText;
}

export type RetryStrategyValidation =
  | { ok: true; strategy: RetryStrategy }
  | { ok: false; issues: RetryStrategyIssue[] };

export function validateRetryStrategy(input: unknown): RetryStrategyValidation {
  const parsed = ZRetryStrategy.safeParse(input);
  if (parsed.success) return { ok: true, strategy: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => {
      const path = issue.path.map((key) => (typeof key === "symbol" ? String(key) : key));
      return { path, message: localizedIssue(path, issue) };
    }),
  };
}

function isInterval(value: unknown): value is RetryInterval {
  if (typeof value !== "object" || value === null) return false;
  const { days, hours, minutes } = value as Record<string, unknown>;
  return [days, hours, minutes].every((part) => typeof part === "number" && Number.isFinite(part));
}

function addRoundIssue(ctx: z.RefinementCtx, index: number, text: LocalizedText): void {
  ctx.addIssue({ code: "custom", message: text.en, path: ["rounds", index, "after"], params: { text } });
}

function localizedIssue(path: (string | number)[], issue: z.core.$ZodIssue): LocalizedText {
  const own = issue.code === "custom" ? (issue.params?.text as LocalizedText | undefined) : undefined;
  if (own) return own;
  const [field, index, , part] = path;
  if (field === "rounds" && typeof index === "number" && (part === "days" || part === "hours" || part === "minutes")) {
    return text("retry.roundField", { round: index + 1, message: FIELD_TEXT[part] });
  }
  if (field === "rounds" && typeof index === "number") return text("retry.roundInvalid", { round: index + 1 });
  if (typeof field === "string" && field in FIELD_TEXT) return FIELD_TEXT[field as keyof typeof FIELD_TEXT];
  return text("retry.invalid");
}
