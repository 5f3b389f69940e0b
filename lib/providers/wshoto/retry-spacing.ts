// WShoto follow-up tasks dial nobody (docs/providers/wshoto.md §1): there are no redials to space, whatever the
// strategy or the preview shows.
import type { RetryStrategy } from "../../domain/retry-strategy";
import type { LocalizedText } from "../../domain/text";
import { wshotoText } from "./text";

export function describeRetrySpacing(_strategy: RetryStrategy, _collapsed: readonly number[]): LocalizedText {
  return wshotoText("retrySpacing.none");
}
