// The cart is found by an unguessable id in an http-only cookie; its contents live in the database.
import { cookies } from "next/headers";
import { getConfig } from "@/lib/config";
import { type Database, getDb } from "@/lib/db/client";
import { CART_COOKIE, isUuid } from "./cart-ids";
import { cartExists, createCart } from "./cart-mutations";

export { CART_COOKIE };
const THIRTY_DAYS_SECONDS = 60 * 60 * 24 * 30;

/** The cart id from the cookie when it is a well-formed uuid (it may name no cart: loadCart says null). */
export async function readCartId(): Promise<string | null> {
  const value = (await cookies()).get(CART_COOKIE)?.value;
  return isUuid(value) ? value : null;
}

/**
 * The shopper's cart id, making the cart (and the cookie) when there is none or it no longer exists.
 * Sets a cookie, so only a Server Action or a route handler may call it. Each call renews the 30 days.
 */
export async function ensureCartId(db: Database = getDb()): Promise<string> {
  const store = await cookies();
  const current = store.get(CART_COOKIE)?.value;
  const cartId = isUuid(current) && (await cartExists(db, current)) ? current : await createCart(db);
  store.set(CART_COOKIE, cartId, {
    httpOnly: true,
    sameSite: "lax",
    secure: getConfig().appUrl.startsWith("https://"),
    path: "/",
    maxAge: THIRTY_DAYS_SECONDS,
  });
  return cartId;
}
