// How NXCloud really spaces a strategy's redials, for the retry builder's preview. NXCloud's only retry control is
// funcFlag.roundRedial (docs/providers/nxcloud.md §1.5): one redial "within a round", at a time its documents do not
// give (§4.9). So the text follows what encodeRetryStrategy sends, not the strategy's own waits.
import { formatInterval, retryNumbersText } from "../../domain/retry";
import type { RetryStrategy } from "../../domain/retry-strategy";
import { inEachLocale, joinTexts, type LocalizedText } from "../../domain/text";
import { encodeRetryStrategy } from "./mapping";
import { nxText } from "./text";

export function describeRetrySpacing(strategy: RetryStrategy, collapsed: readonly number[]): LocalizedText {
  if (!encodeRetryStrategy(strategy).value.roundRedial) return nxText("retrySpacing.off");
  const after = strategy.rounds[0].after;
  const parts = [nxText("retrySpacing.once", { wait: inEachLocale((locale) => formatInterval(after, locale)) })];
  const notSent = strategy.rounds.slice(1).map((_, i) => i + 2);
  if (notSent.length > 0) parts.push(nxText("retrySpacing.laterNotSent", { retries: retryNumbersText(notSent), count: notSent.length }));
  // Retry 1 is the one redial: when it comes is NXCloud's (§4.9). Later retries are never sent, so they cannot be
  // dialled back to back whatever the preview shows.
  if (collapsed.includes(1)) parts.push(nxText("retrySpacing.collapsedFirst"));
  const later = collapsed.filter((retry) => retry > 1);
  if (later.length > 0) parts.push(nxText("retrySpacing.collapsedLater", { retries: retryNumbersText(later), count: later.length }));
  return joinTexts(parts);
}
