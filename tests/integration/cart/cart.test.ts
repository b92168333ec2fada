// The cart against a real PostgreSQL: contents and totals from the database, limits enforced, and the
// checkout order forgotten whenever the contents change.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import {
  addToCart,
  canCheckOut,
  createCart,
  loadCart,
  MAX_LINE_QUANTITY,
  removeCartLine,
  setCartLineQuantity,
} from "@/lib/cart/cart-queries";
import { createDatabase } from "@/lib/db/client";
import { cartLines, carts, orders, products } from "@/lib/db/schema";

const { db, sql } = createDatabase(inject("databaseUrl"), { max: 4 });
afterAll(() => sql.end({ timeout: 5 }));

type TestProduct = { id: string; name: string; price: number };

async function makeProduct(price: number, active = true): Promise<TestProduct> {
  const slug = `test-${randomUUID()}`;
  const name = `Producto ${slug.slice(5, 13)}`;
  const [row] = await db
    .insert(products)
    .values({ slug, name, priceCentavos: price, currency: "MXN", active })
    .returning({ id: products.id });
  return { id: row!.id, name, price };
}

async function linesOf(cartId: string) {
  return db.select().from(cartLines).where(eq(cartLines.cartId, cartId)).orderBy(cartLines.productId);
}

async function attachOrder(cartId: string): Promise<string> {
  const [order] = await db
    .insert(orders)
    .values({
      publicToken: `tok_${randomUUID()}`,
      currency: "MXN",
      subtotalCentavos: 100,
      totalCentavos: 100,
      email: "ana@example.com",
      firstName: "Ana",
      lastName: "López",
      billingAddress: {},
    })
    .returning({ id: orders.id });
  await db.update(carts).set({ checkoutOrderId: order!.id }).where(eq(carts.id, cartId));
  return order!.id;
}

async function checkoutOrderOf(cartId: string): Promise<string | null> {
  const [cart] = await db.select({ id: carts.checkoutOrderId }).from(carts).where(eq(carts.id, cartId));
  return cart!.id;
}

let coffee: TestProduct;
let rebozo: TestProduct;
let retired: TestProduct;

beforeAll(async () => {
  coffee = await makeProduct(24900);
  rebozo = await makeProduct(124900);
  retired = await makeProduct(9900, false);
});

describe("addToCart", () => {
  it("adds a line, and adding again sums up to the maximum", async () => {
    const cartId = await createCart(db);
    expect(await addToCart(db, cartId, coffee.id, 1)).toEqual({ ok: true, quantity: 1, capped: false, productName: coffee.name });
    expect(await addToCart(db, cartId, coffee.id, 3)).toMatchObject({ ok: true, quantity: 4, capped: false });
    expect(await addToCart(db, cartId, coffee.id, 9)).toMatchObject({ ok: true, quantity: MAX_LINE_QUANTITY, capped: true });
    expect(await addToCart(db, cartId, coffee.id, 1)).toMatchObject({ ok: false, error: "max_quantity_reached" });
    expect((await linesOf(cartId)).map((l) => l.quantity)).toEqual([MAX_LINE_QUANTITY]);
  });

  it("refuses a quantity out of range and changes nothing", async () => {
    const cartId = await createCart(db);
    await addToCart(db, cartId, coffee.id, 2);
    const orderId = await attachOrder(cartId);
    for (const quantity of [0, -1, 11, 1.5, Number.NaN]) {
      const result = await addToCart(db, cartId, coffee.id, quantity);
      expect(result).toMatchObject({ ok: false, error: "invalid_quantity" });
      expect(result.ok ? "" : result.message).toMatch(/1 to 10/);
    }
    expect((await linesOf(cartId)).map((l) => l.quantity)).toEqual([2]);
    expect(await checkoutOrderOf(cartId)).toBe(orderId);
  });

  it("refuses a product that is no longer sold, or does not exist, and changes nothing", async () => {
    const cartId = await createCart(db);
    expect(await addToCart(db, cartId, retired.id, 1)).toMatchObject({ ok: false, error: "product_unavailable" });
    expect(await addToCart(db, cartId, randomUUID(), 1)).toMatchObject({ ok: false, error: "product_unavailable" });
    expect(await linesOf(cartId)).toEqual([]);
  });

  it("validates every identifier before it reaches SQL", async () => {
    const cartId = await createCart(db);
    expect(await addToCart(db, "not-a-uuid", coffee.id, 1)).toMatchObject({ ok: false, error: "invalid_cart_id" });
    expect(await addToCart(db, cartId, "1; drop table carts", 1)).toMatchObject({ ok: false, error: "invalid_product_id" });
    expect(await addToCart(db, randomUUID(), coffee.id, 1)).toMatchObject({ ok: false, error: "cart_not_found" });
    expect(await loadCart(db, "nope")).toBeNull();
    expect(await setCartLineQuantity(db, cartId, "x", 1)).toMatchObject({ ok: false, error: "invalid_product_id" });
    expect(await removeCartLine(db, "x", coffee.id)).toMatchObject({ ok: false, error: "invalid_cart_id" });
  });
});

