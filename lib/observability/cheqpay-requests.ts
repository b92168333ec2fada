// Each HTTP attempt to Cheqpay: a `cheqpay.request` log line (operation, status, duration, attempt) and its
// metrics. Never the body: card data cannot get in.
import type { CheqpayRequestEvent } from "@/lib/cheqpay";
import { getLogger } from "./logger";
import { getMetrics } from "./metrics";

export function recordCheqpayRequest(event: CheqpayRequestEvent): void {
  try {
    const metrics = getMetrics();
    metrics.cheqpayRequests.observe({ operation: event.operation, status: String(event.httpStatus ?? 0) }, event.durationMs / 1000);
    if (event.willRetry) metrics.cheqpayRetries.inc({ operation: event.operation });
    const line = {
      event: "cheqpay.request",
      operation: event.operation,
      method: event.method,
      status: event.httpStatus,
      durationMs: Math.round(event.durationMs),
      attempt: event.attempt,
      errorCode: event.errorCode,
      willRetry: event.willRetry,
      cheqpayRequestId: event.requestId,
    };
    const logger = getLogger();
    if (event.errorCode) logger.warn(line, "cheqpay.request");
    else logger.info(line, "cheqpay.request");
  } catch {
    // Observing must never break a payment.
  }
}
