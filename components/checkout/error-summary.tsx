// The list of what to fix, shown above the form after a submit that did not validate. It takes focus (see
// use-payment-submission.ts) so a screen reader hears it first; each link moves focus to its field.
import type { Ref } from "react";
import { CHECKOUT_FIELDS } from "@/lib/checkout/checkout-fields";
import type { CheckoutStrings } from "./checkout-strings";
import { fieldId, type FieldHelpers } from "./form-field";

export function ErrorSummary({
  ref,
  open,
  strings,
  errorText,
}: {
  ref: Ref<HTMLDivElement>;
  /** Opened by a submit; closed by the next one. Errors fixed meanwhile drop out of the list. */
  open: boolean;
  strings: CheckoutStrings;
  errorText: FieldHelpers["errorText"];
}) {
  // In page order, so the list reads like the form.
  const errors = CHECKOUT_FIELDS.flatMap((field) => {
    const text = errorText(field);
    return text ? [{ field, text }] : [];
  });
  if (!open || errors.length === 0) return null;

  return (
    <div ref={ref} tabIndex={-1} role="group" aria-labelledby="checkout-error-summary-heading" className="ck-error-summary">
      <h2 id="checkout-error-summary-heading" className="ck-error-summary-heading">
        {strings.errorSummaryHeading}
      </h2>
      <ul className="ck-error-summary-list">
        {errors.map(({ field, text }) => (
          <li key={field}>
            <a
              href={`#${fieldId(field)}`}
              onClick={(event) => {
                // Focus the field itself and leave the URL alone, rather than follow the hash.
                event.preventDefault();
                const element = document.getElementById(fieldId(field));
                element?.scrollIntoView({ block: "center" });
                element?.focus();
              }}
            >
              {strings.fields[field]}: {text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
