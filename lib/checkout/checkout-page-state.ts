// What /checkout shows: nothing to pay, an order already paid, or the form — resuming a 3-D Secure step
// the shopper had started before reloading, with the contact and address they typed kept.
import { and, eq, inArray } from "drizzle-orm";
import { readCartId } from "@/lib/cart/cart-cookie";
import { type Cart, loadCart } from "@/lib/cart/cart-queries";
import { getDb } from "@/lib/db/client";
import { orders, paymentAttempts } from "@/lib/db/schema";
import { newSubmissionKey } from "./attempt-outcome";
import type { CheckoutFormValues } from "./checkout-form-schema";
import type { BillingAddressJson, OrderRow } from "./checkout-order";
import { expireAbandonedAuthentications } from "./abandoned-authentications";
import type { ResumableAuthentication } from "./payment-step";

export type CheckoutPageState =
  | { kind: "empty" }
  | { kind: "paid"; orderUrl: string }
  | { kind: "ready"; cart: Cart; submissionKey: string; resume: ResumableAuthentication | null; prefill: Partial<CheckoutFormValues> };

export async function loadCheckoutPageState(): Promise<CheckoutPageState> {
  const db = getDb();
  const cartId = await readCartId();
  const cart = cartId ? await loadCart(db, cartId) : null;
  if (!cart) return { kind: "empty" };
  const [order] = cart.checkoutOrderId ? await db.select().from(orders).where(eq(orders.id, cart.checkoutOrderId)) : [];
  if (order?.status === "paid" && cart.lines.length === 0) return { kind: "paid", orderUrl: `/orders/${order.publicToken}` };
  if (cart.lines.length === 0) return { kind: "empty" };
  return {
    kind: "ready",
    cart,
    submissionKey: newSubmissionKey(),
    resume: order?.status === "pending" ? await resumableAuthentication(order.id) : null,
    prefill: order ? prefillFrom(order) : {},
  };
}

async function resumableAuthentication(orderId: string): Promise<ResumableAuthentication | null> {
  const db = getDb();
  const [attempt] = await db
    .select()
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.orderId, orderId), inArray(paymentAttempts.status, ["requires_device_data", "requires_challenge"])));
  if (!attempt?.payerAuthUrl || !attempt.payerAuthJwt) return null;
  if (await expireAbandonedAuthentications(db, orderId)) return null;
  const kind = attempt.status === "requires_device_data" ? "device-data" : "challenge";
  return { kind, attemptId: attempt.id, url: attempt.payerAuthUrl, jwt: attempt.payerAuthJwt };
}

function prefillFrom(order: OrderRow): Partial<CheckoutFormValues> {
  const address = order.billingAddress as BillingAddressJson;
  return {
    email: order.email,
    firstName: order.firstName,
    lastName: order.lastName,
    phone: order.phone ?? "",
    address: address.line1,
    city: address.city,
    state: address.state,
    postalCode: address.postalCode,
    country: address.country as CheckoutFormValues["country"],
  };
}
