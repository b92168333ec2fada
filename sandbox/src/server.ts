// The HTTP server and its request pipeline. API requests go through clear stages:
// parse → record → auth → rate limit / fault injection → route → respond.
// /_sandbox/* (test controls) and /3ds/* (shopper pages) bypass auth, faults and the request log.
import { randomUUID } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ApiResult } from "./api-types.js";
import { BODY_LIMIT_BYTES, originFor, resolveSettings, type SandboxOptions } from "./config.js";
import { ApiError, errorForStatus, internalError, unauthorized } from "./errors.js";
import type { FaultAction } from "./faults.js";
import { firstHeader, parseForm, parseJson, readBody, sendHtml, sendJson, sendText, type JsonParse } from "./http-utils.js";
import { handleThreeDsPage, isThreeDsPagePath } from "./pages/three-ds-pages.js";
import { maskSensitive, type LogEntry } from "./request-log.js";
import { matchRoute, stripPosPrefix, type RouteMatch } from "./router.js";
import { handleControl } from "./routes/control.js";
import { Runtime } from "./runtime.js";
import type { Merchant } from "./types.js";
import { errorPage } from "./pages/templates.js";

export interface RunningSandbox {
  /** http://host:port */
  url: string;
  /** url + "/pos", the client's base URL. */
  baseUrl: string;
  port: number;
  close(): Promise<void>;
}

const PAYLOAD_TOO_LARGE = new ApiError(413, "PAYLOAD_TOO_LARGE", `Request body exceeds ${BODY_LIMIT_BYTES} bytes`);

function requestIdOf(req: IncomingMessage): string {
  const given = firstHeader(req.headers["x-request-id"]);
  // Echo the caller's id when it is a sane token; otherwise generate one.
  return given && given.length <= 200 && /^[\x21-\x7e]+$/.test(given) ? given : randomUUID();
}

function sendError(res: ServerResponse, error: ApiError, extraHeaders: Record<string, string> = {}): number {
  sendJson(res, error.status, error.toBody(), { ...extraHeaders, ...error.headers });
  return error.status;
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  // Never leak internals; the sandbox's own bugs still answer with the contract's envelope.
  console.error("[cheqpay-sandbox] unexpected error:", error instanceof Error ? error.stack : error);
  return internalError();
}

