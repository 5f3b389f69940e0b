// How Alibaba Cloud really spaces a strategy's redials, for the retry builder's preview, read back from the fields
// encodeRetryStrategy sends (docs/providers/aliyun-vms.md §Retry strategy): RetryStrategy's rounds ("d-h-m"),
// RetryStrategyTimeType and RetryStrategyOnlyToday. What it does with retries that fall due together is not in its
// documents (§Retry strategy), and the text says so.
import { formatInterval, retryNumbersText } from "../../domain/retry";
import type { RetryStrategy } from "../../domain/retry-strategy";
import { formatList, inEachLocale, joinTexts, localize, type LocalizedText } from "../../domain/text";
import { encodeRetryStrategy } from "./mapping";
import { aliyunText as t } from "./text";
import { ZRetryStrategyBasic } from "./wire";

export function describeRetrySpacing(strategy: RetryStrategy, collapsed: readonly number[]): LocalizedText {
  const sent = encodeRetryStrategy(strategy).value;
  const basic = ZRetryStrategyBasic.parse(JSON.parse(sent.RetryStrategy));
  if (basic.retry === 0 || basic.strategy.length === 0) return t("retrySpacing.none");
  const rounds = basic.strategy.map(({ round, time }) => {
    const [days, hours, minutes] = time.split("-").map(Number);
    return t("retrySpacing.round", { round, time, wait: inEachLocale((locale) => formatInterval({ days, hours, minutes }, locale)) });
  });
  const schedule = inEachLocale((locale) => formatList(rounds.map((round) => localize(round, locale)), locale));
  const parts = [t("retrySpacing.rounds", { count: basic.retry, schedule, from: sent.RetryStrategyTimeType === 1 ? "first" : "previous" })];
  if (sent.RetryStrategyOnlyToday === 2) parts.push(t("retrySpacing.onlyToday"));
  if (collapsed.length > 0) parts.push(t("retrySpacing.collapsed", { retries: retryNumbersText(collapsed), count: collapsed.length }));
  return joinTexts(parts);
}
