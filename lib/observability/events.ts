// The payment events the seed names, each one log line (with order id, external id, amount and currency where
// they apply) and the matching metrics. Observers: they never throw into the payment that reports them.
import { getLogger } from "./logger";
import { getMetrics } from "./metrics";

export type EventName =
  | "payment.initiated"
  | "payment.requires_action"
  | "payment.completed"
  | "payment.failed"
  | "order.fulfilled"
  | "refund.requested"
  | "refund.succeeded"
  | "refund.failed"
  | "webhook.received"
  | "cheqpay.request"
  | "job.failed"
  | "email.sent"
  | "email.failed"
  /** A payment refused by a card-testing limit (Cheqpay not called): `limit` names it. */
  | "payment.limited"
  /** A sign-in link refused by its limit (no email sent): `limit` names it. */
  | "signin.limited";

export type EventFields = {
  orderId?: string;
  attemptId?: string;
  externalId?: string;
  refundId?: string;
  amountCentavos?: number;
  currency?: string;
  declineCode?: string | null;
  /** Seconds from the attempt's start to this event (final statuses). */
  processingSeconds?: number;
  [key: string]: unknown;
};

const WARN: ReadonlySet<EventName> = new Set(["payment.failed", "refund.failed", "job.failed", "email.failed", "payment.limited", "signin.limited"]);

export function recordEvent(event: EventName, fields: EventFields = {}): void {
  try {
    const logger = getLogger();
    if (WARN.has(event)) logger.warn({ event, ...fields }, event);
    else logger.info({ event, ...fields }, event);
    countEvent(event, fields);
  } catch {
    // Logging and metrics must never break what they observe.
  }
}

function countEvent(event: EventName, fields: EventFields): void {
  const metrics = getMetrics();
  switch (event) {
    case "payment.completed":
      metrics.payments.inc({ outcome: "succeeded", decline_code: "" });
      if (fields.amountCentavos !== undefined) metrics.paymentAmount.observe({ currency: fields.currency ?? "MXN" }, fields.amountCentavos);
      if (fields.processingSeconds !== undefined) metrics.paymentProcessing.observe({ outcome: "succeeded" }, fields.processingSeconds);
      return;
    case "payment.failed":
      metrics.payments.inc({ outcome: "failed", decline_code: fields.declineCode ?? "UNKNOWN" });
      if (fields.processingSeconds !== undefined) metrics.paymentProcessing.observe({ outcome: "failed" }, fields.processingSeconds);
      return;
    case "payment.requires_action":
      metrics.payments.inc({ outcome: "requires_action", decline_code: "" });
      return;
    case "refund.requested":
    case "refund.succeeded":
    case "refund.failed":
      metrics.refunds.inc({ result: event.slice("refund.".length) });
      return;
    case "payment.limited":
      metrics.paymentLimited.inc({ limit: String(fields.limit ?? "unknown") });
      return;
    case "signin.limited":
      metrics.signInLimited.inc({ limit: String(fields.limit ?? "unknown") });
      return;
    case "email.sent":
    case "email.failed":
      metrics.emails.inc({ kind: String(fields.kind ?? "unknown"), result: event === "email.sent" ? "sent" : "failed" });
      return;
    default:
      return;
  }
}
