// The one function that talks HTTP to Cheqpay: headers, timeout, retries, response parsing, and an event per
// attempt for logs, metrics and the order timeline. It never logs or echoes a request body.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import {
  CheqpayError,
  CheqpayOutcomeUnknownError,
  CheqpayRetryLaterError,
  errorFromResponse,
} from "./errors";
import {
  type AttemptFailure,
  parseRetryAfter,
  retryDelayMs,
  type RetryPolicy,
  type RetrySafety,
  shouldRetry,
} from "./retry-policy";
import { type HttpResponse, type HttpSend, sendHttp } from "./http-send";

export type CheqpayRequestEvent = {
  operation: string;
  method: string;
  path: string;
  attempt: number;
  httpStatus: number | null;
  durationMs: number;
  requestId: string;
  /** Set when the attempt failed: the error code (`INTERNAL_ERROR`, `TIMEOUT`, `NETWORK_ERROR`, ...). */
  errorCode: string | null;
  willRetry: boolean;
};

export type TransportConfig = {
  baseUrl: string;
  apiKey: string;
  merchantId: string;
  timeoutMs: number;
  retryPolicy: RetryPolicy;
  /** The HTTP exchange (default: Node's http/https, http-send.ts); tests pass a scripted `fetch`. */
  fetch?: HttpSend;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRequest?: (event: CheqpayRequestEvent) => void;
  /** The id of the request being served (sent as `x-request-id` when a call names none). */
  currentRequestId?: () => string | undefined;
};

export type CheqpayRequest<T> = {
  operation: string;
  method: "GET" | "POST";
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  schema: z.ZodType<T>;
  safety: RetrySafety;
  requestId?: string;
  timeoutMs?: number;
  /** This call's own observer (e.g. the order timeline), beside the client's. */
  onRequest?: (event: CheqpayRequestEvent) => void;
};

export type CheqpayResponse<T> = { data: T; httpStatus: number; requestId: string };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function sendCheqpayRequest<T>(config: TransportConfig, request: CheqpayRequest<T>): Promise<CheqpayResponse<T>> {
  const requestId = request.requestId ?? config.currentRequestId?.() ?? randomUUID();
  const url = buildUrl(config.baseUrl, request.path, request.query);
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const sleep = config.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    const outcome = await attemptOnce(config, request, url, body, requestId);
    const durationMs = performance.now() - started;
    if (outcome.ok) {
      emit(config, request, { attempt, httpStatus: outcome.httpStatus, durationMs, requestId, errorCode: null, willRetry: false });
      return { data: outcome.data, httpStatus: outcome.httpStatus, requestId };
    }
    const willRetry = outcome.failure !== null && shouldRetry(outcome.failure, attempt, request.safety, config.retryPolicy);
    emit(config, request, {
      attempt,
      httpStatus: outcome.error.httpStatus,
      durationMs,
      requestId,
      errorCode: outcome.error.code,
      willRetry,
    });
    if (!willRetry || outcome.failure === null) throw outcome.error;
    await sleep(retryDelayMs(outcome.failure, attempt, config.retryPolicy, config.random));
  }
}

type AttemptOutcome<T> =
  | { ok: true; data: T; httpStatus: number }
  | { ok: false; error: CheqpayError; failure: AttemptFailure | null };

async function attemptOnce<T>(
  config: TransportConfig,
  request: CheqpayRequest<T>,
  url: string,
  body: string | undefined,
  requestId: string,
): Promise<AttemptOutcome<T>> {
  const context = { requestId, operation: request.operation };
  let response: HttpResponse;
  let text: string;
  try {
    response = await (config.fetch ?? sendHttp)(url, {
      method: request.method,
      headers: {
        "x-api-key": config.apiKey,
        "x-merchant-id": config.merchantId,
        "x-request-id": requestId,
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body,
      signal: AbortSignal.timeout(request.timeoutMs ?? config.timeoutMs),
    });
    text = await response.text();
  } catch (cause) {
    return networkFailure(cause, context);
  }
  const json = parseJson(text);
  if (!response.ok) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
    const error = errorFromResponse(response.status, json, { ...context, retryAfterMs, secrets: [config.apiKey] });
    return { ok: false, error, failure: { kind: "http", status: response.status, retryAfterMs } };
  }
  const parsed = request.schema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join(".") || "(root)").slice(0, 5);
    const error = new CheqpayOutcomeUnknownError({
      message: `Cheqpay's answer to ${request.operation} did not match the expected shape (${fields.join(", ")})`,
      httpStatus: response.status,
      code: "MALFORMED_RESPONSE",
      retryable: false,
      ...context,
    });
    return { ok: false, error, failure: null };
  }
  return { ok: true, data: parsed.data, httpStatus: response.status };
}

const NOT_CONNECTED_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

function networkFailure(cause: unknown, context: { requestId: string; operation: string }): AttemptOutcome<never> {
  const name = cause instanceof Error ? cause.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    const error = new CheqpayOutcomeUnknownError({
      message: `Cheqpay did not answer ${context.operation} in time`,
      httpStatus: null,
      code: "TIMEOUT",
      retryable: true,
      ...context,
    });
    return { ok: false, error, failure: { kind: "timeout" } };
  }
  const code = errorCode(cause);
  const reachedServer = !NOT_CONNECTED_CODES.has(code);
  const init = {
    message: `Could not reach Cheqpay for ${context.operation} (${code || "network error"})`,
    httpStatus: null,
    code: "NETWORK_ERROR",
    retryable: true,
    ...context,
  };
  // Refused before connecting: nothing happened at Cheqpay, so the caller may simply try later.
  const error = reachedServer ? new CheqpayOutcomeUnknownError(init) : new CheqpayRetryLaterError(init);
  return { ok: false, error, failure: { kind: "network", reachedServer } };
}

function errorCode(cause: unknown): string {
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return "";
}

function parseJson(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function buildUrl(baseUrl: string, path: string, query?: CheqpayRequest<unknown>["query"]): string {
  const url = new URL(baseUrl.replace(/\/+$/, "") + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

function emit(
  config: TransportConfig,
  request: CheqpayRequest<unknown>,
  event: Omit<CheqpayRequestEvent, "operation" | "method" | "path">,
): void {
  const full = { operation: request.operation, method: request.method, path: request.path, ...event };
  for (const observer of [config.onRequest, request.onRequest]) {
    try {
      observer?.(full);
    } catch {
      // An observer must never break a payment.
    }
  }
}
