// What the shopper should know before paying: the amount and currency, 3-D Secure, what happens next, and
// whom to ask, and where refunds go (with a link to the refund policy). Server-rendered and passed into the form,
// above the Pay button.
import { POLICY_PATHS } from "@/lib/policies/policy-links";
import styles from "./checkout-page.module.css";

export type PaymentInstructionsLabels = {
  heading: string;
  /** "You will be charged $1,249.00 MXN." */
  charge: string;
  currency: string;
  verify: string;
  after: string;
  support: string;
  supportEmail: string;
  supportPhone: string;
  supportFallback: string;
  /** "If you ever need a refund, it goes back to the card you pay with." */
  refunds: string;
  /** The link to the refund policy. */
  refundPolicy: string;
};

export function PaymentInstructions({
  labels,
  support,
}: {
  labels: PaymentInstructionsLabels;
  support: { email?: string; phone?: string } | null;
}) {
  const email = support?.email?.trim();
  const phone = support?.phone?.trim();
  return (
    <section className={styles.instructions} aria-labelledby="payment-instructions-heading">
      <h2 id="payment-instructions-heading">{labels.heading}</h2>
      <ul>
        <li>
          <span className={styles.charge}>{labels.charge}</span> {labels.currency}
        </li>
        <li>{labels.verify}</li>
        <li>{labels.after}</li>
        <li>
          {labels.refunds} <a href={POLICY_PATHS.refunds}>{labels.refundPolicy}</a>
        </li>
        <li>
          {email || phone ? (
            <>
              {labels.support}{" "}
              {email && <a href={`mailto:${email}`}>{labels.supportEmail}</a>}
              {email && phone && " · "}
              {phone && <a href={`tel:${phone.replace(/[^\d+]/g, "")}`}>{labels.supportPhone}</a>}
            </>
          ) : (
            labels.supportFallback
          )}
        </li>
      </ul>
    </section>
  );
}
