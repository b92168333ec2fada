// The orders placed by an account, newest first, for /account.
import { and, desc, eq, ne } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { orders, type OrderStatus } from "@/lib/db/schema";

export type AccountOrder = {
  publicToken: string;
  orderNumber: number;
  status: OrderStatus;
  totalCentavos: number;
  currency: string;
  createdAt: Date;
};

export async function listAccountOrders(db: Database, userId: string, limit = 50): Promise<AccountOrder[]> {
  return db
    .select({
      publicToken: orders.publicToken,
      orderNumber: orders.orderNumber,
      status: orders.status,
      totalCentavos: orders.totalCentavos,
      currency: orders.currency,
      createdAt: orders.createdAt,
    })
    .from(orders)
    .where(eq(orders.userId, userId))
    .orderBy(desc(orders.createdAt), desc(orders.orderNumber))
    .limit(limit);
}

/** The billing address and phone of the account's latest paid order: a returning shopper's checkout starts
 *  filled in. */
export async function lastPaidOrderContact(
  db: Database,
  userId: string,
): Promise<{ billingAddress: unknown; phone: string | null } | null> {
  const [row] = await db
    .select({ billingAddress: orders.billingAddress, phone: orders.phone })
    .from(orders)
    .where(and(eq(orders.userId, userId), ne(orders.status, "pending")))
    .orderBy(desc(orders.paidAt))
    .limit(1);
  return row ?? null;
}
