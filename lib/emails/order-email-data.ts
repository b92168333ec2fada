// What an order email shows, read in one go: the order and its lines, the card that paid it, the refund the
// email is about and the total refunded so far.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { orderLines, orders, paymentAttempts, refunds } from "@/lib/db/schema";

export type OrderEmailData = {
  order: typeof orders.$inferSelect;
  lines: (typeof orderLines.$inferSelect)[];
  card: { brand: string | null; last4: string | null } | null;
  refund: (typeof refunds.$inferSelect) | null;
  refundedCentavos: number;
};

export async function loadOrderEmailData(db: Database, orderId: string, refundId: string | null): Promise<OrderEmailData | null> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) return null;
  const [lines, [card], refundRows, [refunded]] = await Promise.all([
    db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.name)),
    db
      .select({ brand: paymentAttempts.cardBrand, last4: paymentAttempts.cardLast4 })
      .from(paymentAttempts)
      .where(and(eq(paymentAttempts.orderId, orderId), eq(paymentAttempts.status, "succeeded"))),
    refundId ? db.select().from(refunds).where(eq(refunds.id, refundId)) : Promise.resolve([]),
    db
      .select({ centavos: sql<number>`coalesce(sum(${refunds.amountCentavos}), 0)::int` })
      .from(refunds)
      .where(and(eq(refunds.orderId, orderId), eq(refunds.status, "SUCCEEDED"))),
  ]);
  return { order, lines, card: card ?? null, refund: refundRows[0] ?? null, refundedCentavos: refunded?.centavos ?? 0 };
}
