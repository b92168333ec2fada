// Reading the catalogue. Prices shown and charged always come from here (the database), never the browser.
import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { products } from "@/lib/db/schema";
import { isUuid } from "@/lib/cart/cart-ids";

export type Product = typeof products.$inferSelect;

export async function listActiveProducts(db: Database): Promise<Product[]> {
  return db.select().from(products).where(eq(products.active, true)).orderBy(asc(products.name), asc(products.slug));
}

/** Products by id, active or not (callers decide); ids that are not uuids are ignored. */
export async function getProductsByIds(db: Database, ids: readonly string[]): Promise<Product[]> {
  const valid = [...new Set(ids.filter(isUuid))];
  if (valid.length === 0) return [];
  return db.select().from(products).where(inArray(products.id, valid));
}
