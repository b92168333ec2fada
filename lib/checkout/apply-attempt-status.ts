// Moves an attempt through the state machine with one guarded UPDATE, and applies the side effects of the
// winning move in the same transaction: the timeline event, the order paid, the cart emptied. A caller that
// loses a race (another path moved the attempt first) changes nothing and reads the current state.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { CardSummary, PayerAuthentication } from "@/lib/cheqpay";
import type { Database, Transaction } from "@/lib/db/client";
import { inOrder, noStatement } from "@/lib/db/in-order";
import { cartLines, emailOutbox, orderLines, orders, paymentAttempts, paymentEvents } from "@/lib/db/schema";
import { isUniqueViolation } from "@/lib/db/errors";
import { addToOutbox, queueOutboxEmails } from "@/lib/emails/outbox";
import { getLogger } from "@/lib/observability/logger";
import { recordAttemptMove } from "./attempt-events";
import type { TimelineLine } from "./cheqpay-call-log";
import { allowedPredecessors, type AttemptStatus } from "./attempt-status";

export type AttemptRow = typeof paymentAttempts.$inferSelect;

/** Who learned the new status: kept on the timeline. */
export type StatusSource = "create-response" | "payer-authentication" | "three-ds-return" | "webhook" | "reconciliation" | "shopper";

export type AttemptUpdate = {
  status: AttemptStatus;
  cheqpayOrderId?: string | null;
  card?: CardSummary | null;
  payerAuthentication?: PayerAuthentication | null;
  declineCode?: string | null;
  declineReason?: string | null;
  savedPaymentMethodId?: string | null;
};

export type ApplyResult = { attempt: AttemptRow; changed: boolean };

/** In-flight statuses: a failure from one of them, learned later (webhook, reconciliation), is worth an email. */
const PENDING_FOR_SHOPPER: readonly AttemptStatus[] = ["submitted", "requires_device_data", "requires_challenge"];

/** `lines`: timeline lines that led here (the Cheqpay calls of this answer), written in the move's first round
 *  trip, whether or not the attempt moves. */
export async function applyAttemptStatus(
  db: Database,
  attemptId: string,
  update: AttemptUpdate,
  source: StatusSource,
  detail: Record<string, unknown> = {},
  lines: readonly TimelineLine[] = [],
): Promise<ApplyResult> {
  try {
    const result = await moveAttempt(db, attemptId, update, source, detail, lines);
    if (result.changed) recordAttemptMove(result.attempt, source, result.orderPaid);
    await queueOutboxEmails(result.outboxIds);
    return { attempt: result.attempt, changed: result.changed };
  } catch (error) {
    if (update.status !== "succeeded" || !isSecondSuccess(error)) throw error;
    return recordSecondCharge(db, attemptId, source, detail, lines);
  }
}

async function moveAttempt(
  db: Database,
  attemptId: string,
  update: AttemptUpdate,
  source: StatusSource,
  detail: Record<string, unknown>,
  lines: readonly TimelineLine[],
): Promise<ApplyResult & { outboxIds: string[]; orderPaid: boolean }> {
  return db.transaction(async (tx) => {
    const keepsPayerAuth = update.status === "requires_device_data" || update.status === "requires_challenge";
    // The lines that led here, the status before (only a late failure needs it) and the guarded move in one
    // round trip, in this order (lib/db/in-order.ts).
    const [, [before], [moved]] = await inOrder(
      lines.length > 0 ? tx.insert(paymentEvents).values([...lines]) : noStatement,
      mayBeLate(source) ? tx.select({ status: paymentAttempts.status }).from(paymentAttempts).where(eq(paymentAttempts.id, attemptId)) : noStatement,
      tx
        .update(paymentAttempts)
        .set({
          status: update.status,
          updatedAt: sql`now()`,
          ...(update.cheqpayOrderId ? { cheqpayOrderId: sql`coalesce(${paymentAttempts.cheqpayOrderId}, ${update.cheqpayOrderId})` } : {}),
          ...(update.card
            ? {
                cardBrand: update.card.brand,
                cardLast4: update.card.last4,
                cardExpiryMonth: update.card.expiryMonth,
                cardExpiryYear: update.card.expiryYear,
              }
            : {}),
          // A success replaces a failure we concluded earlier (a racing decline): its decline code goes with it.
          ...(update.status === "succeeded" ? { declineCode: null, declineReason: null } : {}),
          ...(update.declineCode !== undefined ? { declineCode: update.declineCode } : {}),
          ...(update.declineReason !== undefined ? { declineReason: update.declineReason } : {}),
          ...(update.savedPaymentMethodId ? { savedPaymentMethodId: update.savedPaymentMethodId } : {}),
          ...payerAuthColumns(keepsPayerAuth, update.payerAuthentication),
        })
        .where(and(eq(paymentAttempts.id, attemptId), inArray(paymentAttempts.status, allowedPredecessors(update.status))))
        .returning(),
    );
    if (!moved) {
      const [current] = await tx.select().from(paymentAttempts).where(eq(paymentAttempts.id, attemptId));
      if (!current) throw new Error(`Unknown payment attempt ${attemptId}`);
      return { attempt: current, changed: false, outboxIds: [], orderPaid: false };
    }
    const timeline = tx.insert(paymentEvents).values({
      orderId: moved.orderId,
      attemptId: moved.id,
      kind: "attempt.status",
      detail: { status: moved.status, source, declineCode: moved.declineCode, ...detail },
    });
    const outboxIds: (string | null)[] = [];
    let orderPaid = false;
    if (moved.status === "succeeded") {
      const paid = await markOrderPaid(tx, moved.orderId, timeline);
      orderPaid = paid.paid;
      outboxIds.push(paid.outboxId);
    } else {
      await timeline;
    }
    if (isLateFailure(moved.status, before?.status, source)) {
      outboxIds.push(await addToOutbox(tx, { eventKey: `payment-failed:${moved.id}`, kind: "payment-failed", orderId: moved.orderId }));
    }
    return { attempt: moved, changed: true, outboxIds: outboxIds.filter((id) => id !== null), orderPaid };
  });
}

