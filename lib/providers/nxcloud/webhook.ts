// NXCloud callbacks (docs/providers/nxcloud.md §1.6): task status (taskCallbackUrl), by order
// (orderCallbackUrl) and by call (callCallbackUrl), all signed like requests but WITHOUT an algorithm header:
// the account's configured algorithm applies ("algorithm can be found in backend → Developer").
import { statsFromNxcloud } from "../../domain/stats";
import type { InboundWebhook, ProviderContext, WebhookDelivery, WebhookEvent } from "../types";
import { nxcloudCredentials, parseNxcloudJson } from "./client";
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

/** The header createTs ("request timestamp in seconds"): when NXCloud sent this callback. */
function sentAt(req: InboundWebhook): Date | null {
  const ts = Number(header(req, "createTs"));
  return Number.isSafeInteger(ts) && ts > 0 ? new Date(ts * 1000) : null;
}

/**
 * The delivery a signed callback names (ProviderAdapter.webhookDelivery): its `requestID` header and its
 * `createTs` header, Unix seconds at signing (docs/providers/research.md §3 "Webhooks"; both are covered by the signature).
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
 * status by task, status, and the moment and requestID NXCloud sent it with. The body's createTs is the task's
 * creation time (docs/providers/nxcloud.md §2.7), the same in every callback of the task, so it dates nothing.
 */
export function nxcloudParseWebhook(req: InboundWebhook, receivedAt: Date = new Date()): WebhookEvent[] {
  const body = parseNxcloudJson(req.rawBody);
  if (typeof body !== "object" || body === null) throw new Error("NXCloud callback body is not a JSON object");
  const sent = sentAt(req) ?? receivedAt;

  if ("callInfoDetail" in body) {
    const cb = ZNxOrderCallback.parse(body);
    const d = cb.callInfoDetail;
    const startedAt = dateFromNxcloudTs(d.callStartTs);
    const endedAt = dateFromNxcloudTs(d.callEndTs);
    const occurredAt = endedAt ?? startedAt ?? sent;
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
  const sentSec = Math.floor(sent.getTime() / 1000);
  return [
    {
      type: "task-status",
      dedupeKey: `nxcloud:task:${cb.taskID}:${cb.taskStatus}:${sentSec}:${header(req, "requestID") ?? ""}`,
      remoteTaskId: remoteIdOf(cb),
      occurredAt: sent,
      status: taskStatusFromNxcloud(cb.taskStatus),
      rawStatus: String(cb.taskStatus),
      stats: cb.taskStat ? statsFromNxcloud(cb.taskStat) : null,
    },
  ];
}
