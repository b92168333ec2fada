// The submit button and its status line. While a payment is in flight the button is disabled and says so,
// and the visually hidden status repeats it for screen readers.
import type { Ref } from "react";
import type { CheckoutStrings } from "./checkout-strings";
import styles from "./checkout.module.css";

export function PayButton({
  ref,
  strings,
  busy,
  locked,
}: {
  ref: Ref<HTMLButtonElement>;
  strings: CheckoutStrings;
  busy: boolean;
  /** Not hydrated yet: disabled, so the form is never posted natively. */
  locked: boolean;
}) {
  return (
    <>
      <button ref={ref} type="submit" className={styles.pay} disabled={busy || locked} aria-busy={busy || undefined}>
        {busy && <span className={styles.spinner} aria-hidden="true" />}
        {busy ? strings.processing : strings.pay}
      </button>
      <p role="status" className={styles.visuallyHidden}>
        {busy ? strings.processing : ""}
      </p>
    </>
  );
}
