// One order for the back office: the order and its account, lines, payment attempts, timeline events, refunds
// and emails. Six queries whatever the order holds (the last five at once), then the timeline is merged.
import { asc, desc, eq } from "drizzle-orm";
import { isUuid } from "@/lib/cart/cart-ids";
import type { BillingAddressJson } from "@/lib/checkout/checkout-order";
import type { Database } from "@/lib/db/client";
import { emailOutbox, mailMessages, orderLines, orders, paymentAttempts, paymentEvents, refunds, users } from "@/lib/db/schema";
import type { RefundRow } from "@/lib/refunds/request-refund";
import { refundableStatus } from "@/lib/refunds/refund-rules";
import { buildOrderTimeline, type TimelineEntry } from "./order-timeline";

export type OrderRow = typeof orders.$inferSelect;

export type OrderDetail = {
  order: OrderRow;
  billingAddress: Partial<BillingAddressJson>;
  /** The account the order was placed with, or null (a guest). */
  account: { id: string; email: string; name: string | null } | null;
  lines: { id: string; name: string; quantity: number; unitPriceCentavos: number; lineTotalCentavos: number }[];
  /** The card that paid (the successful attempt's), else the latest attempt's. */
  card: { brand: string | null; last4: string } | null;
  refunds: RefundRow[];
  refundedCentavos: number;
  pendingRefundCentavos: number;
  /** What may still be refunded: what was paid minus refunds succeeded or pending (0 unless the order is paid). */
  remainingCentavos: number;
  timeline: TimelineEntry[];
};

export async function loadOrderDetail(db: Database, orderId: string): Promise<OrderDetail | null> {
  if (!isUuid(orderId)) return null;
  const [row] = await db
    .select({ order: orders, accountEmail: users.email, accountFirstName: users.firstName, accountLastName: users.lastName, accountName: users.name })
    .from(orders)
    .leftJoin(users, eq(users.id, orders.userId))
    .where(eq(orders.id, orderId));
  if (!row) return null;
  const { order } = row;
  const [lines, attempts, events, orderRefunds, emails] = await Promise.all([
    db
      .select({
        id: orderLines.id,
        name: orderLines.name,
        quantity: orderLines.quantity,
        unitPriceCentavos: orderLines.unitPriceCentavos,
        lineTotalCentavos: orderLines.lineTotalCentavos,
      })
      .from(orderLines)
      .where(eq(orderLines.orderId, order.id))
      .orderBy(asc(orderLines.name), asc(orderLines.id)),
    db
      .select({
        id: paymentAttempts.id,
        status: paymentAttempts.status,
        amountCentavos: paymentAttempts.amountCentavos,
        currency: paymentAttempts.currency,
        cardBrand: paymentAttempts.cardBrand,
        cardLast4: paymentAttempts.cardLast4,
        declineCode: paymentAttempts.declineCode,
        createdAt: paymentAttempts.createdAt,
      })
      .from(paymentAttempts)
      .where(eq(paymentAttempts.orderId, order.id))
      .orderBy(asc(paymentAttempts.createdAt), asc(paymentAttempts.id)),
    db
      .select({
        id: paymentEvents.id,
        attemptId: paymentEvents.attemptId,
        kind: paymentEvents.kind,
        detail: paymentEvents.detail,
        createdAt: paymentEvents.createdAt,
      })
      .from(paymentEvents)
      .where(eq(paymentEvents.orderId, order.id))
      .orderBy(asc(paymentEvents.id)),
    db.select().from(refunds).where(eq(refunds.orderId, order.id)).orderBy(desc(refunds.createdAt), desc(refunds.id)),
    db
      .select({
        id: emailOutbox.id,
        kind: emailOutbox.kind,
        recipient: mailMessages.recipient,
        outboxSentAt: emailOutbox.sentAt,
        mailSentAt: mailMessages.sentAt,
        attempts: emailOutbox.attempts,
        lastError: emailOutbox.lastError,
        createdAt: emailOutbox.createdAt,
      })
      .from(emailOutbox)
      .leftJoin(mailMessages, eq(mailMessages.eventKey, emailOutbox.eventKey))
      .where(eq(emailOutbox.orderId, order.id))
      .orderBy(asc(emailOutbox.createdAt), asc(emailOutbox.id)),
  ]);

  const paid = attempts.find((a) => a.status === "succeeded") ?? attempts.at(-1);
  const sum = (status: RefundRow["status"]) => orderRefunds.filter((r) => r.status === status).reduce((total, r) => total + r.amountCentavos, 0);
  const refundedCentavos = sum("SUCCEEDED");
  const pendingRefundCentavos = sum("PENDING");
  const name = [row.accountFirstName, row.accountLastName].filter(Boolean).join(" ") || row.accountName;
  return {
    order,
    billingAddress: billingAddressOf(order.billingAddress),
    account: order.userId && row.accountEmail ? { id: order.userId, email: row.accountEmail, name: name || null } : null,
    lines,
    card: paid?.cardLast4 ? { brand: paid.cardBrand, last4: paid.cardLast4 } : null,
    refunds: orderRefunds,
    refundedCentavos,
    pendingRefundCentavos,
    remainingCentavos: refundableStatus(order.status) ? Math.max(0, order.totalCentavos - refundedCentavos - pendingRefundCentavos) : 0,
    timeline: buildOrderTimeline({
      order,
      attempts,
      events,
      emails: emails.map((e) => ({
        id: e.id,
        kind: e.kind,
        recipient: e.recipient ?? order.email,
        sentAt: e.mailSentAt ?? e.outboxSentAt,
        attempts: e.attempts,
        lastError: e.lastError,
        createdAt: e.createdAt,
      })),
    }),
  };
}

/** The stored address's known fields, as text (never the raw JSON). */
function billingAddressOf(value: unknown): Partial<BillingAddressJson> {
  if (value === null || typeof value !== "object") return {};
  const source = value as Record<string, unknown>;
  const address: Partial<BillingAddressJson> = {};
  for (const key of ["line1", "city", "state", "postalCode", "country"] as const) {
    if (typeof source[key] === "string") address[key] = source[key];
  }
  return address;
}
