import type { LocalizedText } from "../domain/call-time-group";
import type { ProviderKind } from "./types";

/** A provider said no, or could not be reached. Carries the provider's own code and a message a manager understands. */
export class ProviderError extends Error {
  readonly provider: ProviderKind;
  /** Provider's own code as a string (NXCloud retCode, Aliyun Code, Yunfu code, WShoto code), or "NETWORK"/"TIMEOUT"/"HTTP_<n>". */
  readonly code: string;
  readonly providerMessage: string;
  readonly httpStatus: number | null;
  /** Safe to retry the same request (5xx, 429, timeout on a read). */
  readonly retryable: boolean;
  /**
   * The request may have been applied although we have no answer saying so: a timeout or a connection lost
   * after sending, a 5xx or a 429. A write that fails this way is never sent again blind (see createOnce).
   */
  readonly mayHaveApplied: boolean;
  readonly userMessage: LocalizedText;
  /**
   * The form field the refusal is about, when the adapter knows it from the provider's code or the field it
   * names: "name", "description", "callTimeGroupId", "retryStrategyId", "contacts" or "params.<key>".
   */
  readonly field: string | undefined;

  constructor(opts: {
    provider: ProviderKind;
    code: string;
    providerMessage: string;
    httpStatus?: number | null;
    retryable?: boolean;
    mayHaveApplied?: boolean;
    field?: string;
    userMessage: LocalizedText;
  }) {
    super(`${opts.provider} ${opts.code}: ${opts.providerMessage}`);
    this.name = "ProviderError";
    this.provider = opts.provider;
    this.code = opts.code;
    this.providerMessage = opts.providerMessage;
    this.httpStatus = opts.httpStatus ?? null;
    this.retryable = opts.retryable ?? false;
    const status = this.httpStatus ?? 0;
    this.mayHaveApplied = opts.mayHaveApplied ?? (status >= 500 || status === 429);
    this.userMessage = opts.userMessage;
    this.field = opts.field;
  }
}
