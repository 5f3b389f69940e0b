// How Yunfu really spaces a strategy's redials, for the retry builder's preview, read from the redial settings
// encodeRetryStrategy sends (docs/providers/yunfu.md §6): redial_max_times redials, redial_interval apart — minutes
// between calls is our reading of its example, and what it does with redials that fall due together is not in its
// documents (§6); the text says both.
import { retryNumbersText } from "../../domain/retry";
import type { RetryStrategy } from "../../domain/retry-strategy";
import { joinTexts, type LocalizedText } from "../../domain/text";
import { encodeRetryStrategy } from "./mapping";
import { yunfuText } from "./text";

export function describeRetrySpacing(strategy: RetryStrategy, collapsed: readonly number[]): LocalizedText {
  const { redial } = encodeRetryStrategy(strategy).value;
  if (redial.redial_enabled !== 1) return yunfuText("retrySpacing.off");
  const count = redial.redial_max_times ?? 0;
  const minutes = redial.redial_interval ?? 0;
  const parts = [yunfuText("retrySpacing.interval", { count, minutes })];
  if (collapsed.length > 0) parts.push(yunfuText("retrySpacing.collapsed", { retries: retryNumbersText(collapsed), count: collapsed.length, minutes }));
  return joinTexts(parts);
}
