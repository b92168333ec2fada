// Each HTTP attempt of a Cheqpay call, on the order's timeline: operation, HTTP status, duration, retries,
// error code. Collected while the call runs, written after it (never its bodies: no card data can get in).
import type { CallOptions, CheqpayRequestEvent } from "@/lib/cheqpay";
import type { Database } from "@/lib/db/client";
import { paymentEvents } from "@/lib/db/schema";
import { getLogger } from "@/lib/observability/logger";

export type CallLog = { call: CallOptions; flush(db: Database): Promise<void> };

export function cheqpayCallLog(orderId: string, attemptId: string | null, extra: Record<string, string> = {}): CallLog {
  const events: CheqpayRequestEvent[] = [];
  return {
    call: { onRequest: (event) => events.push(event) },
    async flush(db) {
      const batch = events.splice(0);
      if (batch.length === 0) return;
      try {
        await db.insert(paymentEvents).values(
          batch.map((event) => ({
            orderId,
            attemptId,
            kind: "cheqpay.call",
            detail: {
              operation: event.operation,
              method: event.method,
              httpStatus: event.httpStatus,
              durationMs: Math.round(event.durationMs),
              attempt: event.attempt,
              errorCode: event.errorCode,
              willRetry: event.willRetry,
              requestId: event.requestId,
              ...extra,
            },
          })),
        );
      } catch (error) {
        // The timeline is a record, not a step of the payment: losing a line must not fail it.
        getLogger().error({ event: "timeline.write_failed", orderId, err: error }, "Cheqpay calls not recorded on the timeline");
      }
    },
  };
}
