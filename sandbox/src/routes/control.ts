// /_sandbox/*: test controls (no API key). Reset, request log, faults, 3-D Secure shortcut,
// extra merchants, runtime config; webhook controls live in control-webhooks.ts.
import type { ApiResult } from "../api-types.js";
import { ApiError, invalidState, notFound, validationError } from "../errors.js";
import { parseFault } from "../faults.js";
import { findOrder } from "../store.js";
import { issueSessionId, recordChallengeAnswer } from "../three-ds-session.js";
import type { Merchant, Order } from "../types.js";
import { FieldErrors, readBoolean, readString } from "../validation.js";
import { controlBody, controlMerchant, type ControlRequest } from "./control-input.js";
import { getWebhookEndpoint, listDeliveries, redeliver, setWebhookEndpoint } from "./control-webhooks.js";

function reset(request: ControlRequest): ApiResult {
  const body = controlBody(request);
  const errors = new FieldErrors();
  const seed = readString(body, "seed", "seed", errors, { max: 1024 });
  errors.throwIfAny();
  request.rt.reset(seed);
  return { status: 200, body: { ok: true, seed: request.rt.seed } };
}

function listRequests(request: ControlRequest): ApiResult {
  const sinceRaw = request.query.get("since");
  let since: number | undefined;
  if (sinceRaw !== null && sinceRaw !== "") {
    if (!/^\d+$/.test(sinceRaw)) throw validationError([{ field: "since", message: "must be a non-negative integer (a seq)" }]);
    since = Number(sinceRaw);
  }
  const operation = request.query.get("operation") || undefined;
  return { status: 200, body: { data: request.rt.requestLog.list({ operation, since }) } };
}

function faults(request: ControlRequest): ApiResult {
  const registry = request.rt.faults;
  if (request.method === "GET") return { status: 200, body: { data: registry.list() } };
  if (request.method === "DELETE") {
    registry.clear();
    return { status: 200, body: { data: [] } };
  }
  const fault = registry.add(parseFault(controlBody(request)));
  return { status: 201, body: fault };
}

/** id = order id or externalId; searched in the named merchant, else in all of them. */
function locateOrder(request: ControlRequest, id: string, body: Record<string, unknown>): { merchant: Merchant; order: Order } {
  const named = body.merchantId ?? request.query.get("merchantId") ?? request.headers["x-merchant-id"];
  const merchants = named ? [controlMerchant(request, body)] : request.rt.store.allMerchants();
  for (const merchant of merchants) {
    const order = merchant.orders.get(id);
    if (order) return { merchant, order };
  }
  for (const merchant of merchants) {
    const order = findOrder(merchant, id);
    if (order) return { merchant, order };
  }
  throw notFound("Payment order");
}

function completeThreeDs(request: ControlRequest, id: string): ApiResult {
  const body = controlBody(request);
  const outcome = body.outcome ?? "success";
  if (outcome !== "success" && outcome !== "failure") {
    throw validationError([{ field: "outcome", message: 'must be "success" or "failure"' }]);
  }
  const { order } = locateOrder(request, id, body);
  const threeDs = order.threeDs;
  if (order.status === "PAYER_AUTHENTICATION_DEVICE_DATA_REQUIRED" && threeDs) {
    return { status: 200, body: { stage: "device-data", sessionId: issueSessionId(request.rt, order) } };
  }
  if (order.status === "PAYER_AUTHENTICATION_CHALLENGE_REQUIRED" && threeDs) {
    const recorded = recordChallengeAnswer(order, { verified: outcome === "success" });
    return {
      status: 200,
      body: { stage: "challenge", transactionId: threeDs.payerAuthenticationId, md: order.id, returnUrl: threeDs.returnUrl, outcome: recorded },
    };
  }
  throw invalidState(`The payment order is ${order.status}, not waiting for 3-D Secure`);
}

