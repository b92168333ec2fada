// Builds v2 webhook payloads (contract "Webhooks", reference W-2). Each event is a snapshot of the
// order at the moment of the transition, so auth.success shows AUTHORIZED and capture.success COMPLETED.
import { majorUnits, refundJson } from "./serializers.js";
import type { Merchant, Order, Refund } from "./types.js";

export type WebhookEventName =
  | "payment.auth.pending"
  | "payment.auth.success"
  | "payment.auth.failed"
  | "payment.capture.success"
  | "payment.refund.success";

export interface WebhookPayload {
  id: string;
  event: WebhookEventName;
  createdAt: string;
  data: Record<string, unknown>;
}

export function buildPayload(
  id: string,
  event: WebhookEventName,
  merchant: Merchant,
  order: Order,
  refund?: Refund,
): WebhookPayload {
  const payment = order.payments[order.payments.length - 1];
  const customer = merchant.customers.get(order.customerId);
  const data: Record<string, unknown> = {
    paymentOrder: {
      id: order.id,
      externalId: order.externalId,
      merchantReference: order.externalId,
      status: order.status,
      amount: order.amount,
      currency: order.currency,
      refundedAmount: order.refundedAmount,
    },
    payment: payment
      ? {
          id: payment.id,
          status: payment.status,
          amount: majorUnits(payment.amount),
          refundedAmount: majorUnits(payment.refundedAmount),
          declineReason: payment.declineReason,
        }
      : null,
    customer: { id: order.customerId, externalId: customer?.externalId ?? null },
    paymentMethod: {
      type: "card",
      options: { card: { id: order.savedMethodId ?? order.card.id, brand: order.card.brand, last4: order.card.last4 } },
    },
  };
  if (refund) data.refund = refundJson(refund);
  return { id, event, createdAt: new Date().toISOString(), data };
}
