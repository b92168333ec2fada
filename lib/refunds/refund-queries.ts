// Reading refunds: an order's, newest first (the back office, the API, the shopper's order page).
import { desc, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { refunds } from "@/lib/db/schema";
import type { RefundRow } from "./request-refund";

export async function refundsOfOrder(db: Database, orderId: string): Promise<RefundRow[]> {
  return db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(desc(refunds.createdAt), desc(refunds.id));
}

/** The refund as the admin API shows it (amounts in centavos, statuses as the seed names them). */
export function refundJson(refund: RefundRow) {
  return {
    id: refund.id,
    amount: refund.amountCentavos,
    currency: refund.currency,
    reason: refund.reason,
    status: refund.status,
    failureReason: refund.failureReason,
    createdAt: refund.createdAt.toISOString(),
    completedAt: refund.completedAt?.toISOString() ?? null,
  };
}