describe("setCartLineQuantity and removeCartLine", () => {
  it("sets a quantity, refuses one out of range, and 0 removes the line", async () => {
    const cartId = await createCart(db);
    await addToCart(db, cartId, coffee.id, 1);
    expect(await setCartLineQuantity(db, cartId, coffee.id, 7)).toEqual({ ok: true, quantity: 7 });
    expect(await setCartLineQuantity(db, cartId, coffee.id, 11)).toMatchObject({ ok: false, error: "invalid_quantity" });
    expect(await setCartLineQuantity(db, cartId, coffee.id, -1)).toMatchObject({ ok: false, error: "invalid_quantity" });
    expect((await linesOf(cartId)).map((l) => l.quantity)).toEqual([7]);
    expect(await setCartLineQuantity(db, cartId, rebozo.id, 2)).toMatchObject({ ok: false, error: "line_not_found" });
    expect(await setCartLineQuantity(db, cartId, coffee.id, 0)).toEqual({ ok: true, quantity: 0 });
    expect(await linesOf(cartId)).toEqual([]);
  });

  it("removes a line, and says so when there is none", async () => {
    const cartId = await createCart(db);
    await addToCart(db, cartId, coffee.id, 1);
    await addToCart(db, cartId, rebozo.id, 1);
    expect(await removeCartLine(db, cartId, coffee.id)).toEqual({ ok: true, quantity: 0 });
    expect(await removeCartLine(db, cartId, coffee.id)).toMatchObject({ ok: false, error: "line_not_found" });
    expect((await linesOf(cartId)).map((l) => l.productId)).toEqual([rebozo.id]);
  });

  it("does not raise the quantity of a product no longer sold, but lets it go down or out", async () => {
    const product = await makeProduct(5000);
    const cartId = await createCart(db);
    await addToCart(db, cartId, product.id, 3);
    await db.update(products).set({ active: false }).where(eq(products.id, product.id));
    expect(await setCartLineQuantity(db, cartId, product.id, 4)).toMatchObject({ ok: false, error: "product_unavailable" });
    expect(await setCartLineQuantity(db, cartId, product.id, 2)).toEqual({ ok: true, quantity: 2 });
    expect(await removeCartLine(db, cartId, product.id)).toMatchObject({ ok: true });
  });
});

