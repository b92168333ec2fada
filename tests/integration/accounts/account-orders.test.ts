// The orders /account lists, against real PostgreSQL: the account's own, newest first.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listAccountOrders } from "@/lib/accounts/account-orders";
import type { Account } from "@/lib/accounts/current-account";
import { ensureCheckoutOrder } from "@/lib/checkout/checkout-order";
import { orders } from "@/lib/db/schema";
import { makeAccount } from "../../support/account-fixtures";
import { cartWith, checkoutForm, useDatabase } from "../../support/checkout-fixtures";

const db = useDatabase();

/** A checkout order of a new cart, placed by `account` (null: a guest). */
async function placeOrder(account: Account | null, price = 24900) {
  const { cartId } = await cartWith(db, [[price, 1]]);
  const result = await ensureCheckoutOrder(db, cartId, checkoutForm(), "en", account);
  if (result.kind !== "order") throw new Error(`no checkout order: ${result.kind}`);
  return result.order;
}

describe("listAccountOrders", () => {
  it("lists only the account's orders, newest first", async () => {
    const account = await makeAccount(db);
    const other = await makeAccount(db);
    const first = await placeOrder(account, 10000);
    await placeOrder(other);
    await placeOrder(null);
    const second = await placeOrder(account, 20000);
    const third = await placeOrder(account, 30000);

    const listed = await listAccountOrders(db, account.id);
    expect(listed.map((o) => o.publicToken)).toEqual([third.publicToken, second.publicToken, first.publicToken]);
    expect(listed[0]).toEqual({
      publicToken: third.publicToken,
      orderNumber: third.orderNumber,
      status: "pending",
      totalCentavos: 30000,
      currency: "MXN",
      createdAt: third.createdAt,
    });
  });

  it("orders by when the order was placed, not by when it was made in the database", async () => {
    const account = await makeAccount(db);
    const older = await placeOrder(account);
    const newer = await placeOrder(account);
    await db.update(orders).set({ createdAt: sql`now() - interval '2 days'` }).where(eq(orders.id, newer.id));
    expect((await listAccountOrders(db, account.id)).map((o) => o.publicToken)).toEqual([older.publicToken, newer.publicToken]);
  });

  it("lists nothing for an account without orders, and at most `limit` orders", async () => {
    const account = await makeAccount(db);
    expect(await listAccountOrders(db, account.id)).toEqual([]);
    for (let i = 0; i < 3; i++) await placeOrder(account);
    expect(await listAccountOrders(db, account.id, 2)).toHaveLength(2);
  });
});

describe("ensureCheckoutOrder signed in", () => {
  it("makes the order the account's, with the account's email rather than the one typed", async () => {
    const account = await makeAccount(db);
    const order = await placeOrder(account);
    expect(order).toMatchObject({ userId: account.id, email: account.email, firstName: "Ana", lastName: "López" });
    expect(checkoutForm().email.toLowerCase()).not.toBe(account.email);
  });

  it("leaves a guest's order without an account, with the email typed", async () => {
    expect(await placeOrder(null)).toMatchObject({ userId: null, email: "ana.lopez@example.com" });
  });
});