function addMerchant(request: ControlRequest): ApiResult {
  const body = controlBody(request);
  const errors = new FieldErrors();
  const merchantId = readString(body, "merchantId", "merchantId", errors, { required: true });
  const apiKey = readString(body, "apiKey", "apiKey", errors, { required: true, max: 1024 });
  const secret = readString(body, "webhookSecret", "webhookSecret", errors, { max: 1024 });
  const webhookUrl = body.webhookUrl === undefined || body.webhookUrl === null ? undefined : readString(body, "webhookUrl", "webhookUrl", errors, { max: 2048 });
  errors.throwIfAny();
  if (merchantId === undefined || apiKey === undefined) throw new Error("unreachable: validated");
  const { store, settings } = request.rt;
  if (store.hasMerchant(merchantId)) throw new ApiError(409, "DUPLICATE", `Merchant ${merchantId} already exists`);
  if (store.hasApiKey(apiKey)) throw new ApiError(409, "DUPLICATE", "This API key already belongs to a merchant");
  const webhookSecrets = secret ? secret.split(",").map((s) => s.trim()).filter(Boolean) : [...settings.webhookSecrets];
  store.addMerchant({ id: merchantId, apiKey, webhookSecrets, webhookUrl: webhookUrl ?? null });
  return { status: 201, body: { merchantId, apiKey, webhookSecret: webhookSecrets[0], webhookUrl: webhookUrl ?? null } };
}

function config(request: ControlRequest): ApiResult {
  const rt = request.rt;
  if (request.method === "GET") return { status: 200, body: rt.config };
  const body = controlBody(request);
  const errors = new FieldErrors();
  const next = { ...rt.config };
  const integer = (key: "threeDsMinAmount" | "rateLimitPerSecond" | "threeDsTtlMs", min: number) => {
    const value = body[key];
    if (value === undefined) return;
    if (value === null && key === "rateLimitPerSecond") next.rateLimitPerSecond = 0;
    else if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) errors.add(key, `must be an integer ≥ ${min}`);
    else next[key] = value;
  };
  integer("threeDsMinAmount", 0);
  integer("rateLimitPerSecond", 0);
  integer("threeDsTtlMs", 1);
  const autoCapture = readBoolean(body, "autoCapture", "autoCapture", errors);
  if (autoCapture !== undefined) next.autoCapture = autoCapture;
  errors.throwIfAny();
  rt.config = next;
  return { status: 200, body: rt.config };
}

function health(request: ControlRequest): ApiResult {
  return { status: 200, body: { ok: true, seed: request.rt.seed, baseUrl: `${request.rt.publicUrl}/pos` } };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw notFound("Resource");
  }
}

/** Dispatches /_sandbox/<parts...>; null when no control route matches. */
export async function handleControl(request: ControlRequest): Promise<ApiResult | null> {
  const { method, parts } = request;
  const [first, second, third, fourth] = parts;
  const is = (m: string, length: number) => method === m && parts.length === length;
  switch (first) {
    case "health":
      return is("GET", 1) ? health(request) : null;
    case "reset":
      return is("POST", 1) ? reset(request) : null;
    case "requests":
      return is("GET", 1) ? listRequests(request) : null;
    case "faults":
      return parts.length === 1 && ["GET", "POST", "DELETE"].includes(method) ? faults(request) : null;
    case "merchants":
      return is("POST", 1) ? addMerchant(request) : null;
    case "config":
      return parts.length === 1 && (method === "GET" || method === "POST") ? config(request) : null;
    case "orders":
      return is("POST", 3) && third === "complete-3ds" && second ? completeThreeDs(request, decode(second)) : null;
    case "webhooks":
      if (is("GET", 1)) return getWebhookEndpoint(request);
      if (is("POST", 1)) return setWebhookEndpoint(request);
      if (second === "deliveries" && is("GET", 2)) return listDeliveries(request);
      if (second === "deliveries" && third && fourth === "redeliver" && is("POST", 4)) return redeliver(request, decode(third));
      return null;
    default:
      return null;
  }
}
