// A card saved at Cheqpay by a successful attempt (`persist: true`) joins the account's saved cards. The account
// is the order's; a guest order (no account) never saves a card.
import { eq } from "drizzle-orm";
import { storeSavedCard } from "@/lib/accounts/saved-cards";
import type { PaymentOrder } from "@/lib/cheqpay";
import type { Database } from "@/lib/db/client";
import { orders, users } from "@/lib/db/schema";
import type { AttemptRow } from "./apply-attempt-status";

export async function saveCardOfAttempt(db: Database, attempt: AttemptRow, order: PaymentOrder): Promise<void> {
  if (!order.paymentMethodId) return;
  const [owner] = await db
    .select({ userId: orders.userId, customerId: users.cheqpayCustomerId })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.userId))
    .where(eq(orders.id, attempt.orderId));
  // The customer Cheqpay saved the card under; ours when the answer leaves it out.
  const customerId = order.customerId ?? owner?.customerId;
  if (!owner?.userId || !customerId) return;
  // The attempt holds what the shopper typed; Cheqpay's answer may leave the expiry out.
  const card = {
    brand: order.card?.brand ?? ((attempt.cardBrand ?? "other") as NonNullable<PaymentOrder["card"]>["brand"]),
    last4: order.card?.last4 ?? attempt.cardLast4 ?? "",
    expiryMonth: order.card?.expiryMonth ?? attempt.cardExpiryMonth,
    expiryYear: order.card?.expiryYear ?? attempt.cardExpiryYear,
  };
  await storeSavedCard(db, { userId: owner.userId, cheqpayCustomerId: customerId, paymentMethodId: order.paymentMethodId, card });
}
