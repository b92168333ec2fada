// Webhook bodies, parsed into the app's shape. The signature is checked first (./webhook-signature.ts).
import type { AmountUnit } from "./amounts";
import { fromWireAmount } from "./amounts";
import { fromWireCard, fromWireRefund } from "./mappers";
import { toPaymentStatus } from "./status";
import type { CardSummary, CheqpayPaymentStatus, Refund } from "./types";
import { wireWebhookEventSchema } from "./wire-schemas";
import { containsNul } from "../validation/plain-text";

export type CheqpayWebhookEvent = {
  /** Cheqpay's event id: the dedupe key. */
  id: string;
  /** `payment.auth.success`, `payment.capture.success`, `payment.refund.success`, ... */
  type: string;
  createdAt: string | null;
  paymentOrderId: string | null;
  externalId: string | null;
  status: CheqpayPaymentStatus | null;
  cheqpayStatus: string | null;
  amount: number | null;
  currency: string | null;
  declineReason: string | null;
  card: CardSummary | null;
  refund: Refund | null;
};

/** Parses a verified webhook body; `null` when it is not a Cheqpay event we can read. */
export function parseWebhookEvent(rawBody: string, unit: AmountUnit = "minor"): CheqpayWebhookEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return null;
  }
  // NUL anywhere (a card's brand, a decline reason) could not be stored: not an event we can read.
  if (containsNul(json)) return null;
  const parsed = wireWebhookEventSchema.safeParse(json);
  if (!parsed.success) return null;
  const { id, event, createdAt, data } = parsed.data;
  const order = data?.paymentOrder ?? null;
  const status = order?.status ?? null;
  return {
    id,
    type: event,
    createdAt: createdAt ?? null,
    paymentOrderId: order?.id ?? null,
    externalId: order?.externalId ?? order?.merchantReference ?? null,
    status: status === null ? null : toPaymentStatus(status),
    cheqpayStatus: status,
    amount: order?.amount === null || order?.amount === undefined ? null : fromWireAmount(order.amount, unit),
    currency: order?.currency ?? null,
    declineReason: data?.payment?.declineReason ?? null,
    card: fromWireCard(data?.paymentMethod?.options?.card),
    refund: data?.refund ? fromWireRefund(data.refund, unit) : null,
  };
}
