import { eq, inArray } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import { getProductsByIds, listActiveProducts } from "@/lib/catalog/catalog-queries";
import { CATALOG, seedCatalog } from "@/lib/catalog/catalog-seed";
import { createDatabase } from "@/lib/db/client";
import { products } from "@/lib/db/schema";

const { db, sql } = createDatabase(inject("databaseUrl"), { max: 4 });
afterAll(() => sql.end({ timeout: 5 }));

const slugs = CATALOG.map((p) => p.slug);
const seeded = () => db.select().from(products).where(inArray(products.slug, slugs)).orderBy(products.slug);

describe("seedCatalog", () => {
  it("has a sensible catalogue", () => {
    expect(CATALOG.length).toBeGreaterThanOrEqual(8);
    expect(new Set(slugs).size).toBe(CATALOG.length);
    expect(CATALOG.some((p) => p.priceCentavos >= 100_000)).toBe(true);
    for (const p of CATALOG) expect(Number.isInteger(p.priceCentavos) && p.priceCentavos > 0).toBe(true);
  });

  it("is idempotent, even run by several instances at once: same rows, same ids", async () => {
    await seedCatalog(db);
    const first = await seeded();
    await Promise.all([seedCatalog(db), seedCatalog(db), seedCatalog(db)]);
    const again = await seeded();
    expect(again).toHaveLength(CATALOG.length);
    expect(again.map((p) => p.id)).toEqual(first.map((p) => p.id));
    for (const row of again) {
      expect(row).toMatchObject({ currency: "MXN", imagePath: `/products/${row.slug}.svg` });
    }
  });

  it("puts changed names and prices back, and leaves a retired product retired", async () => {
    await seedCatalog(db);
    await db.update(products).set({ priceCentavos: 1, name: "edited" }).where(eq(products.slug, "cafe-de-chiapas"));
    await db.update(products).set({ active: false }).where(eq(products.slug, "mole-poblano"));
    await seedCatalog(db);
    const rows = await seeded();
    const coffee = rows.find((p) => p.slug === "cafe-de-chiapas")!;
    expect(coffee).toMatchObject({ name: "Café de Chiapas", priceCentavos: 24900 });
    expect(rows.find((p) => p.slug === "mole-poblano")!.active).toBe(false);

    const active = await listActiveProducts(db);
    expect(active.some((p) => p.slug === "mole-poblano")).toBe(false);
    expect(active.some((p) => p.slug === "cafe-de-chiapas")).toBe(true);
    await db.update(products).set({ active: true }).where(eq(products.slug, "mole-poblano"));
  });
});

describe("getProductsByIds", () => {
  it("finds products by id, active or not, ignoring ids that are not uuids", async () => {
    await seedCatalog(db);
    const rows = await seeded();
    const found = await getProductsByIds(db, [rows[0]!.id, rows[1]!.id, rows[0]!.id, "not-a-uuid"]);
    expect(found.map((p) => p.id).sort()).toEqual([rows[0]!.id, rows[1]!.id].sort());
    expect(await getProductsByIds(db, [])).toEqual([]);
    expect(await getProductsByIds(db, ["x"])).toEqual([]);
  });
});
