// The order a cart is paid as. It is written (lines, totals from our database, contact, billing address)
// before Cheqpay is called, and reused by every later try while the cart does not change, so a declined
// card followed by another card pays the same order.
import { randomBytes, randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { isUuid } from "@/lib/cart/cart-ids";
import { type Cart, cartOfRows, cartRowsQuery } from "@/lib/cart/cart-queries";
import type { Database, Transaction } from "@/lib/db/client";
import { inOrder } from "@/lib/db/in-order";
import { carts, orderLines, orders } from "@/lib/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import type { Account } from "@/lib/accounts/current-account";
import type { CheckoutForm } from "./checkout-form-schema";

export type OrderRow = typeof orders.$inferSelect;

export type CheckoutOrderResult =
  /** `created`: made by this call (no other transaction can see it before the commit). */
  | { kind: "order"; order: OrderRow; created: boolean }
  | { kind: "empty" }
  | { kind: "unavailable" };

export type BillingAddressJson = { line1: string; city: string; state: string; postalCode: string; country: string };

export async function ensureCheckoutOrder(
  db: Database,
  cartId: string,
  form: CheckoutForm,
  locale: Locale,
  account: Pick<Account, "id" | "email"> | null = null,
): Promise<CheckoutOrderResult> {
  if (!isUuid(cartId)) return { kind: "empty" };
  return db.transaction((tx) => checkoutOrderWithin(tx, cartId, form, locale, account));
}

/** `ensureCheckoutOrder` inside the caller's transaction (which then holds the cart's lock until it ends). */
export async function checkoutOrderWithin(
  tx: Transaction,
  cartId: string,
  form: CheckoutForm,
  locale: Locale,
  account: Pick<Account, "id" | "email"> | null,
): Promise<CheckoutOrderResult> {
  if (!isUuid(cartId)) return { kind: "empty" };
  // Lock the cart (two tabs submitting at once make one order, not two) and read it, in one round trip: the
  // read runs after the lock and sees what its previous holder committed (lib/db/in-order.ts).
  const [[locked], rows] = await inOrder(
    tx.select({ id: carts.id }).from(carts).where(eq(carts.id, cartId)).for("update"),
    cartRowsQuery(tx as unknown as Database, cartId),
  );
  if (!locked) return { kind: "empty" };
  const cart = cartOfRows(rows);
  if (!cart) return { kind: "empty" };
  const existing = cart.checkoutOrderId ? await currentOrder(tx as unknown as Database, cart) : null;
  if (existing?.status === "paid") return { kind: "order", order: existing, created: false };
  if (cart.lines.length === 0) return { kind: "empty" };
  if (cart.lines.some((line) => !line.available)) return { kind: "unavailable" };
  const contact = contactOf(form, locale, account);
  if (existing) {
    const [updated] = await tx
      .update(orders)
      .set({ ...contact, updatedAt: sql`now()` })
      .where(eq(orders.id, existing.id))
      .returning();
    return { kind: "order", order: updated!, created: false };
  }
  // The order's id is made here so that its lines and the cart's link go in the same round trip.
  const orderId = randomUUID();
  const [[order]] = await inOrder(
    tx
      .insert(orders)
      .values({
        ...contact,
        id: orderId,
        publicToken: randomBytes(24).toString("base64url"),
        currency: cart.currency,
        subtotalCentavos: cart.subtotalCentavos,
        totalCentavos: cart.subtotalCentavos,
        cartId: cart.id,
      })
      .returning(),
    tx.insert(orderLines).values(
      cart.lines.map((line) => ({
        orderId,
        productId: line.productId,
        name: line.name,
        unitPriceCentavos: line.unitPriceCentavos,
        quantity: line.quantity,
        lineTotalCentavos: line.lineTotalCentavos,
      })),
    ),
    tx.update(carts).set({ checkoutOrderId: orderId, updatedAt: sql`now()` }).where(eq(carts.id, cart.id)),
  );
  return { kind: "order", order: order!, created: true };
}

/** The cart's checkout order when it still matches the cart (or is already paid); null: make a new one. */
async function currentOrder(db: Database, cart: Cart): Promise<OrderRow | null> {
  const [[order], lines] = await inOrder(
    db.select().from(orders).where(eq(orders.id, cart.checkoutOrderId!)),
    db.select().from(orderLines).where(eq(orderLines.orderId, cart.checkoutOrderId!)),
  );
  if (!order || order.status === "paid") return order ?? null;
  if (order.status !== "pending") return null;
  const key = (productId: string, quantity: number, price: number) => `${productId}:${quantity}:${price}`;
  const orderKeys = lines.map((l) => key(l.productId, l.quantity, l.unitPriceCentavos)).sort();
  const cartKeys = cart.lines.map((l) => key(l.productId, l.quantity, l.unitPriceCentavos)).sort();
  return orderKeys.join() === cartKeys.join() ? order : null;
}

/** The order's contact as the form gives it. Signed in, the order is the account's (only it may open the
 *  order) and uses the account's email. */
export function contactOf(form: CheckoutForm, locale: Locale, account: Pick<Account, "id" | "email"> | null) {
  const billingAddress: BillingAddressJson = {
    line1: form.address,
    city: form.city,
    state: form.state,
    postalCode: form.postalCode,
    country: form.country,
  };
  return {
    email: (account?.email ?? form.email).toLowerCase(),
    userId: account?.id ?? null,
    firstName: form.firstName,
    lastName: form.lastName,
    phone: form.phone ? form.phone : null,
    billingAddress,
    locale,
  };
}
