// The shop's demo catalogue, written at every start (instrumentation.ts). Idempotent: the slug is the key, so
// a restart updates names, descriptions and prices in place and product ids (and carts) survive.
import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { products } from "@/lib/db/schema";

export type SeedProduct = { slug: string; name: string; description: string; priceCentavos: number };

export const CATALOG: readonly SeedProduct[] = [
  {
    slug: "cafe-de-chiapas",
    name: "Café de Chiapas",
    description: "Café de altura en grano, tueste medio, 500 g. Notas de cacao y nuez.",
    priceCentavos: 24900,
  },
  {
    slug: "mole-poblano",
    name: "Mole poblano",
    description: "Pasta de mole hecha en Puebla con chiles secos, chocolate y especias, 400 g.",
    priceCentavos: 18900,
  },
  {
    slug: "taza-de-talavera",
    name: "Taza de talavera",
    description: "Taza de cerámica pintada a mano en Puebla, 350 ml.",
    priceCentavos: 32900,
  },
  {
    slug: "rebozo-de-seda",
    name: "Rebozo de seda",
    description: "Rebozo tejido en telar de cintura en Santa María del Río, San Luis Potosí.",
    priceCentavos: 124900,
  },
  {
    slug: "huipil-bordado",
    name: "Huipil bordado",
    description: "Huipil de algodón bordado a mano por artesanas de la Sierra Mazateca, Oaxaca.",
    priceCentavos: 189900,
  },
  {
    slug: "chocolate-de-oaxaca",
    name: "Chocolate de Oaxaca",
    description: "Tablillas de chocolate de metate con canela y almendra, 500 g.",
    priceCentavos: 14900,
  },
  {
    slug: "caballitos-tequileros",
    name: "Caballitos tequileros",
    description: "Juego de cuatro caballitos de vidrio soplado de Tlaquepaque, Jalisco.",
    priceCentavos: 39900,
  },
  {
    slug: "alebrije-jaguar",
    name: "Alebrije de jaguar",
    description: "Jaguar tallado en madera de copal y pintado a mano en San Martín Tilcajete, Oaxaca.",
    priceCentavos: 84900,
  },
];

/** Upserts the catalogue. `active` is left alone on update: a product an operator retired stays retired. */
export async function seedCatalog(db: Database): Promise<void> {
  await db
    .insert(products)
    .values(
      CATALOG.map((p) => ({ ...p, currency: "MXN", imagePath: `/products/${p.slug}.svg` })),
    )
    .onConflictDoUpdate({
      target: products.slug,
      set: {
        name: sql`excluded.name`,
        description: sql`excluded.description`,
        priceCentavos: sql`excluded.price_centavos`,
        currency: sql`excluded.currency`,
        imagePath: sql`excluded.image_path`,
      },
    });
}
