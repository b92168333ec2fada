// Set-up for the payment core's integration tests: a pool on the run's database, products and carts of the
// test's own (the database is shared by files running in parallel), a valid checkout form, the payment
// context the Server Actions build (without Next), and readers of what a payment left in the database.
import { randomUUID } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { createTranslator } from "next-intl";
import { afterAll, inject } from "vitest";
import { addToCart, createCart } from "@/lib/cart/cart-queries";
import type { AttemptRow } from "@/lib/checkout/apply-attempt-status";
import type { StepMessages } from "@/lib/checkout/attempt-outcome";
import type { AttemptStatus } from "@/lib/checkout/attempt-status";
import { type CheckoutForm, type CheckoutFormValues, checkoutFormSchema } from "@/lib/checkout/checkout-form-schema";
import { ensureCheckoutOrder, type OrderRow } from "@/lib/checkout/checkout-order";
import type { PaymentContext } from "@/lib/checkout/payment-service";
import type { CheqpayClient } from "@/lib/cheqpay";
import type { PaymentLimits } from "@/lib/config";
import { createDatabase, type Database } from "@/lib/db/client";
import { cartLines, orders, paymentAttempts, paymentEvents, products } from "@/lib/db/schema";
import checkoutMessages from "@/messages/en/checkout.json";

/** A pool on the integration run's database for this file, closed after it. */
export function useDatabase(): Database {
  const { db, sql } = createDatabase(inject("databaseUrl"), { max: 12 });
  afterAll(() => sql.end({ timeout: 5 }));
  return db;
}

/** The shopper's messages, in English, from the app's own message files. */
export const messages: StepMessages = {
  decline: (code) => checkoutMessages.declines[code],
  problem: (code) => checkoutMessages.problems[code],
  savedCardDeclinedHint: checkoutMessages.savedCardDeclinedHint,
  limited: (minutes) => createTranslator({ locale: "en", messages: { checkout: checkoutMessages }, namespace: "checkout" })("limited", { minutes }),
};

/** Limits no test reaches: the files share one database, one shopper email and one IP. The card-testing tests
 *  set real ones (and an IP and email of their own). */
export const UNREACHED_LIMITS: PaymentLimits = {
  windowMinutes: 10,
  attemptsPerIp: 1_000_000,
  declinesPerIp: 1_000_000,
  attemptsPerEmail: 1_000_000,
  attemptsPerOrder: 1_000_000,
};

/** A CVC no id, token or amount of a test contains as a number of its own. */
export const TEST_CVC = "739";
export const APPROVED_CARD = "4111111111111111";

export const newKey = () => `key_${randomUUID().replaceAll("-", "")}`;

const futureExpiry = () => `12/${String((new Date().getFullYear() + 3) % 100).padStart(2, "0")}`;

/** A checkout form as the Server Action parses it: the approving Visa and a fresh submission key by default. */
export function checkoutForm(overrides: Partial<CheckoutFormValues> = {}): CheckoutForm {
  return checkoutFormSchema.parse({
    email: "Ana.Lopez@Example.com",
    firstName: "Ana",
    lastName: "López",
    phone: "+52 55 1234 5678",
    address: "Av. Reforma 222",
    city: "Ciudad de México",
    state: "CMX",
    postalCode: "06600",
    country: "MX",
    cardNumber: APPROVED_CARD,
    expiry: futureExpiry(),
    cvc: TEST_CVC,
    submissionKey: newKey(),
    browser: {
      screenWidth: 1920,
      screenHeight: 1080,
      colorDepth: 24,
      timeZoneOffset: 360,
      javaEnabled: false,
      javaScriptEnabled: true,
      language: "es-MX",
    },
    ...overrides,
  });
}

export const APP_URL = "https://shop.example.test";

/** The context `paymentContext()` builds for a request, made by hand. */
export function paymentContextFor(db: Database, cheqpay: CheqpayClient, overrides: Partial<PaymentContext> = {}): PaymentContext {
  return {
    db,
    cheqpay,
    appUrl: APP_URL,
    locale: "en",
    device: { ipAddress: "203.0.113.7", userAgent: "vitest", acceptHeader: "text/html" },
    messages,
    account: null,
    limits: UNREACHED_LIMITS,
    ...overrides,
  };
}

export type TestProduct = { id: string; priceCentavos: number };

