// NXCloud callbacks (providers.md §3 "Webhooks"): task status (taskCallbackUrl), by order (orderCallbackUrl)
// and by call (callCallbackUrl), all signed like requests but WITHOUT an algorithm header: the account's
// configured algorithm applies ("algorithm can be found in backend → Developer").
import { parse as parseLossless } from "lossless-json";
import { statsFromNxcloud } from "../../domain/stats";
import type { InboundWebhook, ProviderContext, WebhookDelivery, WebhookEvent } from "../types";
import { nxcloudCredentials } from "./client";
import { callOutcomeFromNxcloud, dateFromNxcloudTs, phoneFromNxcloud, remoteIdOf, taskStatusFromNxcloud } from "./mapping";
import { nxcloudSignMatches } from "./sign";
import { ZNxOrderCallback, ZNxTaskCallback } from "./wire";

function header(req: InboundWebhook, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(req.headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

export function nxcloudVerifyWebhook(ctx: Pick<ProviderContext, "credentials">, req: InboundWebhook): boolean {
  let creds: ReturnType<typeof nxcloudCredentials>;
  try {
    creds = nxcloudCredentials(ctx);
  } catch {
    return false;
  }
  const uuid = header(req, "uuid");
  const createTs = header(req, "createTs");
  const requestID = header(req, "requestID");
  if (uuid !== creds.uuid || !createTs || !requestID) return false;
  return nxcloudSignMatches(
    { secretKey: creds.secretKey, body: req.rawBody, createTs, requestID, uuid, algorithm: creds.algorithm },
    header(req, "sign"),
  );
}

/**
 * The delivery a signed callback names (ProviderAdapter.webhookDelivery): its `requestID` header and its
 * `createTs` header, Unix seconds at signing (providers.md §3 "Webhooks"; both are covered by the signature).
 */
export function nxcloudWebhookDelivery(req: InboundWebhook): WebhookDelivery | null {
  const id = header(req, "requestID")?.trim();
  const createTs = header(req, "createTs")?.trim();
  if (!id || id.length > 128 || !createTs || !/^\d{1,12}$/.test(createTs)) return null;
  return { id, sentAt: new Date(Number(createTs) * 1000) };
}

/**
 * One callback → one event. The dedupe key is stable across NXCloud's re-deliveries of the same callback:
 * a call by its callID (the by-order and by-call callbacks of one call share it, so they count once), a task
 * status by task, status, event time and calls so far.
 */
export function nxcloudParseWebhook(req: InboundWebhook): WebhookEvent[] {
  const body = parseLossless(req.rawBody, null, (value) => {
    const n = Number(value);
    return /^-?\d+$/.test(value) && !Number.isSafeInteger(n) ? value : n;
  });
  if (typeof body !== "object" || body === null) throw new Error("NXCloud callback body is not a JSON object");

  if ("callInfoDetail" in body) {
    const cb = ZNxOrderCallback.parse(body);
    const d = cb.callInfoDetail;
    const startedAt = dateFromNxcloudTs(d.callStartTs);
    const endedAt = dateFromNxcloudTs(d.callEndTs);
    const occurredAt = endedAt ?? startedAt ?? new Date(Number(header(req, "createTs") ?? 0) * 1000);
    return [
      {
        type: "call",
        dedupeKey: `nxcloud:call:${d.callID}`,
        remoteTaskId: remoteIdOf(cb),
        occurredAt,
        call: {
          callId: d.callID,
          orderId: cb.orderID,
          phone: phoneFromNxcloud(cb.userPhone),
          outcome: callOutcomeFromNxcloud(d),
          startedAt: startedAt ?? occurredAt,
          answeredAt: dateFromNxcloudTs(d.callAnswerTs),
          endedAt,
          durationSec: d.callDuration,
          orderFinished: cb.finish ?? null,
        },
      },
    ];
  }

  const cb = ZNxTaskCallback.parse(body);
  return [
    {
      type: "task-status",
      dedupeKey: `nxcloud:task:${cb.taskID}:${cb.taskStatus}:${cb.createTs}:${cb.taskStat?.totalCall ?? 0}`,
      remoteTaskId: remoteIdOf(cb),
      occurredAt: new Date(cb.createTs * 1000),
      status: taskStatusFromNxcloud(cb.taskStatus),
      rawStatus: String(cb.taskStatus),
      stats: cb.taskStat ? statsFromNxcloud(cb.taskStat) : null,
    },
  ];
}
