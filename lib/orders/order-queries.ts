// Reading an order for its public page: the order, its lines and its payment, by the unguessable token.
import { asc, desc, eq } from "drizzle-orm";
import type { AttemptStatus } from "@/lib/checkout/attempt-status";
import { expireAbandonedAuthentications } from "@/lib/checkout/abandoned-authentications";
import { isInFlight } from "@/lib/checkout/attempt-status";
import type { Database } from "@/lib/db/client";
import { orderLines, orders, paymentAttempts } from "@/lib/db/schema";

export const ORDER_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/** What the shopper sees: paid, still being paid (the page keeps watching), or not paid (try again). */
export type OrderPaymentState = "paid" | "processing" | "unpaid";

export type OrderView = {
  order: typeof orders.$inferSelect;
  lines: (typeof orderLines.$inferSelect)[];
  payment: { status: AttemptStatus; cardBrand: string | null; cardLast4: string | null } | null;
  state: OrderPaymentState;
};

export async function loadOrderByToken(db: Database, token: string): Promise<OrderView | null> {
  if (!ORDER_TOKEN_PATTERN.test(token)) return null;
  const [order] = await db.select().from(orders).where(eq(orders.publicToken, token));
  if (!order) return null;
  // A 3-D Secure step abandoned long ago would otherwise leave the page "processing" forever.
  if (order.status === "pending") await expireAbandonedAuthentications(db, order.id);
  const [lines, attempts] = await Promise.all([
    db.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.name)),
    db
      .select({ status: paymentAttempts.status, cardBrand: paymentAttempts.cardBrand, cardLast4: paymentAttempts.cardLast4 })
      .from(paymentAttempts)
      .where(eq(paymentAttempts.orderId, order.id))
      .orderBy(desc(paymentAttempts.createdAt)),
  ]);
  const payment = attempts.find((a) => a.status === "succeeded") ?? attempts[0] ?? null;
  return { order, lines, payment, state: paymentStateOf(order.status, payment?.status ?? null) };
}

/** The order's payment state and its account (the caller checks access with `orderAccess`). */
export async function loadOrderPaymentState(db: Database, token: string): Promise<{ state: OrderPaymentState; userId: string | null } | null> {
  if (!ORDER_TOKEN_PATTERN.test(token)) return null;
  const [row] = await db
    .select({ orderStatus: orders.status, attemptStatus: paymentAttempts.status, userId: orders.userId })
    .from(orders)
    .leftJoin(paymentAttempts, eq(paymentAttempts.orderId, orders.id))
    .where(eq(orders.publicToken, token))
    .orderBy(desc(paymentAttempts.createdAt))
    .limit(1);
  return row ? { state: paymentStateOf(row.orderStatus, row.attemptStatus), userId: row.userId } : null;
}

function paymentStateOf(orderStatus: string, attemptStatus: AttemptStatus | null): OrderPaymentState {
  if (orderStatus !== "pending") return "paid";
  return attemptStatus && isInFlight(attemptStatus) ? "processing" : "unpaid";
}
