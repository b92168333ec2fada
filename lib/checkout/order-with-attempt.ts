// A submit's first writes: the cart's order (checkout-order.ts) and the attempt, counted and inserted under the
// card-testing limits (payment-limits.ts). For a new order, the usual first submit, both go in one transaction:
// one BEGIN and one COMMIT instead of two of each, and the cart's lock is held until the attempt is in. An order
// that stood before gets its attempt in a transaction of its own, as soon as this one has released the order's
// row (the contact refresh locks it): holding that row while waiting for the limits' locks could close a cycle
// with a move of the order's in-flight attempt (waiting for the row) and a concurrent insert (holding the
// limits' locks, waiting for that move on the one-in-flight index), and PostgreSQL would abort one of them.
import type { Account } from "@/lib/accounts/current-account";
import type { PaymentLimits } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/locales";
import type { CheckoutForm } from "./checkout-form-schema";
import { checkoutOrderWithin, type CheckoutOrderResult, type OrderRow } from "./checkout-order";
import { type AttemptValues, insertAttemptWithin, insertAttemptWithinLimits, type LimitedInsert, type PaymentLimitKeys } from "./payment-limits";

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
  const written = await db.transaction(async (tx): Promise<OrderWithAttempt> => {
    const result = await checkoutOrderWithin(tx, input.cartId, input.form, input.locale, input.account);
    if (result.kind !== "order") return result;
    const { order } = result;
    if (!result.created) return { kind: "order", order, inserted: null };
    // Nobody else can see this order before the commit: nobody can have paid it.
    const inserted = await insertAttemptWithin(tx, input.limits, { ...input.keys, orderId: order.id }, input.attemptFor(order), { orderIsNew: true });
    return { kind: "order", order, inserted };
  });
  if (written.kind !== "order" || written.inserted || written.order.status === "paid") return written;
  const { order } = written;
  return { kind: "order", order, inserted: await insertAttemptWithinLimits(db, input.limits, { ...input.keys, orderId: order.id }, input.attemptFor(order)) };
}