describe("the checkout order of a cart", () => {
  it("is cleared by every change of the contents, in the same transaction", async () => {
    const cartId = await createCart(db);
    await addToCart(db, cartId, coffee.id, 1);

    await attachOrder(cartId);
    await addToCart(db, cartId, rebozo.id, 1);
    expect(await checkoutOrderOf(cartId)).toBeNull();

    await attachOrder(cartId);
    await setCartLineQuantity(db, cartId, rebozo.id, 2);
    expect(await checkoutOrderOf(cartId)).toBeNull();

    await attachOrder(cartId);
    await removeCartLine(db, cartId, rebozo.id);
    expect(await checkoutOrderOf(cartId)).toBeNull();
  });

  it("is kept when nothing changed (refused change, same quantity)", async () => {
    const cartId = await createCart(db);
    await addToCart(db, cartId, coffee.id, 2);
    const orderId = await attachOrder(cartId);
    await addToCart(db, cartId, retired.id, 1);
    await setCartLineQuantity(db, cartId, coffee.id, 2);
    await setCartLineQuantity(db, cartId, coffee.id, 12);
    await removeCartLine(db, cartId, rebozo.id);
    expect(await checkoutOrderOf(cartId)).toBe(orderId);
    expect((await loadCart(db, cartId))!.checkoutOrderId).toBe(orderId);
  });
});

describe("loadCart", () => {
  it("is null for a cart that does not exist, and empty for a new cart", async () => {
    expect(await loadCart(db, randomUUID())).toBeNull();
    const cartId = await createCart(db);
    expect(await loadCart(db, cartId)).toEqual({
      id: cartId,
      checkoutOrderId: null,
      lines: [],
      subtotalCentavos: 0,
      currency: "MXN",
      itemCount: 0,
    });
  });

  it("computes totals from today's prices in the database, in the order lines were added", async () => {
    const mug = await makeProduct(32900);
    const cartId = await createCart(db);
    await addToCart(db, cartId, mug.id, 2);
    await addToCart(db, cartId, rebozo.id, 1);
    await db.update(products).set({ priceCentavos: 29900 }).where(eq(products.id, mug.id));

    const cart = (await loadCart(db, cartId))!;
    expect(cart.lines.map((l) => [l.productId, l.unitPriceCentavos, l.quantity, l.lineTotalCentavos, l.available])).toEqual([
      [mug.id, 29900, 2, 59800, true],
      [rebozo.id, 124900, 1, 124900, true],
    ]);
    expect(cart.lines[0]).toMatchObject({ name: mug.name, currency: "MXN", imagePath: null });
    expect(cart.subtotalCentavos).toBe(59800 + 124900);
    expect(cart.itemCount).toBe(3);
    expect(canCheckOut(cart)).toBe(true);
  });

  it("marks a retired product unavailable, leaves it out of the subtotal and blocks checkout", async () => {
    const product = await makeProduct(10000);
    const cartId = await createCart(db);
    await addToCart(db, cartId, coffee.id, 1);
    await addToCart(db, cartId, product.id, 2);
    await db.update(products).set({ active: false }).where(eq(products.id, product.id));

    const cart = (await loadCart(db, cartId))!;
    expect(cart.lines.map((l) => l.available)).toEqual([true, false]);
    expect(cart.subtotalCentavos).toBe(coffee.price);
    expect(cart.itemCount).toBe(3);
    expect(canCheckOut(cart)).toBe(false);
  });

  it("works inside a transaction (the payment service reads the cart under its lock)", async () => {
    const cartId = await createCart(db);
    await addToCart(db, cartId, coffee.id, 2);
    const subtotal = await db.transaction(async (tx) => (await loadCart(tx as unknown as typeof db, cartId))!.subtotalCentavos);
    expect(subtotal).toBe(2 * coffee.price);
  });
});

describe("concurrent changes", () => {
  it("never go past the maximum", async () => {
    const cartId = await createCart(db);
    const results = await Promise.all(Array.from({ length: 12 }, () => addToCart(db, cartId, coffee.id, 1)));
    expect(results.filter((r) => r.ok)).toHaveLength(MAX_LINE_QUANTITY);
    expect((await linesOf(cartId)).map((l) => l.quantity)).toEqual([MAX_LINE_QUANTITY]);
  });
});
