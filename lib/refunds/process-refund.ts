// The `process-refund` job: calls Cheqpay for one PENDING refund, holding the refund's lock so a duplicate job
// waits and then finds it settled. `submitted_at` is committed before the call: a later try that finds it set
// (the call's answer was lost) first reads the order's refunds at Cheqpay and settles from what it finds, so
// nothing is refunded twice. 5xx and network errors are thrown for the queue to retry with backoff; Cheqpay
// refusing the refund fails it with the reason.
import { and, eq, sql } from "drizzle-orm";
import {
  CheqpayAuthError,
  type CheqpayClient,
  CheqpayError,
  CheqpayOutcomeUnknownError,
  CheqpayRetryLaterError,
  type Refund as CheqpayRefund,
} from "@/lib/cheqpay";
import { cheqpayCallLog } from "@/lib/checkout/cheqpay-call-log";
import { recordEvent } from "@/lib/observability/events";
import type { Database, Transaction } from "@/lib/db/client";
import { emailOutbox, orders, paymentAttempts, paymentEvents, refunds } from "@/lib/db/schema";
import { cheqpayRefundReason, isOurRefund, statusAfterRefunds } from "./refund-rules";
import type { RefundRow } from "./request-refund";

/** Longer than any earlier call of ours can take to reach Cheqpay (the client's timeout with its retries). */
export const RESUBMIT_AFTER_MS = 2 * 60 * 1000;

/** An earlier call's outcome is not known yet: the queue retries, then lists Cheqpay's refunds again. */
export class RefundOutcomePendingError extends Error {
  constructor(readonly refundId: string) {
    super(`The outcome of refund ${refundId}'s earlier call is not known yet`);
    this.name = "RefundOutcomePendingError";
  }
}

export type ProcessRefundResult = { refund: RefundRow | null; outboxIds: string[] };

/** Inside: whether this run moved the refund out of PENDING (its event is recorded once, by that run). */
type Settlement = ProcessRefundResult & { settled?: boolean };

export async function processRefund(
  db: Database,
  cheqpay: CheqpayClient,
  refundId: string,
  options: { resubmitAfterMs?: number } = {},
): Promise<ProcessRefundResult> {
  const { settled, ...result } = await settleRefund(db, cheqpay, refundId, options.resubmitAfterMs ?? RESUBMIT_AFTER_MS);
  const { refund } = result;
  if (refund && settled) {
    const fields = { orderId: refund.orderId, refundId: refund.id, amountCentavos: refund.amountCentavos, currency: refund.currency };
    if (refund.status === "SUCCEEDED") recordEvent("refund.succeeded", fields);
    else recordEvent("refund.failed", { ...fields, reason: refund.failureReason });
  }
  return result;
}

