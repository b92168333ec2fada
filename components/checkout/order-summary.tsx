// The order beside the form (above it on narrow screens): each line, the subtotal and the total. Server-rendered.
import { formatMoney, formatMoneyWithCode } from "@/lib/money/format-money";
import styles from "./checkout-page.module.css";

export type OrderSummaryLine = {
  productId: string;
  name: string;
  imagePath: string | null;
  quantity: number;
  lineTotalCentavos: number;
  currency: string;
  available: boolean;
};

export type OrderSummaryLabels = {
  heading: string;
  /** "{name} × {quantity}" for each line. */
  line: (name: string, quantity: number) => string;
  unavailable: string;
  unavailableNotice: string;
  subtotal: string;
  total: string;
  editCart: string;
};

export function OrderSummary({
  lines,
  subtotalCentavos,
  currency,
  locale,
  labels,
}: {
  lines: OrderSummaryLine[];
  subtotalCentavos: number;
  currency: string;
  locale: string;
  labels: OrderSummaryLabels;
}) {
  const someUnavailable = lines.some((line) => !line.available);
  return (
    <section className={styles.summary} aria-labelledby="order-summary-heading">
      <h2 id="order-summary-heading" className={styles.summaryHeading}>
        {labels.heading}
      </h2>
      {someUnavailable && <p className={styles.notice}>{labels.unavailableNotice}</p>}
      <ul className={styles.lines}>
        {lines.map((line) => (
          <li key={line.productId} className={styles.line}>
            {line.imagePath ? (
              <img className={styles.lineImage} src={line.imagePath} alt="" width={56} height={56} loading="lazy" decoding="async" />
            ) : (
              <span className={styles.lineImage} />
            )}
            <div>
              <p className={styles.lineName}>{labels.line(line.name, line.quantity)}</p>
              {!line.available && <p className={styles.lineNote}>{labels.unavailable}</p>}
            </div>
            <span className={styles.linePrice}>{formatMoney(line.lineTotalCentavos, line.currency, locale)}</span>
          </li>
        ))}
      </ul>
      <dl className={styles.totals}>
        <dt>{labels.subtotal}</dt>
        <dd>{formatMoney(subtotalCentavos, currency, locale)}</dd>
        <dt className={styles.total}>{labels.total}</dt>
        <dd className={styles.total}>{formatMoneyWithCode(subtotalCentavos, currency, locale)}</dd>
      </dl>
      <p className={styles.editCart}>
        <a href="/cart">{labels.editCart}</a>
      </p>
    </section>
  );
}
