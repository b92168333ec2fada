// The log line and metrics of an attempt's move (see lib/observability/events.ts): requires_action while the
// bank checks the shopper, completed or failed at a final status, order.fulfilled when the order got paid.
import { recordEvent } from "@/lib/observability/events";
import type { AttemptRow, StatusSource } from "./apply-attempt-status";

export function recordAttemptMove(attempt: AttemptRow, source: StatusSource, orderPaid: boolean): void {
  const fields = {
    orderId: attempt.orderId,
    attemptId: attempt.id,
    externalId: attempt.externalId,
    amountCentavos: attempt.amountCentavos,
    currency: attempt.currency,
    source,
  };
  const processingSeconds = Math.max(0, (attempt.updatedAt.getTime() - attempt.createdAt.getTime()) / 1000);
  switch (attempt.status) {
    case "requires_device_data":
    case "requires_challenge":
      recordEvent("payment.requires_action", { ...fields, step: attempt.status });
      return;
    case "succeeded":
      recordEvent("payment.completed", { ...fields, processingSeconds, cardBrand: attempt.cardBrand, cardLast4: attempt.cardLast4 });
      if (orderPaid) recordEvent("order.fulfilled", fields);
      return;
    case "failed":
    case "expired":
      recordEvent("payment.failed", { ...fields, processingSeconds, declineCode: attempt.declineCode, status: attempt.status });
      return;
    default:
      return;
  }
}