async function settleRefund(db: Database, cheqpay: CheqpayClient, refundId: string, resubmitAfterMs: number): Promise<Settlement> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`refund:${refundId}`}, 0))`);
    const [row] = await tx
      .select({ refund: refunds, paymentOrderId: paymentAttempts.cheqpayOrderId })
      .from(refunds)
      .leftJoin(paymentAttempts, and(eq(paymentAttempts.orderId, refunds.orderId), eq(paymentAttempts.status, "succeeded")))
      .where(eq(refunds.id, refundId));
    if (!row) return { refund: null, outboxIds: [] };
    const { refund, paymentOrderId } = row;
    if (refund.status !== "PENDING") return { refund, outboxIds: [] };
    if (!paymentOrderId) return fail(tx, refund, "NO_PAYMENT: the order has no successful payment to refund");

    const log = cheqpayCallLog(refund.orderId, null, { refundId: refund.id });
    if (refund.submittedAt || refund.cheqpayRefundId) {
      const listed = await cheqpay.listRefunds(paymentOrderId, log.call).finally(() => log.flush(db));
      const ours = listed.find(
        (candidate) => candidate.id === refund.cheqpayRefundId || isOurRefund(candidate.reason, refund.id),
      );
      if (ours) return settle(tx, refund, ours);
      // Not listed yet: the earlier call may still land at Cheqpay (processed after our timeout). Post again only
      // once that can no longer happen.
      if (refund.submittedAt && Date.now() - refund.submittedAt.getTime() < resubmitAfterMs) {
        throw new RefundOutcomePendingError(refund.id);
      }
    }
    // Committed at once (outside this transaction): a crash during the call still leaves the mark.
    await db.update(refunds).set({ submittedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(refunds.id, refund.id));
    try {
      const result = await cheqpay.refundPaymentOrder(
        { paymentOrderId, amount: refund.amountCentavos, reason: cheqpayRefundReason(refund.reason, refund.id) },
        log.call,
      );
      await log.flush(db);
      return settle(tx, refund, result.refund);
    } catch (error) {
      await log.flush(db);
      // Unreachable, unknown outcome, or our credentials refused (a configuration problem, not a refusal of this
      // refund): the queue tries again later.
      if (error instanceof CheqpayRetryLaterError || error instanceof CheqpayOutcomeUnknownError || error instanceof CheqpayAuthError) throw error;
      if (error instanceof CheqpayError) return fail(tx, refund, `${error.code}: ${error.message}`.slice(0, 300));
      throw error;
    }
  });
}

/** Applies Cheqpay's refund: succeeded → the order's status and the refund email; pending → left for later. */
async function settle(tx: Transaction, refund: RefundRow, cheqpayRefund: CheqpayRefund): Promise<Settlement> {
  if (cheqpayRefund.status === "failed") return fail(tx, refund, "DECLINED: Cheqpay could not refund the payment", cheqpayRefund.id);
  if (cheqpayRefund.status === "pending") {
    const [pending] = await tx
      .update(refunds)
      .set({ cheqpayRefundId: cheqpayRefund.id, updatedAt: sql`now()` })
      .where(eq(refunds.id, refund.id))
      .returning();
    return { refund: pending ?? refund, outboxIds: [] };
  }
  const [succeeded] = await tx
    .update(refunds)
    .set({ status: "SUCCEEDED", cheqpayRefundId: cheqpayRefund.id, completedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(refunds.id, refund.id), eq(refunds.status, "PENDING")))
    .returning();
  if (!succeeded) return { refund, outboxIds: [] };
  const [order] = await tx.select().from(orders).where(eq(orders.id, refund.orderId)).for("update");
  const [total] = await tx
    .select({ centavos: sql<number>`coalesce(sum(${refunds.amountCentavos}), 0)::int` })
    .from(refunds)
    .where(and(eq(refunds.orderId, refund.orderId), eq(refunds.status, "SUCCEEDED")));
  if (order) {
    await tx
      .update(orders)
      .set({ status: statusAfterRefunds(order.totalCentavos, total?.centavos ?? 0), updatedAt: sql`now()` })
      .where(eq(orders.id, order.id));
  }
  await tx.insert(paymentEvents).values({
    orderId: refund.orderId,
    kind: "refund.succeeded",
    detail: { refundId: refund.id, amountCentavos: refund.amountCentavos, cheqpayRefundId: cheqpayRefund.id },
  });
  const outbox = await tx
    .insert(emailOutbox)
    .values({ eventKey: `refund-confirmation:${refund.id}`, kind: "refund-confirmation", orderId: refund.orderId, refundId: refund.id })
    .onConflictDoNothing()
    .returning({ id: emailOutbox.id });
  return { refund: succeeded, outboxIds: outbox.map((o) => o.id), settled: true };
}

async function fail(tx: Transaction, refund: RefundRow, reason: string, cheqpayRefundId: string | null = null): Promise<Settlement> {
  const [failed] = await tx
    .update(refunds)
    .set({ status: "FAILED", failureReason: reason, cheqpayRefundId, completedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(refunds.id, refund.id), eq(refunds.status, "PENDING")))
    .returning();
  await tx.insert(paymentEvents).values({ orderId: refund.orderId, kind: "refund.failed", detail: { refundId: refund.id, reason } });
  return { refund: failed ?? refund, outboxIds: [], settled: failed !== undefined };
}
