// The shopper's cart as the shop and the checkout see it: contents from cart_lines, names and prices from
// products (never from the browser). The payment service builds its order from `loadCart`.
import { asc, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { cartLines, carts, products } from "@/lib/db/schema";
import { isUuid } from "./cart-ids";

export {
  addToCart,
  cartExists,
  createCart,
  MAX_LINE_QUANTITY,
  removeCartLine,
  setCartLineQuantity,
  type AddToCartResult,
  type CartError,
  type CartMutationResult,
} from "./cart-mutations";

export type CartLine = {
  productId: string;
  slug: string;
  name: string;
  imagePath: string | null;
  unitPriceCentavos: number;
  currency: string;
  quantity: number;
  lineTotalCentavos: number;
  /** false when the product is no longer sold: the line blocks checkout and is not in the subtotal. */
  available: boolean;
};

export type Cart = {
  id: string;
  checkoutOrderId: string | null;
  lines: CartLine[];
  /** Sum of the available lines only. */
  subtotalCentavos: number;
  currency: string;
  /** Units in the cart, every line counted (what the header shows). */
  itemCount: number;
};

const SHOP_CURRENCY = "MXN";

/** The cart with its lines in the order they were added, in one query; null when there is no such cart. */
export async function loadCart(db: Database, cartId: string): Promise<Cart | null> {
  if (!isUuid(cartId)) return null;
  return cartOfRows(await cartRowsQuery(db, cartId));
}

/** The query behind `loadCart` (cartId must be a UUID), for callers that send it with other statements. */
export function cartRowsQuery(db: Database, cartId: string) {
  return db
    .select({
      cartId: carts.id,
      checkoutOrderId: carts.checkoutOrderId,
      quantity: cartLines.quantity,
      productId: products.id,
      slug: products.slug,
      name: products.name,
      imagePath: products.imagePath,
      priceCentavos: products.priceCentavos,
      currency: products.currency,
      active: products.active,
    })
    .from(carts)
    .leftJoin(cartLines, eq(cartLines.cartId, carts.id))
    .leftJoin(products, eq(products.id, cartLines.productId))
    .where(eq(carts.id, cartId))
    .orderBy(asc(cartLines.addedAt), asc(cartLines.productId));
}

type CartRow = Awaited<ReturnType<typeof cartRowsQuery>>[number];

/** The cart the rows of `cartRowsQuery` describe; null when there were none (no such cart). */
export function cartOfRows(rows: readonly CartRow[]): Cart | null {
  const first = rows[0];
  if (!first) return null;

  const currency = SHOP_CURRENCY;
  const lines: CartLine[] = [];
  for (const row of rows) {
    if (row.productId === null || row.quantity === null) continue; // the cart's own row: no lines
    const lineTotal = row.priceCentavos! * row.quantity;
    lines.push({
      productId: row.productId,
      slug: row.slug!,
      name: row.name!,
      imagePath: row.imagePath,
      unitPriceCentavos: row.priceCentavos!,
      currency: row.currency!,
      quantity: row.quantity,
      lineTotalCentavos: lineTotal,
      // A price in another currency cannot be added to a peso subtotal: treat it as not for sale here.
      available: row.active === true && row.currency === currency,
    });
  }
  return {
    id: first.cartId,
    checkoutOrderId: first.checkoutOrderId,
    lines,
    subtotalCentavos: lines.filter((l) => l.available).reduce((sum, l) => sum + l.lineTotalCentavos, 0),
    currency,
    itemCount: lines.reduce((sum, l) => sum + l.quantity, 0),
  };
}

/** True when the cart has lines and every one of them can be bought. */
export function canCheckOut(cart: Cart | null): cart is Cart {
  return cart !== null && cart.lines.length > 0 && cart.lines.every((l) => l.available);
}
