// HTTP client of the NXCloud Callbot API v3 (docs/providers/nxcloud.md §1): every call is a signed POST and
// retCodes become ProviderErrors a manager can act on. An answer's own sign is checked but, because the
// documents do not say what it covers (docs/providers/nxcloud.md §2.3), a mismatch is reported on the
// account rather than failing the operation — unless the account asks for strict checking.
import { parse as parseLossless } from "lossless-json";
import type { z } from "zod";
import type { ProviderContext } from "../types";
import { sendWithRetry, httpStatusError } from "../http";
import { NXCLOUD_RESPONSE_SIGN_SETTING } from "./capabilities";
import { AUTH_CODES, badResponse, configError, retCodeError } from "./errors";
import { nxcloudSignMatches, nxcloudSignedHeaders, parseNxcloudAlgorithm, type NxcloudAlgorithm } from "./sign";
import { nxText } from "./text";
import { NXCLOUD_RET, ZNxEnvelope, ZNxPingResponse } from "./wire";

export interface NxcloudCredentials {
  uuid: string;
  secretKey: string;
  algorithm: NxcloudAlgorithm;
}

export function nxcloudCredentials(ctx: Pick<ProviderContext, "credentials">): NxcloudCredentials {
  const { uuid, secretKey } = ctx.credentials;
  if (!uuid || !secretKey) throw configError("errors.credentialsMissing");
  const algorithm = parseNxcloudAlgorithm(ctx.credentials.algorithm);
  if (!algorithm) throw configError("errors.algorithm");
  return { uuid, secretKey, algorithm };
}

/** Ids are strings on the wire, but a bare number beyond 2^53 must not lose digits: keep it as text. */
export function parseNxcloudJson(text: string): unknown {
  return parseLossless(text, null, (value) => {
    const n = Number(value);
    return /^-?\d+$/.test(value) && !Number.isSafeInteger(n) ? value : n;
  });
}

function headerOf(headers: Headers, name: string): string | undefined {
  return headers.get(name) ?? undefined;
}

function shapeError(path: string, error: z.ZodError): Error {
  const where = error.issues[0]?.path.join(".") ?? "";
  return badResponse("BAD_RESPONSE", `${path}: unexpected answer at ${where}: ${error.issues[0]?.message ?? ""}`, nxText("errors.badShape"));
}

/** The operation's name as the documents call it ("/callcentre/api/v3/listTask" → "listTask"). */
function operationOf(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** True when the answer is signed as we read the documents: over its own body, with the echoed requestID and uuid. */
function answerSigned(res: { headers: Headers; text: string }, creds: NxcloudCredentials, sentRequestID: string): boolean {
  const createTs = headerOf(res.headers, "createTs");
  if (!createTs || headerOf(res.headers, "requestID") !== sentRequestID || headerOf(res.headers, "uuid") !== creds.uuid) return false;
  return nxcloudSignMatches(
    {
      secretKey: creds.secretKey,
      body: res.text,
      createTs,
      requestID: sentRequestID,
      uuid: creds.uuid,
      algorithm: parseNxcloudAlgorithm(headerOf(res.headers, "algorithm")) ?? creds.algorithm,
    },
    headerOf(res.headers, "sign"),
  );
}

async function reportUnsignedAnswer(ctx: ProviderContext, operation: string): Promise<void> {
  try {
    await ctx.reportWarning?.({ code: "RESPONSE_SIGN", message: nxText("warnings.responseSign", { operation }) });
  } catch {
    // A warning that cannot be recorded must not fail the operation it is about.
  }
}

export interface NxPostOptions {
  /** Safe reads are retried by sendWithRetry; writes never blindly. */
  safe: boolean;
  /** Ping answers in its own envelope (docs/providers/nxcloud.md §1.3). */
  envelope?: "retCode" | "ping";
  /** A refusal of too many elements is about the numbers sent (addBatchCall). */
  contactsRequest?: boolean;
}

/** One signed POST; each attempt gets a fresh requestID/createTs/sign. */
export async function nxPost<S extends z.ZodType>(ctx: ProviderContext, path: string, body: unknown, schema: S, opts: NxPostOptions): Promise<{ data: z.output<S>; raw: unknown }> {
  const creds = nxcloudCredentials(ctx);
  const text = JSON.stringify(body);
  const url = ctx.baseUrl.replace(/\/+$/, "") + path;
  let sentRequestID = "";
  const res = await sendWithRetry("nxcloud", ctx, () => {
    const signed = nxcloudSignedHeaders({ ...creds, body: text, now: ctx.now?.() ?? new Date() });
    sentRequestID = signed.requestID;
    return { method: "POST", url, headers: { "content-type": "application/json; charset=utf-8", ...signed }, body: text, safe: opts.safe };
  });
  if (res.status !== 200) throw httpStatusError("nxcloud", res.status, res.text);

  let raw: unknown;
  try {
    raw = parseNxcloudJson(res.text);
  } catch {
    throw badResponse("BAD_RESPONSE", res.text.slice(0, 300), nxText("errors.notJson"));
  }

  let code: number;
  let message: string;
  let responseID: string;
  if (opts.envelope === "ping") {
    const env = ZNxPingResponse.safeParse(raw);
    if (!env.success) throw shapeError(path, env.error);
    ({ code, msg: message, reqId: responseID } = env.data);
  } else {
    const env = ZNxEnvelope.safeParse(raw);
    if (!env.success) throw shapeError(path, env.error);
    ({ retCode: code, retMsg: message, responseID } = env.data);
  }
  if (AUTH_CODES.has(code)) throw retCodeError(code, message, responseID);

  if (!answerSigned(res, creds, sentRequestID)) {
    const operation = operationOf(path);
    await reportUnsignedAnswer(ctx, operation);
    if (ctx.settings[NXCLOUD_RESPONSE_SIGN_SETTING] === "strict") {
      throw badResponse("BAD_RESPONSE_SIGN", `unsigned or wrongly signed answer to ${operation}`, nxText("errors.responseSign"));
    }
  }
  if (code !== NXCLOUD_RET.ok) throw retCodeError(code, message, responseID, { contactsRequest: opts.contactsRequest });

  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw shapeError(path, parsed.error);
  return { data: parsed.data, raw };
}
