// Retry strategy validation of any input (the zod schema, with messages in both languages, and the round rules
// of retry-rules.ts), apart from lib/domain/retry.ts so that pages which only show strategies do not download
// zod (issue 14 goal 4).
import { z } from "zod";
import { domainText as text } from "./catalog";
import { MAX_RETRY_ROUNDS, RETRYABLE_OUTCOMES } from "./retry";
import { FIELD_TEXT, roundIssues, type RetryStrategyValidation } from "./retry-rules";
import type { RetryableOutcome } from "./retry-strategy";
import type { LocalizedText } from "./text";

export type { RetryStrategyIssue, RetryStrategyValidation } from "./retry-rules";

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
    // zod 4 runs this refinement even when a field above failed (roundIssues reads the rounds defensively).
    for (const issue of roundIssues(strategy)) {
      ctx.addIssue({ code: "custom", message: issue.message.en, path: issue.path, params: { text: issue.message } });
    }
  });

export type TRetryStrategy = z.infer<typeof ZRetryStrategy>;

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
