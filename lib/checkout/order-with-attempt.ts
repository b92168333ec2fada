// A submit's first writes in one transaction: the cart's order (checkout-order.ts) and the attempt, counted and
// inserted under the card-testing limits (payment-limits.ts). One BEGIN and one COMMIT instead of two of each,
// and the cart's lock is held until the attempt is in: a second submit of the same cart waits, then finds it.
// Lock order stays cart, then IP, email and order, as every path that takes them.
import type { Account } from "@/lib/accounts/current-account";
import type { PaymentLimits } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/locales";
import type { CheckoutForm } from "./checkout-form-schema";
import { checkoutOrderWithin, type CheckoutOrderResult, type OrderRow } from "./checkout-order";
import { type AttemptValues, insertAttemptWithin, type LimitedInsert, OrderPaidMeanwhile, type PaymentLimitKeys } from "./payment-limits";

export type OrderWithAttempt =
  | Exclude<CheckoutOrderResult, { kind: "order" }>
  /** `inserted` is null when the order was paid already (nothing was tried). */
  | { kind: "order"; order: OrderRow; inserted: LimitedInsert | null };

export type OrderWithAttemptInput = {
  limits: PaymentLimits;
  cartId: string;
  form: CheckoutForm;
  locale: Locale;
  account: Pick<Account, "id" | "email"> | null;
  keys: PaymentLimitKeys;
  /** The attempt's row for the order (a fresh externalId each call). */
  attemptFor(order: OrderRow): AttemptValues;
};

export async function writeOrderWithAttempt(db: Database, input: OrderWithAttemptInput): Promise<OrderWithAttempt> {
  let orderSeen: OrderRow | null = null;
  try {
    return await db.transaction(async (tx): Promise<OrderWithAttempt> => {
      const result = await checkoutOrderWithin(tx, input.cartId, input.form, input.locale, input.account);
      if (result.kind !== "order") return result;
      const { order } = result;
      if (order.status === "paid") return { kind: "order", order, inserted: null };
      orderSeen = order;
      const inserted = await insertAttemptWithin(tx, input.limits, { ...input.keys, orderId: order.id }, input.attemptFor(order), {
        orderIsNew: result.created,
      });
      return { kind: "order", order, inserted };
    });
  } catch (error) {
    // Paid by another attempt while the insert waited (only an order that stood before can be): everything here
    // was undone, the order's contact refresh with it, and the caller finds the order paid.
    if (error instanceof OrderPaidMeanwhile && orderSeen) return { kind: "order", order: orderSeen, inserted: { kind: "conflict" } };
    throw error;
  }
}
