// Carts for the payment runs, made in bulk with SQL before the clock starts: one line of the first catalogue
// product each (what tests/support/system-shopper.ts cartCookie makes one at a time).
import type postgres from "postgres";
import { CART_COOKIE } from "@/lib/cart/cart-ids";

export async function makeCarts(sql: postgres.Sql, count: number): Promise<string[]> {
  const [product] = await sql<{ id: string }[]>`select id from products where active order by slug limit 1`;
  if (!product) throw new Error("the catalogue is empty: the app seeds it as it starts");
  const rows = await sql<{ cart_id: string }[]>`
    with made as (insert into carts (id) select gen_random_uuid() from generate_series(1, ${count}) returning id)
    insert into cart_lines (cart_id, product_id, quantity) select id, ${product.id}, 1 from made returning cart_id`;
  return rows.map((row) => `${CART_COOKIE}=${row.cart_id}`);
}
