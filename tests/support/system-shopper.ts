// A shopper without a browser, for system tests that pay many times over HTTP: a cart of the seeded catalogue
// made in the database (its cookie is what the browser would hold) and the checkout form's fields as typed.
import { randomUUID } from "node:crypto";
import { asc } from "drizzle-orm";
import { addToCart, createCart } from "@/lib/cart/cart-queries";
import type { Database } from "@/lib/db/client";
import { products } from "@/lib/db/schema";

/**
 * lib/cart/cart-cookie.ts's CART_COOKIE. Not imported: that module imports `next/headers`, which Playwright's ESM
 * loader cannot resolve outside Next (the spec would not load).
 */
const CART_COOKIE = "cart_id";

/** A new cart with `quantity` of the first catalogue product; returns the Cookie header that names it. */
export async function cartCookie(db: Database, quantity = 1): Promise<{ cartId: string; cookie: string }> {
  const [product] = await db.select({ id: products.id }).from(products).orderBy(asc(products.slug)).limit(1);
  if (!product) throw new Error("the catalogue is empty: start the app once to seed it");
  const cartId = await createCart(db);
  const added = await addToCart(db, cartId, product.id, quantity);
  if (!added.ok) throw new Error(`addToCart: ${added.message}`);
  return { cartId, cookie: `${CART_COOKIE}=${cartId}` };
}

export const APPROVED_VISA = "4111111111111111";
export const DECLINED_VISA = "4000000000000002";

const futureExpiry = () => `12/${String((new Date().getFullYear() + 3) % 100).padStart(2, "0")}`;

/** The checkout form's values as the page sends them to `payWithCard` (a new card; approving Visa by default). */
export function checkoutFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    email: `shopper-${randomUUID().slice(0, 8)}@example.com`,
    firstName: "Ana",
    lastName: "López",
    phone: "+52 55 1234 5678",
    address: "Av. Reforma 222",
    city: "Ciudad de México",
    state: "CMX",
    postalCode: "06600",
    country: "MX",
    cardNumber: APPROVED_VISA,
    expiry: futureExpiry(),
    cvc: "739",
    paymentMethodId: "",
    saveCard: false,
    submissionKey: `key_${randomUUID().replaceAll("-", "")}`,
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
  };
}
