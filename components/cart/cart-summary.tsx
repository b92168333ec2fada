import Link from "next/link";
import { type Cart, canCheckOut } from "@/lib/cart/cart-queries";
import { formatMoney, formatMoneyWithCode } from "@/lib/money/format-money";

export type CartSummaryLabels = {
  heading: string;
  items: string;
  subtotal: string;
  total: string;
  checkout: string;
  unavailableBlocksCheckout: string;
};

export function CartSummary({ cart, locale, labels }: { cart: Cart; locale: string; labels: CartSummaryLabels }) {
  return (
    <section className="card cart-summary" aria-labelledby="cart-summary-heading">
      <h2 id="cart-summary-heading">{labels.heading}</h2>
      <dl className="cart-summary__rows">
        <div>
          <dt>
            {labels.subtotal} <span className="muted">({labels.items})</span>
          </dt>
          <dd>{formatMoney(cart.subtotalCentavos, cart.currency, locale)}</dd>
        </div>
        <div className="cart-summary__total">
          <dt>{labels.total}</dt>
          <dd data-testid="cart-total">{formatMoneyWithCode(cart.subtotalCentavos, cart.currency, locale)}</dd>
        </div>
      </dl>
      {canCheckOut(cart) ? (
        <Link href="/checkout" className="button button--primary button--block">
          {labels.checkout}
        </Link>
      ) : (
        <p className="notice notice--warning">{labels.unavailableBlocksCheckout}</p>
      )}
    </section>
  );
}