function authenticate(rt: Runtime, req: IncomingMessage): Merchant {
  const apiKey = firstHeader(req.headers["x-api-key"]);
  const authorization = firstHeader(req.headers.authorization);
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  const key = apiKey ?? bearer;
  if (!key) throw unauthorized("Missing API key (x-api-key or Authorization: Bearer)");
  const merchant = rt.store.merchantByApiKey(key);
  if (!merchant) throw unauthorized("Invalid API key");
  const merchantHeader = firstHeader(req.headers["x-merchant-id"]);
  if (merchantHeader !== undefined && merchantHeader !== merchant.id) throw unauthorized("x-merchant-id does not match the API key");
  return merchant;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs the routed handler; returns the result or the error envelope to send. */
async function dispatch(rt: Runtime, match: RouteMatch | null, merchant: Merchant, query: URLSearchParams, parsed: JsonParse): Promise<ApiResult> {
  try {
    if (!match) throw new ApiError(404, "NOT_FOUND", "Route not found");
    if (!parsed.ok) throw new ApiError(400, "VALIDATION_ERROR", "Request body is not valid JSON", { details: [{ field: "body", message: "must be valid JSON" }] });
    return await match.handler({ rt, merchant, params: match.params, query, body: parsed.value });
  } catch (error) {
    const apiError = toApiError(error);
    return { status: apiError.status, body: apiError.toBody(), headers: apiError.headers };
  }
}

function applyErrorFault(res: ServerResponse, fault: Extract<FaultAction, { type: "error" }>, requestId: string): number {
  const headers: Record<string, string> = { "x-request-id": requestId };
  if (fault.body !== undefined) {
    if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
    sendText(res, fault.status, fault.body, fault.contentType ?? "application/json; charset=utf-8", headers);
    return fault.status;
  }
  return sendError(res, errorForStatus(fault.status, fault.retryAfter), headers);
}

async function handleApi(rt: Runtime, req: IncomingMessage, res: ServerResponse, pathname: string, query: URLSearchParams, requestId: string): Promise<void> {
  const started = performance.now();
  const method = req.method ?? "GET";
  const apiPath = stripPosPrefix(pathname);
  // 1. parse
  const bodyResult = await readBody(req, BODY_LIMIT_BYTES);
  const parsed: JsonParse = bodyResult.kind === "ok" ? parseJson(bodyResult.raw) : { ok: true, value: undefined };
  const match = matchRoute(method, apiPath);
  // 2. record (masked; status filled in at the end)
  const entry: LogEntry = rt.requestLog.start({
    at: new Date().toISOString(),
    method,
    path: req.url ?? pathname,
    operation: match?.operation ?? null,
    requestId,
    merchantId: null,
    body: parsed.ok && parsed.value !== undefined ? maskSensitive(parsed.value) : null,
  });
  const finish = (status: number | null) => {
    entry.status = status;
    entry.durationMs = Math.round((performance.now() - started) * 100) / 100;
    if (rt.settings.logRequests) console.log(`[cheqpay-sandbox] ${method} ${pathname} → ${status ?? "(no response)"} ${entry.durationMs} ms`);
  };
  if (bodyResult.kind === "too-large") {
    finish(sendError(res, PAYLOAD_TOO_LARGE, { connection: "close" }));
    return;
  }
  // 3. auth
  let merchant: Merchant;
  try {
    merchant = authenticate(rt, req);
  } catch (error) {
    finish(sendError(res, toApiError(error)));
    return;
  }
  entry.merchantId = merchant.id;
  // 4. rate limit, then fault injection
  const apiKey = merchant.apiKey;
  const retryAfter = rt.rateLimiter.check(apiKey, rt.config.rateLimitPerSecond);
  if (retryAfter !== null) {
    finish(sendError(res, errorForStatus(429, retryAfter)));
    return;
  }
  const fault = rt.faults.take({ operation: entry.operation, method, path: apiPath });
  entry.fault = fault?.type ?? null;
  if (fault?.type === "drop") {
    req.socket.destroy();
    finish(null);
    return;
  }
  if (fault?.type === "error") {
    finish(applyErrorFault(res, fault, requestId));
    return;
  }
  if (fault?.type === "latency") await sleep(fault.ms);
  // 5. route
  const result = await dispatch(rt, match, merchant, query, parsed);
  if (fault?.type === "timeout-after-commit") {
    req.socket.destroy(); // the work is done (state, webhooks) but the client never hears back
    finish(null);
    return;
  }
  if (fault?.type === "latency-after-commit") await sleep(fault.ms);
  // 6. respond
  sendJson(res, result.status, result.body, result.headers);
  finish(result.status);
}

async function handleControlRequest(rt: Runtime, req: IncomingMessage, res: ServerResponse, pathname: string, query: URLSearchParams): Promise<void> {
  const bodyResult = await readBody(req, BODY_LIMIT_BYTES);
  if (bodyResult.kind === "too-large") {
    sendError(res, PAYLOAD_TOO_LARGE, { connection: "close" });
    return;
  }
  const parts = pathname.split("/").filter(Boolean).slice(1);
  try {
    const result = await handleControl({ rt, method: req.method ?? "GET", parts, query, headers: req.headers, body: parseJson(bodyResult.raw) });
    if (!result) throw new ApiError(404, "NOT_FOUND", "Control route not found");
    sendJson(res, result.status, result.body, result.headers);
  } catch (error) {
    sendError(res, toApiError(error));
  }
}

async function handlePage(rt: Runtime, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  const bodyResult = await readBody(req, BODY_LIMIT_BYTES);
  if (bodyResult.kind === "too-large") {
    sendHtml(res, 413, errorPage("Request too large", "The form is larger than the sandbox accepts."));
    return;
  }
  const page = handleThreeDsPage(rt, req.method ?? "GET", pathname, parseForm(bodyResult.raw));
  sendHtml(res, page.status, page.html);
}

function createHandler(rt: Runtime) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const requestId = requestIdOf(req);
    res.setHeader("x-request-id", requestId);
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const pathname = q === -1 ? url : url.slice(0, q);
    const query = new URLSearchParams(q === -1 ? "" : url.slice(q + 1));
    let work: Promise<void>;
    if (pathname === "/_sandbox" || pathname.startsWith("/_sandbox/")) work = handleControlRequest(rt, req, res, pathname, query);
    else if (isThreeDsPagePath(pathname)) work = handlePage(rt, req, res, pathname);
    else work = handleApi(rt, req, res, pathname, query, requestId);
    // Last line of defence: whatever happens, answer (or close) instead of hanging.
    work.catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else sendError(res, toApiError(error));
    });
  };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const settings = resolveSettings(options);
  const rt = new Runtime(settings);
  const server = http.createServer({ keepAliveTimeout: 5_000, requestTimeout: 30_000, headersTimeout: 20_000 }, createHandler(rt));
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.port, settings.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = originFor(settings.host, port);
  rt.publicUrl = settings.publicUrl ?? url;
  let closed: Promise<void> | null = null;
  return {
    url,
    baseUrl: `${url}/pos`,
    port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        rt.webhooks.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
