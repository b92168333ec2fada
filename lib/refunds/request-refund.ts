// Asking for a refund: the refund row is written (PENDING) under a lock on the order, so two requests at once
// cannot refund more than was paid; then the `process-refund` job is queued. If queueing fails, the
// every-minute sweep queues it.
import { and, eq, ne, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { orders, paymentEvents, refunds } from "@/lib/db/schema";
import { recordEvent } from "@/lib/observability/events";
import { getLogger } from "@/lib/observability/logger";
import { type JobQueue, QUEUES } from "@/lib/queue/queues";
import { checkRefund, type RefundRefusal } from "./refund-rules";

export type RefundRow = typeof refunds.$inferSelect;

export type RequestRefundResult =
  | { kind: "accepted"; refund: RefundRow }
  | { kind: "refused"; refusal: RefundRefusal; remainingCentavos: number }
  | { kind: "not-found" };

export async function requestRefund(
  db: Database,
  queue: JobQueue,
  input: { orderId: string; amountCentavos?: number; reason: string; requestedBy: string },
): Promise<RequestRefundResult> {
  const result = await db.transaction(async (tx): Promise<RequestRefundResult> => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, input.orderId)).for("update");
    if (!order) return { kind: "not-found" };
    const [taken] = await tx
      .select({ centavos: sql<number>`coalesce(sum(${refunds.amountCentavos}), 0)::int` })
      .from(refunds)
      .where(and(eq(refunds.orderId, order.id), ne(refunds.status, "FAILED")));
    const check = checkRefund({
      orderStatus: order.status,
      paidCentavos: order.totalCentavos,
      refundedOrPendingCentavos: taken?.centavos ?? 0,
      amountCentavos: input.amountCentavos,
    });
    if (!check.ok) return { kind: "refused", refusal: check.refusal, remainingCentavos: check.remainingCentavos };
    const [refund] = await tx
      .insert(refunds)
      .values({
        orderId: order.id,
        amountCentavos: check.amountCentavos,
        currency: order.currency,
        reason: input.reason,
        requestedBy: input.requestedBy,
      })
      .returning();
    await tx.insert(paymentEvents).values({
      orderId: order.id,
      kind: "refund.requested",
      detail: { refundId: refund!.id, amountCentavos: refund!.amountCentavos, requestedBy: input.requestedBy },
    });
    return { kind: "accepted", refund: refund! };
  });
  if (result.kind === "accepted") {
    const { refund } = result;
    recordEvent("refund.requested", { orderId: refund.orderId, refundId: refund.id, amountCentavos: refund.amountCentavos, currency: refund.currency, requestedBy: refund.requestedBy });
    await queue.send(QUEUES.processRefund, { refundId: result.refund.id }, result.refund.id).catch((error: unknown) => {
      getLogger().error({ event: "refund.queue_failed", refundId: result.refund.id, err: error }, "queueing the refund failed; the sweep will queue it");
    });
  }
  return result;
}
