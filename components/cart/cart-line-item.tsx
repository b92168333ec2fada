// One cart line. Every control is a plain form posting to a Server Action: no client JavaScript needed.
import { changeQuantityAction, removeFromCartAction } from "@/app/cart/actions";
import type { CartLine } from "@/lib/cart/cart-queries";
import { MAX_LINE_QUANTITY } from "@/lib/cart/cart-queries";
import { formatMoney } from "@/lib/money/format-money";

export type CartLineLabels = {
  unitPrice: string;
  quantity: string;
  quantityOf: string;
  decrease: string;
  increase: string;
  remove: string;
  unavailable: string;
};

function QuantityButton({ line, to, label, text }: { line: CartLine; to: number; label: string; text: string }) {
  const allowed = to >= 1 && to <= MAX_LINE_QUANTITY;
  return (
    <form action={changeQuantityAction}>
      <input type="hidden" name="productId" value={line.productId} />
      <input type="hidden" name="quantity" value={to} />
      {/* At a limit the button stays focusable (aria-disabled) but no longer submits. */}
      <button
        type={allowed ? "submit" : "button"}
        className="quantity__button"
        aria-label={label}
        aria-disabled={allowed ? undefined : true}
      >
        <span aria-hidden="true">{text}</span>
      </button>
    </form>
  );
}

export function CartLineItem({ line, locale, labels }: { line: CartLine; locale: string; labels: CartLineLabels }) {
  return (
    <li className={`cart-line${line.available ? "" : " cart-line--unavailable"}`}>
      {line.imagePath ? (
        <img className="cart-line__image" src={line.imagePath} alt="" width={96} height={72} />
      ) : (
        <span className="cart-line__image" />
      )}
      <div className="cart-line__details">
        <h3 className="cart-line__name">{line.name}</h3>
        {line.available ? (
          <p className="cart-line__unit-price">{labels.unitPrice}</p>
        ) : (
          <p className="badge badge--warning">{labels.unavailable}</p>
        )}
        <div className="cart-line__controls">
          {line.available ? (
            <div className="quantity" role="group" aria-label={labels.quantityOf}>
              <QuantityButton line={line} to={line.quantity - 1} label={labels.decrease} text="−" />
              <span className="quantity__value" aria-live="polite">
                {line.quantity}
              </span>
              <QuantityButton line={line} to={line.quantity + 1} label={labels.increase} text="+" />
            </div>
          ) : (
            <p className="cart-line__quantity-text">
              {labels.quantity}: {line.quantity}
            </p>
          )}
          <form action={removeFromCartAction}>
            <input type="hidden" name="productId" value={line.productId} />
            <button type="submit" className="button button--link">
              {labels.remove}
              <span className="visually-hidden"> {line.name}</span>
            </button>
          </form>
        </div>
      </div>
      <p className="cart-line__total">
        {line.available ? formatMoney(line.lineTotalCentavos, line.currency, locale) : null}
      </p>
    </li>
  );
}
