// The order a cart is paid as. It is written (lines, totals from our database, contact, billing address)
// before Cheqpay is called, and reused by every later try while the cart does not change, so a declined
// card followed by another card pays the same order.
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { type Cart, loadCart } from "@/lib/cart/cart-queries";
import type { Database } from "@/lib/db/client";
import { carts, orderLines, orders } from "@/lib/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import type { Account } from "@/lib/accounts/current-account";
import type { CheckoutForm } from "./checkout-form-schema";

export type OrderRow = typeof orders.$inferSelect;

export type CheckoutOrderResult =
  | { kind: "order"; order: OrderRow }
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
  return db.transaction(async (tx) => {
    // Lock the cart: two tabs submitting at once make one order, not two.
    const [locked] = await tx.select({ id: carts.id }).from(carts).where(eq(carts.id, cartId)).for("update");
    if (!locked) return { kind: "empty" };
    const cart = await loadCart(tx as unknown as Database, cartId);
    if (!cart) return { kind: "empty" };
    const existing = cart.checkoutOrderId ? await currentOrder(tx as unknown as Database, cart) : null;
    if (existing?.status === "paid") return { kind: "order", order: existing };
    if (cart.lines.length === 0) return { kind: "empty" };
    if (cart.lines.some((line) => !line.available)) return { kind: "unavailable" };
    const contact = contactOf(form, locale, account);
    if (existing) {
      const [updated] = await tx
        .update(orders)
        .set({ ...contact, updatedAt: sql`now()` })
        .where(eq(orders.id, existing.id))
        .returning();
      return { kind: "order", order: updated! };
    }
    const [order] = await tx
      .insert(orders)
      .values({
        ...contact,
        publicToken: randomBytes(24).toString("base64url"),
        currency: cart.currency,
        subtotalCentavos: cart.subtotalCentavos,
        totalCentavos: cart.subtotalCentavos,
        cartId: cart.id,
      })
      .returning();
    await tx.insert(orderLines).values(
      cart.lines.map((line) => ({
        orderId: order!.id,
        productId: line.productId,
        name: line.name,
        unitPriceCentavos: line.unitPriceCentavos,
        quantity: line.quantity,
        lineTotalCentavos: line.lineTotalCentavos,
      })),
    );
    await tx.update(carts).set({ checkoutOrderId: order!.id, updatedAt: sql`now()` }).where(eq(carts.id, cart.id));
    return { kind: "order", order: order! };
  });
}

/** The cart's checkout order when it still matches the cart (or is already paid); null: make a new one. */
async function currentOrder(db: Database, cart: Cart): Promise<OrderRow | null> {
  const [order] = await db.select().from(orders).where(eq(orders.id, cart.checkoutOrderId!));
  if (!order || order.status === "paid") return order ?? null;
  if (order.status !== "pending") return null;
  const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, order.id));
  const key = (productId: string, quantity: number, price: number) => `${productId}:${quantity}:${price}`;
  const orderKeys = lines.map((l) => key(l.productId, l.quantity, l.unitPriceCentavos)).sort();
  const cartKeys = cart.lines.map((l) => key(l.productId, l.quantity, l.unitPriceCentavos)).sort();
  return orderKeys.join() === cartKeys.join() ? order : null;
}

/** Signed in, the order is the account's (only it may open the order) and uses the account's email. */
function contactOf(form: CheckoutForm, locale: Locale, account: Pick<Account, "id" | "email"> | null) {
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
