import type { Product } from "@/lib/catalog/catalog-queries";
import { formatMoney } from "@/lib/money/format-money";
import { AddToCartForm } from "./add-to-cart-form";

export const PRODUCT_IMAGE_SIZE = { width: 320, height: 240 } as const;

export function ProductCard({ product, locale, addLabel }: { product: Product; locale: string; addLabel: string }) {
  const headingId = `product-${product.slug}`;
  return (
    <article className="product-card" aria-labelledby={headingId}>
      {product.imagePath ? (
        // Our own small SVGs at a fixed size: next/image would add nothing but a client bundle.
        <img
          className="product-card__image"
          src={product.imagePath}
          alt={product.name}
          width={PRODUCT_IMAGE_SIZE.width}
          height={PRODUCT_IMAGE_SIZE.height}
          loading="lazy"
        />
      ) : null}
      <div className="product-card__body">
        <h2 id={headingId} className="product-card__name">
          {product.name}
        </h2>
        <p className="product-card__description">{product.description}</p>
        <p className="product-card__price">{formatMoney(product.priceCentavos, product.currency, locale)}</p>
        <AddToCartForm productId={product.id} label={addLabel} />
      </div>
    </article>
  );
}