/** A product of the test's own (unique slug), sold in pesos. */
export async function makeProduct(db: Database, priceCentavos = 24900): Promise<TestProduct> {
  const slug = `test-${randomUUID()}`;
  const [row] = await db
    .insert(products)
    .values({ slug, name: `Producto ${slug.slice(5, 13)}`, priceCentavos, currency: "MXN" })
    .returning({ id: products.id, priceCentavos: products.priceCentavos });
  return row!;
}

/** A new cart holding `lines` (price in centavos, quantity) of new products. */
export async function cartWith(db: Database, lines: [price: number, quantity: number][] = [[24900, 1]]) {
  const cartId = await createCart(db);
  const items: TestProduct[] = [];
  for (const [price, quantity] of lines) {
    const product = await makeProduct(db, price);
    const added = await addToCart(db, cartId, product.id, quantity);
    if (!added.ok) throw new Error(`addToCart: ${added.message}`);
    items.push(product);
  }
  return { cartId, products: items };
}

/** A cart's checkout order (as the service writes it) with one attempt in `status`, inserted as the service does. */
export async function orderWithAttempt(db: Database, status: AttemptStatus = "submitted") {
  const { cartId } = await cartWith(db, [
    [24900, 2],
    [18900, 1],
  ]);
  const result = await ensureCheckoutOrder(db, cartId, checkoutForm(), "en");
  if (result.kind !== "order") throw new Error(`no checkout order: ${result.kind}`);
  const attempt = await insertAttempt(db, result.order, status);
  return { cartId, order: result.order, attempt };
}

export const newExternalId = () => `att_${randomUUID().replaceAll("-", "").slice(0, 24)}`;

export async function insertAttempt(db: Database, order: OrderRow, status: AttemptStatus, externalId = newExternalId()): Promise<AttemptRow> {
  const [attempt] = await db
    .insert(paymentAttempts)
    .values({
      orderId: order.id,
      externalId,
      submissionKey: newKey(),
      status,
      amountCentavos: order.totalCentavos,
      currency: order.currency,
      cardBrand: "visa",
      cardLast4: "1111",
      cardExpiryMonth: 12,
      cardExpiryYear: 2030,
    })
    .returning();
  return attempt!;
}

export async function orderById(db: Database, orderId: string): Promise<OrderRow> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw new Error(`no order ${orderId}`);
  return order;
}

/** The orders made from a cart, oldest first. */
export const ordersOfCart = (db: Database, cartId: string) =>
  db.select().from(orders).where(eq(orders.cartId, cartId)).orderBy(asc(orders.orderNumber));

export const attemptsOf = (db: Database, orderId: string) =>
  db.select().from(paymentAttempts).where(eq(paymentAttempts.orderId, orderId)).orderBy(asc(paymentAttempts.createdAt));

export async function attemptById(db: Database, attemptId: string): Promise<AttemptRow> {
  const [attempt] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.id, attemptId));
  if (!attempt) throw new Error(`no attempt ${attemptId}`);
  return attempt;
}

export const eventsOf = (db: Database, orderId: string) =>
  db.select().from(paymentEvents).where(eq(paymentEvents.orderId, orderId)).orderBy(asc(paymentEvents.id));

/** The timeline's kinds, `attempt.status` events written with their status: `attempt.status:succeeded`. */
export async function timelineOf(db: Database, orderId: string): Promise<string[]> {
  return (await eventsOf(db, orderId)).map((e) =>
    e.kind === "attempt.status" ? `${e.kind}:${(e.detail as { status: string }).status}` : e.kind,
  );
}

export async function cartLineCount(db: Database, cartId: string): Promise<number> {
  return (await db.select().from(cartLines).where(eq(cartLines.cartId, cartId))).length;
}

/** Every column of every row an order left (order, lines, attempts, timeline), each row as JSON text. */
export async function storedRowsOf(db: Database, orderId: string): Promise<string[]> {
  const rows = await db.execute<{ row: string }>(sql`
    select row_to_json(o)::text as row from orders o where o.id = ${orderId}
    union all select row_to_json(l)::text from order_lines l where l.order_id = ${orderId}
    union all select row_to_json(a)::text from payment_attempts a where a.order_id = ${orderId}
    union all select row_to_json(e)::text from payment_events e where e.order_id = ${orderId}`);
  return rows.map((r) => r.row);
}
