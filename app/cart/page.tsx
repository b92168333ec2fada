import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { CartLineItem } from "@/components/cart/cart-line-item";
import { CartSummary } from "@/components/cart/cart-summary";
import { readCartId } from "@/lib/cart/cart-cookie";
import { loadCart } from "@/lib/cart/cart-queries";
import { getDb } from "@/lib/db/client";
import { formatMoney } from "@/lib/money/format-money";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cart");
  return { title: t("title") };
}

export default async function CartPage() {
  const [t, locale, cartId] = await Promise.all([getTranslations("cart"), getLocale(), readCartId()]);
  const cart = cartId ? await loadCart(getDb(), cartId) : null;

  if (!cart || cart.lines.length === 0) {
    return (
      <main className="page">
        <h1>{t("title")}</h1>
        <div className="card empty-cart">
          <p className="empty-cart__title">{t("empty")}</p>
          <p className="muted">{t("emptyHint")}</p>
          <Link href="/" className="button button--primary">
            {t("continueShopping")}
          </Link>
        </div>
      </main>
    );
  }

  const availableUnits = cart.lines.filter((l) => l.available).reduce((sum, l) => sum + l.quantity, 0);
  return (
    <main className="page">
      <h1>{t("title")}</h1>
      <div className="cart-layout">
        <section className="card" aria-labelledby="cart-items-heading">
          <h2 id="cart-items-heading" className="visually-hidden">
            {t("itemsHeading")}
          </h2>
          <ul className="cart-lines">
            {cart.lines.map((line) => (
              <CartLineItem
                key={line.productId}
                line={line}
                locale={locale}
                labels={{
                  unitPrice: t("unitPrice", { price: formatMoney(line.unitPriceCentavos, line.currency, locale) }),
                  quantity: t("quantity"),
                  quantityOf: t("quantityOf", { name: line.name }),
                  decrease: t("decrease", { name: line.name }),
                  increase: t("increase", { name: line.name }),
                  remove: t("remove"),
                  unavailable: t("unavailable"),
                }}
              />
            ))}
          </ul>
          <Link href="/" className="continue-link">
            <span aria-hidden="true">← </span>
            {t("continueShopping")}
          </Link>
        </section>
        <CartSummary
          cart={cart}
          locale={locale}
          labels={{
            heading: t("summaryHeading"),
            items: t("items", { count: availableUnits }),
            subtotal: t("subtotal"),
            total: t("total"),
            checkout: t("checkout"),
            unavailableBlocksCheckout: t("unavailableBlocksCheckout"),
          }}
        />
      </div>
    </main>
  );
}
