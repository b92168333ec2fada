import { getLocale, getTranslations } from "next-intl/server";
import { ProductCard } from "@/components/shop/product-card";
import { listActiveProducts } from "@/lib/catalog/catalog-queries";
import { getDb } from "@/lib/db/client";

// The catalogue and the prices come from the database on every request.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const [t, locale, products] = await Promise.all([getTranslations("shop"), getLocale(), listActiveProducts(getDb())]);
  return (
    <main className="page">
      <div className="page-intro">
        <h1>{t("title")}</h1>
        <p className="lead">{t("intro")}</p>
      </div>
      {products.length === 0 ? (
        <p className="card">{t("empty")}</p>
      ) : (
        <ul className="product-grid" aria-label={t("productsHeading")}>
          {products.map((product) => (
            <li key={product.id}>
              <ProductCard product={product} locale={locale} addLabel={t("addToCart")} />
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