function isSecondSuccess(error: unknown): boolean {
  return isUniqueViolation(error, "payment_attempts_one_success_per_order");
}

/**
 * Cheqpay charged a second attempt of an order another attempt had already paid (it should never happen: one
 * attempt is in flight at a time). The money moved, so it is recorded on the order's timeline for staff to
 * refund, and the caller (a webhook) is answered normally instead of failing forever.
 */
async function recordSecondCharge(
  db: Database,
  attemptId: string,
  source: StatusSource,
  detail: Record<string, unknown>,
  lines: readonly TimelineLine[],
): Promise<ApplyResult> {
  const [attempt] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.id, attemptId));
  if (!attempt) throw new Error(`Unknown payment attempt ${attemptId}`);
  await db.insert(paymentEvents).values([
    ...lines,
    {
      orderId: attempt.orderId,
      attemptId,
      kind: "attempt.second_charge",
      detail: { source, externalId: attempt.externalId, cheqpayOrderId: attempt.cheqpayOrderId, ...detail },
    },
  ]);
  getLogger().error(
    { event: "payment.second_charge", orderId: attempt.orderId, attemptId, externalId: attempt.externalId, amountCentavos: attempt.amountCentavos },
    "a second attempt of an already paid order was charged: refund it",
  );
  return { attempt, changed: false };
}

/** The 3-D Secure step is kept while it can be resumed and dropped once the attempt is final. A move that
 *  does not bring one (a webhook) leaves what the API's answer stored. */
function payerAuthColumns(keep: boolean, payerAuth: PayerAuthentication | null | undefined) {
  if (!keep) return { payerAuthId: null, payerAuthUrl: null, payerAuthJwt: null };
  if (!payerAuth) return {};
  return { payerAuthId: payerAuth.id, payerAuthUrl: payerAuth.url, payerAuthJwt: payerAuth.jwt };
}

/** A payment the shopper was waiting on failed and they learn it only by email: a webhook or the reconciliation
 *  (not the shopper's own request, whose page shows it) ended an attempt that was in flight. */
function isLateFailure(status: AttemptStatus, before: AttemptStatus | undefined, source: StatusSource): boolean {
  return (status === "failed" || status === "expired") && before !== undefined && PENDING_FOR_SHOPPER.includes(before) && mayBeLate(source);
}

/** Only these learn of a payment after the shopper's own request has answered. */
function mayBeLate(source: StatusSource): boolean {
  return source === "webhook" || source === "reconciliation";
}

/** The order is paid once, and what it bought leaves the cart it came from (items added in another tab
 *  since stay). The confirmation email joins the outbox in the same transaction. The attempt's timeline line
 *  and all of this go in one round trip. */
async function markOrderPaid(tx: Transaction, orderId: string, timeline: { execute(): Promise<unknown> }): Promise<{ paid: boolean; outboxId: string | null }> {
  const [, [row]] = await inOrder(timeline, tx.execute<{ paid: boolean; outbox_id: string | null }>(orderPaidStatement(orderId)));
  return { paid: row?.paid === true, outboxId: row?.outbox_id ?? null };
}

/**
 * One statement: the order's move to paid and, only if it moved, its `order.paid` line, the confirmation email
 * and the emptying of its cart (data-modifying CTEs run once each, all or nothing). Only the cart's lines, never
 * the cart row: a checkout locks the cart and then the order, so locking them here in the other order could
 * deadlock.
 */
function orderPaidStatement(orderId: string) {
  return sql`
    with paid as (
      update ${orders} set status = 'paid', paid_at = now(), updated_at = now()
      where id = ${orderId} and status = 'pending'
      returning id, cart_id),
    paid_line as (
      insert into ${paymentEvents} (order_id, kind, detail) select id, 'order.paid', '{}'::jsonb from paid),
    email as (
      insert into ${emailOutbox} (event_key, kind, order_id) select ${`order-confirmation:${orderId}`}, 'order-confirmation', id from paid
      on conflict do nothing
      returning id),
    emptied as (
      delete from ${cartLines} line using paid
      where line.cart_id = paid.cart_id and line.product_id in (select product_id from ${orderLines} where order_id = paid.id))
    select exists (select 1 from paid) as paid, (select id from email) as outbox_id`;
}
