// The payment section: the latest payment message, then the card. The card inputs are controlled and have
// no `name` (see use-card-values.ts), and format as the shopper types: the number grouped with its brand
// shown beside it, the expiry with its slash, the CVC cut to the brand's length.
import type { Ref } from "react";
import type { Control, UseFormRegister } from "react-hook-form";
import { detectBrand } from "@/lib/checkout/card-rules";
import type { CheckoutForm, CheckoutFormValues } from "@/lib/checkout/checkout-form-schema";
import { formatCardNumberInput, formatCvcInput, formatExpiryInput } from "./card-input";
import type { CheckoutStrings, SavedCardOption } from "./checkout-strings";
import { CvcField } from "./cvc-field";
import { SaveCardCheckbox, SavedCardChoices, SavedCardCvc } from "./saved-card-picker";
import { Field, type FieldHelpers } from "./form-field";
import { type CardField, type CardValues, useCardFieldValues } from "./use-card-values";
import type { PaymentAlert } from "./use-payment-submission";

/** Signed in: the account's saved cards, the one chosen (null: a new card), and the form to register them with. */
export type SavedCardsState = {
  signedIn: boolean;
  cards: SavedCardOption[];
  chosen: SavedCardOption | null;
  register: UseFormRegister<CheckoutFormValues>;
  onChoose: () => void;
  choiceRef: Ref<HTMLDivElement>;
  cvcRef: Ref<HTMLInputElement>;
  defaultChoice: string;
};

export function CardFields({
  strings,
  helpers,
  alert,
  control,
  onChange,
  onBlur,
  cardNumberRef,
  saved,
}: {
  strings: CheckoutStrings;
  helpers: FieldHelpers;
  alert: PaymentAlert | null;
  /** The form's control: the card values are watched here, so typing re-renders this section only. */
  control: Control<CheckoutFormValues, unknown, CheckoutForm>;
  onChange: (field: CardField, value: string) => void;
  onBlur: (field: CardField) => void;
  cardNumberRef: Ref<HTMLInputElement>;
  saved: SavedCardsState;
}) {
  const values = useCardFieldValues(control);
  return (
    <fieldset className="ck-section">
      <legend className="ck-legend">
        <h2 className="ck-section-heading">{strings.sections.payment}</h2>
      </legend>
      {/* Keyed by a counter so the same message shown again is a new alert, announced again. */}
      {alert && (
        <div key={alert.n} role="alert" className="ck-alert">
          {alert.text}
        </div>
      )}
      {saved.cards.length > 0 && (
        <SavedCardChoices
          strings={strings}
          cards={saved.cards}
          register={saved.register}
          onChoose={saved.onChoose}
          choiceRef={saved.choiceRef}
          defaultChoice={saved.defaultChoice}
        />
      )}
      {saved.chosen ? (
        <SavedCardCvc
          strings={strings}
          card={saved.chosen}
          helpers={helpers}
          value={values.cvc}
          onChange={(value) => onChange("cvc", value)}
          onBlur={() => onBlur("cvc")}
          cvcRef={saved.cvcRef}
        />
      ) : (
        <>
          <NewCardFields
            strings={strings}
            helpers={helpers}
            values={values}
            onChange={onChange}
            onBlur={onBlur}
            cardNumberRef={cardNumberRef}
          />
          {saved.signedIn && <SaveCardCheckbox strings={strings} register={saved.register} />}
        </>
      )}
    </fieldset>
  );
}

function NewCardFields({
  strings,
  helpers,
  values: { cardNumber, expiry, cvc },
  onChange,
  onBlur,
  cardNumberRef,
}: {
  strings: CheckoutStrings;
  helpers: FieldHelpers;
  values: CardValues;
  onChange: (field: CardField, value: string) => void;
  onBlur: (field: CardField) => void;
  cardNumberRef: Ref<HTMLInputElement>;
}) {
  const { errorText, a11y } = helpers;
  const brand = detectBrand(cardNumber);
  const cvcHint = brand === "amex" ? strings.hints.cvcAmex : strings.hints.cvc;

  return (
    <>
      <Field field="cardNumber" label={strings.fields.cardNumber} hint={strings.hints.cards} error={errorText("cardNumber")}>
        <div className="ck-card-number-wrap">
          <input
            type="text"
            inputMode="numeric"
            autoComplete="cc-number"
            autoCorrect="off"
            spellCheck={false}
            placeholder="1234 1234 1234 1234"
            className={`ck-input ck-card-number-input`}
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
          <span className="ck-brand-slot" aria-live="polite">
            {brand && (
              <span id="checkout-card-brand" className={`ck-brand ck-brand-${brand}`}>
                {strings.brands[brand]}
              </span>
            )}
          </span>
        </div>
      </Field>
      <div className="ck-row">
        <Field field="expiry" label={strings.fields.expiry} error={errorText("expiry")}>
          <input
            type="text"
            inputMode="numeric"
            autoComplete="cc-exp"
            autoCorrect="off"
            spellCheck={false}
            placeholder={strings.fields.expiryPlaceholder}
            className={`ck-input ck-short`}
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
        <CvcField
          strings={strings}
          helpers={helpers}
          hint={cvcHint}
          value={cvc}
          format={(typed) => formatCvcInput(typed, cardNumber)}
          onChange={(value) => onChange("cvc", value)}
          onBlur={() => onBlur("cvc")}
        />
      </div>
    </>
  );
}
