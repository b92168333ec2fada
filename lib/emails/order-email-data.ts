// What an order email shows, read in one go: the order and its lines, the card that paid it, the refund the
// email is about and the total refunded so far.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { inOrder } from "@/lib/db/in-order";
import { orderLines, orders, paymentAttempts, refunds } from "@/lib/db/schema";

export type OrderEmailData = {
  order: typeof orders.$inferSelect;
  lines: (typeof orderLines.$inferSelect)[];
  card: { brand: string | null; last4: string | null } | null;
  refund: (typeof refunds.$inferSelect) | null;
  refundedCentavos: number;
};

export async function loadOrderEmailData(db: Database, orderId: string, refundId: string | null): Promise<OrderEmailData | null> {
  // Every read needs only the order's id: all five go in one round trip (lib/db/in-order.ts).
  const [[order], lines, [card], refundRows, [refunded]] = await inOrder(
    db.select().from(orders).where(eq(orders.id, orderId)),
    db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.name)),
    db
      .select({ brand: paymentAttempts.cardBrand, last4: paymentAttempts.cardLast4 })
      .from(paymentAttempts)
      .where(and(eq(paymentAttempts.orderId, orderId), eq(paymentAttempts.status, "succeeded"))),
    db.select().from(refunds).where(refundId ? eq(refunds.id, refundId) : sql`false`),
    db
      .select({ centavos: sql<number>`coalesce(sum(${refunds.amountCentavos}), 0)::int` })
      .from(refunds)
      .where(and(eq(refunds.orderId, orderId), eq(refunds.status, "SUCCEEDED"))),
  );
  if (!order) return null;
  return { order, lines, card: card ?? null, refund: refundRows[0] ?? null, refundedCentavos: refunded?.centavos ?? 0 };
}
