// A real HTTP server on loopback for one provider simulator: body reading (gzip too), the
// /__sim/* admin endpoints, and fault injection in front of the provider's handler.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { gunzip } from "node:zlib";
import { promisify } from "node:util";
import type { ProviderKind } from "../../lib/providers/types";
import type { FaultInjector } from "./faults";

const gunzipAsync = promisify(gunzip);

export interface SimRequest {
  method: string;
  /** Path without the query string, e.g. "/callcentre/api/v3/createTask". */
  path: string;
  query: URLSearchParams;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string | undefined>;
  /** The body as received (after gzip decoding), UTF-8. Signatures are checked over it. */
  rawBody: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { "content-type": "application/json; charset=utf-8", ...headers }, body: JSON.stringify(body) };
}

export interface SimAdmin {
  /** GET /__sim/state */
  state?: () => unknown;
  /** POST /__sim/reset (faults are reset too) */
  reset?: () => void;
  /** POST /__sim/config with the parsed JSON body, e.g. {"webhookUrl": "...", "dialing": {...}} */
  config?: (body: unknown) => void;
  /** POST /__sim/tick: run the dialing engine now */
  tick?: () => void;
}

export interface StartSimServerOptions {
  kind: ProviderKind;
  /** Default 127.0.0.1: simulators are never reachable from outside the machine. */
  host?: string;
  /** 0 = pick a free port. */
  port: number;
  faults: FaultInjector;
  handle: (req: SimRequest) => Promise<SimResponse> | SimResponse;
  admin?: SimAdmin;
  /** Largest request body (after decompression), default 8 MB (Aliyun CloudImportTaskTel allows ≤ 8 MB, docs/providers/research.md §2). */
  maxBodyBytes?: number;
}

export interface RunningSimServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 8 * 1024 * 1024;
const ADMIN_PREFIX = "/__sim/";

class BodyTooLarge extends Error {}

export async function startSimServer(opts: StartSimServerOptions): Promise<RunningSimServer> {
  const host = opts.host ?? "127.0.0.1";
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const sockets = new Set<Socket>();
  const latencyTimers = new Set<NodeJS.Timeout>();
  let closing = false;

  const server = createServer((req, res) => {
    void serve(req, res).catch((err: unknown) => {
      logFailure(opts.kind, req, err);
      if (!res.headersSent && !res.destroyed) send(res, { status: 500, body: "Internal Server Error" });
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    let rawBody: string;
    try {
      rawBody = await readBody(req, maxBody);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        res.setHeader("connection", "close");
        send(res, { status: 413, body: `Request body larger than ${maxBody} bytes` });
        return;
      }
      send(res, { status: 400, body: "Unreadable request body" });
      return;
    }
    const simReq: SimRequest = {
      method: (req.method ?? "GET").toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      headers: flattenHeaders(req),
      rawBody,
    };

    if (simReq.path.startsWith(ADMIN_PREFIX)) {
      send(res, serveAdmin(simReq));
      return;
    }

    const { latencyMs } = opts.faults.config;
    if (latencyMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          latencyTimers.delete(timer);
          resolve();
        }, latencyMs);
        latencyTimers.add(timer);
      });
      if (closing) return;
    }
    switch (opts.faults.draw()) {
      case "error": {
        const unavailable = opts.faults.random() < 0.5;
        send(res, unavailable ? { status: 503, body: "Service Unavailable" } : { status: 500, body: "Internal Server Error" });
        return;
      }
      case "rate-limit":
        send(res, {
          status: 429,
          headers: { "retry-after": String(opts.faults.config.retryAfterSec) },
          body: "Too Many Requests",
        });
        return;
      case "timeout":
        // Never answered: the socket stays open until the client gives up or the server closes.
        return;
      case "ok":
        send(res, await opts.handle(simReq));
        return;
    }
  }

  function serveAdmin(req: SimRequest): SimResponse {
    const route = `${req.method} ${req.path.slice(ADMIN_PREFIX.length)}`;
    const admin = opts.admin ?? {};
    switch (route) {
      case "GET health":
        return json(200, { ok: true, kind: opts.kind });
      case "GET faults":
        return json(200, opts.faults.config);
      case "POST faults": {
        const body = parseJson(req.rawBody);
        if (body === undefined) return json(400, { error: "body must be JSON" });
        opts.faults.set(body as Record<string, unknown>);
        return json(200, opts.faults.config);
      }
      case "POST reset":
        opts.faults.reset();
        admin.reset?.();
        return json(200, { ok: true });
      case "GET state":
        return json(200, admin.state ? admin.state() : {});
      case "POST config": {
        const body = parseJson(req.rawBody);
        if (body === undefined) return json(400, { error: "body must be JSON" });
        if (!admin.config) return json(404, { error: "this simulator takes no config" });
        admin.config(body);
        return json(200, { ok: true });
      }
      case "POST tick":
        admin.tick?.();
        return json(200, { ok: true });
      default:
        return json(404, { error: `unknown admin endpoint ${req.method} ${req.path}` });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("simulator server has no TCP address");
  const port = address.port;

  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const timer of latencyTimers) clearTimeout(timer);
        latencyTimers.clear();
        server.close(() => resolve());
        // Idle keep-alive sockets and requests held by the "timeout" fault would keep close() waiting.
        for (const socket of sockets) socket.destroy();
        sockets.clear();
      }),
  };
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBytes) throw new BodyTooLarge();
    chunks.push(buf);
  }
  let body = Buffer.concat(chunks);
  if ((req.headers["content-encoding"] ?? "").toLowerCase().includes("gzip")) {
    try {
      body = await gunzipAsync(body, { maxOutputLength: maxBytes });
    } catch (err) {
      if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new BodyTooLarge();
      throw err;
    }
  }
  return body.toString("utf8");
}

function flattenHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function send(res: ServerResponse, r: SimResponse): void {
  if (res.destroyed || res.writableEnded) return;
  const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8", ...lowerCaseKeys(r.headers ?? {}) };
  headers["content-length"] = String(Buffer.byteLength(r.body, "utf8"));
  res.writeHead(r.status, headers);
  res.end(r.body);
}

function lowerCaseKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Logs method and path only: query strings and bodies carry tokens and signatures. */
function logFailure(kind: ProviderKind, req: IncomingMessage, err: unknown): void {
  const path = (req.url ?? "/").split("?")[0];
  const message = err instanceof Error ? err.message : String(err);
  console.error(`[sim:${kind}] ${req.method} ${path} failed: ${message}`);
}
