// NXCloud's answers as errors a manager can act on: the retCode table (docs/providers/nxcloud.md §1.3) in the
// user's language, and the form field a refusal is about.
import type { LocalizedText } from "../../domain/text";
import { ProviderError } from "../errors";
import { nxText, nxTextEach, type NxcloudTextKey } from "./text";
import { NXCLOUD_RET } from "./wire";

export const PROVIDER = "nxcloud" as const;

export function configError(key: NxcloudTextKey, field?: string): ProviderError {
  const userMessage = nxText(key);
  return new ProviderError({ provider: PROVIDER, code: "CONFIG", providerMessage: userMessage.en, userMessage, field });
}

export function badResponse(code: string, providerMessage: string, userMessage: LocalizedText): ProviderError {
  return new ProviderError({ provider: PROVIDER, code, providerMessage, httpStatus: 200, userMessage });
}

const RET_CODES_WITH_TEXT = new Set<number>(Object.values(NXCLOUD_RET).filter((c) => c !== NXCLOUD_RET.ok));
/** Refusals of the account itself: NXCloud cannot sign them with a key it does not know is ours. */
export const AUTH_CODES = new Set<number>([NXCLOUD_RET.badSign, NXCLOUD_RET.missingSign, NXCLOUD_RET.noAccount, NXCLOUD_RET.noPermission]);
const RETRYABLE_CODES = new Set<number>([NXCLOUD_RET.maintenance, NXCLOUD_RET.internal, NXCLOUD_RET.busy]);
/** The provider's own text helps with these, so it is shown after ours. */
const DETAIL_CODES = new Set<number>([NXCLOUD_RET.missingParameter, NXCLOUD_RET.badFormat, NXCLOUD_RET.badValue]);

/**
 * Wire fields → the form field they come from. INFERENCE (docs/providers/nxcloud.md §4.6): NXCloud's retCode
 * says only "missing", "format" or "value"; its retMsg is free text, so a wire field it names is looked up here.
 */
const FORM_FIELD_OF_WIRE_FIELD: Record<string, string> = {
  taskName: "name",
  sceneID: "params.sceneID",
  strategyName: "params.strategyName",
  startupType: "params.startupType",
  startupAt: "params.startupAt",
  maxCall: "params.maxCall",
  maxRingTime: "params.maxRingTime",
  routeID: "params.routeID",
  taskKeep: "params.taskKeep",
  wholeTTS: "params.wholeTTS",
  phoneEncrypt: "params.phoneEncrypt",
  dispatchType: "params.dispatchType",
  agentGroup: "params.agentGroup",
  ratioCallRate: "params.ratioCallRate",
  predictCallRate: "params.predictCallRate",
  zoneSecond: "callTimeGroupId",
  dialAtWeekDay: "callTimeGroupId",
  dialAtUpHour: "callTimeGroupId",
  dialAtDownHour: "callTimeGroupId",
  roundRedial: "retryStrategyId",
  callList: "contacts",
  userPhone: "contacts",
  orderID: "contacts",
};

/** The first wire field named in a retMsg, as a form field; split on anything that cannot be part of a name. */
export function formFieldOf(retMsg: string): string | undefined {
  for (const word of retMsg.split(/[^A-Za-z0-9_]+/)) {
    const field = FORM_FIELD_OF_WIRE_FIELD[word];
    if (field) return field;
  }
  return undefined;
}

export function retCodeError(retCode: number, retMsg: string, responseID: string, opts: { contactsRequest?: boolean } = {}): ProviderError {
  const known = RET_CODES_WITH_TEXT.has(retCode)
    ? nxText(`errors.ret.${retCode}` as NxcloudTextKey)
    : nxText("errors.retUnknown", { code: retCode });
  const detail = DETAIL_CODES.has(retCode) && retMsg ? retMsg : "";
  const field =
    DETAIL_CODES.has(retCode) ? formFieldOf(retMsg) : retCode === NXCLOUD_RET.tooManyElements && opts.contactsRequest ? "contacts" : undefined;
  return new ProviderError({
    provider: PROVIDER,
    code: String(retCode),
    // responseID is what NXCloud support asks for (docs/providers/nxcloud.md §1.3).
    providerMessage: `${retMsg} (responseID ${responseID || "none"})`,
    httpStatus: 200,
    retryable: RETRYABLE_CODES.has(retCode),
    // An internal error answered in the envelope may come after the write was made.
    mayHaveApplied: retCode === NXCLOUD_RET.internal,
    field,
    userMessage: detail
      ? nxTextEach("errors.withDetail", { en: { message: known.en, detail }, zh: { message: known.zh, detail } })
      : known,
  });
}
