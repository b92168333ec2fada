// Paid orders (paid through the payment service against the sandbox) and readers of what refunds left: our
// refund rows, the outbox, the order's timeline, and what Cheqpay saw and holds.
import { asc, eq } from "drizzle-orm";
import { expect } from "vitest";
import { payWithCard } from "@/lib/checkout/payment-service";
import type { CheqpayClient } from "@/lib/cheqpay";
import type { Database } from "@/lib/db/client";
import { emailOutbox, mailMessages, refunds } from "@/lib/db/schema";
import type { JobQueue } from "@/lib/queue/queues";
import type { RefundRow } from "@/lib/refunds/request-refund";
import { requestRefund } from "@/lib/refunds/request-refund";
import { requestLog } from "./cheqpay-sandbox";
import { attemptsOf, cartWith, checkoutForm, ordersOfCart, paymentContextFor } from "./checkout-fixtures";
import type { SandboxProcess } from "./sandbox-process";

/** An order of 2 × $249.00 + 1 × $189.00 = $687.00, paid with the approving Visa. */
export async function paidOrder(db: Database, cheqpay: CheqpayClient, lines: [number, number][] = [[24900, 2], [18900, 1]]) {
  const { cartId } = await cartWith(db, lines);
  const step = await payWithCard(paymentContextFor(db, cheqpay), cartId, checkoutForm());
  expect(step.kind).toBe("paid");
  const [order] = await ordersOfCart(db, cartId);
  const [attempt] = await attemptsOf(db, order!.id);
  expect(order!.status).toBe("paid");
  return { order: order!, paymentOrderId: attempt!.cheqpayOrderId! };
}

/** requestRefund as staff would, which must be accepted: the PENDING refund. */
export async function acceptedRefund(db: Database, queue: JobQueue, orderId: string, amountCentavos?: number): Promise<RefundRow> {
  const result = await requestRefund(db, queue, { orderId, amountCentavos, reason: "damaged in transit", requestedBy: "api" });
  if (result.kind !== "accepted") throw new Error(`refund not accepted: ${JSON.stringify(result)}`);
  return result.refund;
}

export async function refundById(db: Database, refundId: string): Promise<RefundRow> {
  const [refund] = await db.select().from(refunds).where(eq(refunds.id, refundId));
  if (!refund) throw new Error(`no refund ${refundId}`);
  return refund;
}

export const refundStatusOf = async (db: Database, refundId: string) => (await refundById(db, refundId)).status;

export const refundsOf = (db: Database, orderId: string) =>
  db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(asc(refunds.createdAt), asc(refunds.id));

export const outboxOf = (db: Database, orderId: string) =>
  db.select().from(emailOutbox).where(eq(emailOutbox.orderId, orderId)).orderBy(asc(emailOutbox.createdAt), asc(emailOutbox.eventKey));

export const outboxKeysOf = async (db: Database, orderId: string) => (await outboxOf(db, orderId)).map((row) => row.eventKey);

export const mailsWithKey = (db: Database, eventKey: string) => db.select().from(mailMessages).where(eq(mailMessages.eventKey, eventKey));

/** The refund POSTs Cheqpay received (any status, lost answers included). */
export const refundPosts = (sandbox: SandboxProcess) => requestLog(sandbox, "refundPaymentOrder");
