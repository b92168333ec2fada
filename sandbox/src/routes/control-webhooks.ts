// /_sandbox/webhooks: the merchant's endpoint, the delivery log, and redelivery.
import type { ApiResult } from "../api-types.js";
import { notFound } from "../errors.js";
import type { Delivery } from "../webhooks.js";
import { FieldErrors, readHttpUrl, readString } from "../validation.js";
import { controlBody, controlMerchant, type ControlRequest } from "./control-input.js";

export function deliveryJson(delivery: Delivery) {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    event: delivery.event,
    merchantId: delivery.merchantId,
    paymentOrderId: delivery.paymentOrderId,
    url: delivery.url,
    status: delivery.status,
    attempts: delivery.attempts,
    createdAt: delivery.createdAt,
    signature: delivery.signature,
    body: JSON.parse(delivery.rawBody) as unknown,
    /** The exact bytes sent (what the signature covers). */
    rawBody: delivery.rawBody,
  };
}

function endpointJson(merchantId: string, url: string | null, secrets: string[]) {
  return { merchantId, url, secret: secrets[0] ?? null };
}

export function getWebhookEndpoint(request: ControlRequest): ApiResult {
  const merchant = controlMerchant(request);
  return { status: 200, body: endpointJson(merchant.id, merchant.webhookUrl, merchant.webhookSecrets) };
}

export function setWebhookEndpoint(request: ControlRequest): ApiResult {
  const body = controlBody(request);
  const merchant = controlMerchant(request, body);
  const errors = new FieldErrors();
  // url: null switches deliveries off.
  const url = body.url === null ? null : readHttpUrl(body, "url", "url", errors, true);
  const secret = readString(body, "secret", "secret", errors, { max: 1024 });
  errors.throwIfAny();
  merchant.webhookUrl = url ?? null;
  merchant.webhookSecrets = secret
    ? secret.split(",").map((s) => s.trim()).filter((s) => s.length > 0)
    : [...merchant.configuredWebhookSecrets];
  return { status: 200, body: endpointJson(merchant.id, merchant.webhookUrl, merchant.webhookSecrets) };
}

export function listDeliveries(request: ControlRequest): ApiResult {
  const { query } = request;
  const deliveries = request.rt.webhooks.list({
    merchantId: query.get("merchantId") || undefined,
    paymentOrderId: query.get("paymentOrderId") || undefined,
    event: query.get("event") || undefined,
  });
  return { status: 200, body: { data: deliveries.map(deliveryJson) } };
}

export async function redeliver(request: ControlRequest, id: string): Promise<ApiResult> {
  const delivery = request.rt.webhooks.get(id);
  if (!delivery) throw notFound("Delivery");
  await request.rt.webhooks.redeliver(delivery);
  return { status: 200, body: deliveryJson(delivery) };
}
