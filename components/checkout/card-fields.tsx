// The payment section: the latest payment message, then the card. The card inputs are controlled and have
// no `name` (see use-card-values.ts), and format as the shopper types: the number grouped with its brand
// shown beside it, the expiry with its slash, the CVC cut to the brand's length.
import type { Ref } from "react";
import { detectBrand } from "@/lib/checkout/card-rules";
import { formatCardNumberInput, formatCvcInput, formatExpiryInput } from "./card-input";
import type { CheckoutStrings } from "./checkout-strings";
import { Field, type FieldHelpers } from "./form-field";
import type { CardField, CardValues } from "./use-card-values";
import type { PaymentAlert } from "./use-payment-submission";
import styles from "./checkout.module.css";

export function CardFields({
  strings,
  helpers: { errorText, a11y, locked },
  alert,
  values: { cardNumber, expiry, cvc },
  onChange,
  onBlur,
  cardNumberRef,
}: {
  strings: CheckoutStrings;
  helpers: FieldHelpers;
  alert: PaymentAlert | null;
  values: CardValues;
  onChange: (field: CardField, value: string) => void;
  onBlur: (field: CardField) => void;
  cardNumberRef: Ref<HTMLInputElement>;
}) {
  const brand = detectBrand(cardNumber);
  const cvcHint = brand === "amex" ? strings.hints.cvcAmex : strings.hints.cvc;

  return (
    <fieldset className={styles.section}>
      <legend className={styles.legend}>
        <h2 className={styles.sectionHeading}>{strings.sections.payment}</h2>
      </legend>
      {/* Keyed by a counter so the same message shown again is a new alert, announced again. */}
      {alert && (
        <div key={alert.n} role="alert" className={styles.alert}>
          {alert.text}
        </div>
      )}
      <Field field="cardNumber" label={strings.fields.cardNumber} hint={strings.hints.cards} error={errorText("cardNumber")}>
        <div className={styles.cardNumberWrap}>
          <input
            readOnly={locked}
            type="text"
            inputMode="numeric"
            autoComplete="cc-number"
            autoCorrect="off"
            spellCheck={false}
            placeholder="1234 1234 1234 1234"
            className={`${styles.input} ${styles.cardNumberInput}`}
            {...a11y("cardNumber", true, brand ? "checkout-card-brand" : undefined)}
            value={cardNumber}
            ref={cardNumberRef}
            onBlur={() => onBlur("cardNumber")}
            onChange={(event) => {
              const input = event.target;
              const { value, caret } = formatCardNumberInput(input.value, input.selectionStart ?? input.value.length);
              // Written before React re-renders so the caret stays after the digit just typed.
              input.value = value;
              if (document.activeElement === input) input.setSelectionRange(caret, caret);
              onChange("cardNumber", value);
            }}
          />
          <span className={styles.brandSlot} aria-live="polite">
            {brand && (
              <span id="checkout-card-brand" className={`${styles.brand} ${styles[`brand_${brand}`] ?? ""}`}>
                {strings.brands[brand]}
              </span>
            )}
          </span>
        </div>
      </Field>
      <div className={styles.row}>
        <Field field="expiry" label={strings.fields.expiry} error={errorText("expiry")}>
          <input
            readOnly={locked}
            type="text"
            inputMode="numeric"
            autoComplete="cc-exp"
            autoCorrect="off"
            spellCheck={false}
            placeholder={strings.fields.expiryPlaceholder}
            className={`${styles.input} ${styles.short}`}
            {...a11y("expiry")}
            value={expiry}
            onBlur={() => onBlur("expiry")}
            onChange={(event) => {
              // Deleting backwards over the slash must not put it straight back.
              const native = event.nativeEvent as InputEvent;
              const deleting = typeof native.inputType === "string" && native.inputType.startsWith("delete");
              onChange("expiry", formatExpiryInput(event.target.value, deleting));
            }}
          />
        </Field>
        <Field field="cvc" label={strings.fields.cvc} hint={cvcHint} error={errorText("cvc")}>
          <input
            readOnly={locked}
            type="text"
            inputMode="numeric"
            autoComplete="cc-csc"
            autoCorrect="off"
            spellCheck={false}
            className={`${styles.input} ${styles.short}`}
            {...a11y("cvc", true)}
            value={cvc}
            onBlur={() => onBlur("cvc")}
            onChange={(event) => onChange("cvc", formatCvcInput(event.target.value, cardNumber))}
          />
        </Field>
      </div>
    </fieldset>
  );
}
