// Each HTTP attempt of a Cheqpay call, on the order's timeline: operation, HTTP status, duration, retries,
// error code. Collected while the call runs, written after it (never its bodies: no card data can get in).
import type { CallOptions, CheqpayRequestEvent } from "@/lib/cheqpay";
import type { Database } from "@/lib/db/client";
import { paymentEvents } from "@/lib/db/schema";
import { getLogger } from "@/lib/observability/logger";

/** A timeline line, ready to insert. */
export type TimelineLine = typeof paymentEvents.$inferInsert;

export type CallLog = {
  call: CallOptions;
  /** Writes the lines collected so far (best effort). */
  flush(db: Database): Promise<void>;
  /** Hands the lines collected so far to the caller, to be written with its own statements (one round trip). */
  take(): TimelineLine[];
};

export function cheqpayCallLog(orderId: string, attemptId: string | null, extra: Record<string, string> = {}): CallLog {
  const events: CheqpayRequestEvent[] = [];
  const take = (): TimelineLine[] =>
    events.splice(0).map((event) => ({
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
    }));
  return {
    call: { onRequest: (event) => events.push(event) },
    take,
    async flush(db) {
      const lines = take();
      if (lines.length === 0) return;
      try {
        await db.insert(paymentEvents).values(lines);
      } catch (error) {
        // The timeline is a record, not a step of the payment: losing a line must not fail it.
        getLogger().error({ event: "timeline.write_failed", orderId, err: error }, "Cheqpay calls not recorded on the timeline");
      }
    },
  };
}
