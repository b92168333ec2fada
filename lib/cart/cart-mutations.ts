// Changing a cart. Each change runs in one transaction that locks the cart row (so it queues behind a
// checkout building an order from it) and clears `checkout_order_id`: the next checkout makes a new order
// from the new contents. Bad input or an unsellable product changes nothing and says why.
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { cartLines, carts, products } from "@/lib/db/schema";
import { isUuid } from "./cart-ids";

export const MAX_LINE_QUANTITY = 10;

export type CartError =
  | "invalid_cart_id"
  | "invalid_product_id"
  | "invalid_quantity"
  | "cart_not_found"
  | "product_unavailable"
  | "line_not_found"
  | "max_quantity_reached";

export type CartMutationResult = { ok: true; quantity: number } | { ok: false; error: CartError; message: string };

/** `capped`: the sum went past the maximum, so the line holds MAX_LINE_QUANTITY. */
export type AddToCartResult =
  | { ok: true; quantity: number; capped: boolean; productName: string }
  | { ok: false; error: CartError; message: string };

const MESSAGES: Record<CartError, string> = {
  invalid_cart_id: "The cart id is not a valid UUID.",
  invalid_product_id: "The product id is not a valid UUID.",
  invalid_quantity: `The quantity must be a whole number from 1 to ${MAX_LINE_QUANTITY}.`,
  cart_not_found: "There is no cart with this id.",
  product_unavailable: "This product does not exist or is no longer sold.",
  line_not_found: "This product is not in the cart.",
  max_quantity_reached: `The cart already holds the maximum of ${MAX_LINE_QUANTITY} of this product.`,
};

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

function failure(error: CartError): { ok: false; error: CartError; message: string } {
  return { ok: false, error, message: MESSAGES[error] };
}

function isQuantity(value: number, min: number): boolean {
  return Number.isInteger(value) && value >= min && value <= MAX_LINE_QUANTITY;
}

function checkIds(cartId: string, productId: string): CartError | null {
  if (!isUuid(cartId)) return "invalid_cart_id";
  if (!isUuid(productId)) return "invalid_product_id";
  return null;
}

export async function createCart(db: Database): Promise<string> {
  const [cart] = await db.insert(carts).values({}).returning({ id: carts.id });
  return cart!.id;
}

export async function cartExists(db: Database, cartId: string): Promise<boolean> {
  if (!isUuid(cartId)) return false;
  const [row] = await db.select({ id: carts.id }).from(carts).where(eq(carts.id, cartId));
  return row !== undefined;
}

async function lockCart(tx: Tx, cartId: string): Promise<boolean> {
  const [row] = await tx.select({ id: carts.id }).from(carts).where(eq(carts.id, cartId)).for("update");
  return row !== undefined;
}

async function lineQuantity(tx: Tx, cartId: string, productId: string): Promise<number | null> {
  const [line] = await tx
    .select({ quantity: cartLines.quantity })
    .from(cartLines)
    .where(and(eq(cartLines.cartId, cartId), eq(cartLines.productId, productId)));
  return line?.quantity ?? null;
}

/** The contents changed: forget the order made from the old contents. */
async function markChanged(tx: Tx, cartId: string): Promise<void> {
  await tx.update(carts).set({ checkoutOrderId: null, updatedAt: sql`now()` }).where(eq(carts.id, cartId));
}

/** Adds `quantity` units; a line already in the cart sums up, capped at MAX_LINE_QUANTITY. */
export async function addToCart(
  db: Database,
  cartId: string,
  productId: string,
  quantity: number,
): Promise<AddToCartResult> {
  const invalid = checkIds(cartId, productId) ?? (isQuantity(quantity, 1) ? null : "invalid_quantity");
  if (invalid) return failure(invalid);
  return db.transaction(async (tx) => {
    if (!(await lockCart(tx, cartId))) return failure("cart_not_found");
    const [product] = await tx
      .select({ name: products.name, active: products.active })
      .from(products)
      .where(eq(products.id, productId));
    if (!product?.active) return failure("product_unavailable");
    const current = (await lineQuantity(tx, cartId, productId)) ?? 0;
    if (current >= MAX_LINE_QUANTITY) return failure("max_quantity_reached");
    const next = Math.min(current + quantity, MAX_LINE_QUANTITY);
    await tx
      .insert(cartLines)
      .values({ cartId, productId, quantity: next })
      .onConflictDoUpdate({ target: [cartLines.cartId, cartLines.productId], set: { quantity: next } });
    await markChanged(tx, cartId);
    return { ok: true, quantity: next, capped: current + quantity > MAX_LINE_QUANTITY, productName: product.name };
  });
}

/** Sets a line's quantity (0 removes it). Raising the quantity of a product no longer sold is refused. */
export async function setCartLineQuantity(
  db: Database,
  cartId: string,
  productId: string,
  quantity: number,
): Promise<CartMutationResult> {
  const invalid = checkIds(cartId, productId) ?? (isQuantity(quantity, 0) ? null : "invalid_quantity");
  if (invalid) return failure(invalid);
  if (quantity === 0) return removeCartLine(db, cartId, productId);
  return db.transaction(async (tx) => {
    if (!(await lockCart(tx, cartId))) return failure("cart_not_found");
    const current = await lineQuantity(tx, cartId, productId);
    if (current === null) return failure("line_not_found");
    if (current === quantity) return { ok: true, quantity };
    if (quantity > current) {
      const [product] = await tx.select({ active: products.active }).from(products).where(eq(products.id, productId));
      if (!product?.active) return failure("product_unavailable");
    }
    await tx
      .update(cartLines)
      .set({ quantity })
      .where(and(eq(cartLines.cartId, cartId), eq(cartLines.productId, productId)));
    await markChanged(tx, cartId);
    return { ok: true, quantity };
  });
}

export async function removeCartLine(db: Database, cartId: string, productId: string): Promise<CartMutationResult> {
  const invalid = checkIds(cartId, productId);
  if (invalid) return failure(invalid);
  return db.transaction(async (tx) => {
    if (!(await lockCart(tx, cartId))) return failure("cart_not_found");
    const removed = await tx
      .delete(cartLines)
      .where(and(eq(cartLines.cartId, cartId), eq(cartLines.productId, productId)))
      .returning({ productId: cartLines.productId });
    if (removed.length === 0) return failure("line_not_found");
    await markChanged(tx, cartId);
    return { ok: true, quantity: 0 };
  });
}
