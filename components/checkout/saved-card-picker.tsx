// A signed-in shopper's saved cards as choices ("Visa ending in 1111", with expiry), the default one chosen
// first, plus "Use a new card". An expired card is shown as expired and cannot be chosen. A chosen saved card
// asks only for its CVC.
import type { Ref } from "react";
import type { UseFormRegister } from "react-hook-form";
import { cvcLength, digitsOnly } from "@/lib/checkout/card-rules";
import type { CheckoutFormValues } from "@/lib/checkout/checkout-form-schema";
import type { CheckoutStrings, SavedCardOption } from "./checkout-strings";
import { CvcField } from "./cvc-field";
import type { FieldHelpers } from "./form-field";

export function SavedCardChoices({
  strings,
  cards,
  register,
  onChoose,
  choiceRef,
  defaultChoice,
}: {
  strings: CheckoutStrings;
  cards: SavedCardOption[];
  /** Checked in the server's HTML too, before the form hydrates. */
  defaultChoice: string;
  register: UseFormRegister<CheckoutFormValues>;
  onChoose: () => void;
  choiceRef: Ref<HTMLDivElement>;
}) {
  const radio = register("paymentMethodId", { onChange: onChoose });
  return (
    <div role="radiogroup" aria-labelledby="checkout-saved-cards-legend" className="ck-saved-cards" ref={choiceRef} tabIndex={-1}>
      <p id="checkout-saved-cards-legend" className="ck-label">
        {strings.savedCards.legend}
      </p>
      {cards.map((card) => (
        <label key={card.paymentMethodId} className={`ck-choice ${card.expired ? "ck-choice-disabled" : ""}`}>
          <input
            type="radio"
            value={card.paymentMethodId}
            defaultChecked={card.paymentMethodId === defaultChoice}
            // Only expired cards are disabled: react-hook-form drops the value of a disabled radio, so the
            // group is not disabled while the page hydrates (a native click then is still read on submit).
            disabled={card.expired}
            {...radio}
          />
          <span className="ck-choice-label">{card.label}</span>
          <span className={card.expired ? "ck-expired-note" : "ck-optional"}>{card.expiry}</span>
        </label>
      ))}
      <label className="ck-choice">
        <input type="radio" value="" defaultChecked={defaultChoice === ""} {...radio} />
        <span className="ck-choice-label">{strings.savedCards.useNewCard}</span>
      </label>
    </div>
  );
}

/** The chosen saved card's CVC: cut to the brand's length as the shopper types. */
export function SavedCardCvc({
  strings,
  card,
  helpers,
  value,
  onChange,
  onBlur,
  cvcRef,
}: {
  strings: CheckoutStrings;
  card: SavedCardOption;
  helpers: FieldHelpers;
  value: string;
  onChange: (value: string) => void;
  onBlur: () => void;
  cvcRef: Ref<HTMLInputElement>;
}) {
  const length = cvcLength(card.brand === "amex" ? "amex" : null);
  return (
    <CvcField
      strings={strings}
      helpers={helpers}
      hint={card.cvcHint}
      value={value}
      format={(typed) => digitsOnly(typed).slice(0, length)}
      onChange={onChange}
      onBlur={onBlur}
      inputRef={cvcRef}
    />
  );
}

/** "Save this card for future purchases" under a new card (signed in only). */
export function SaveCardCheckbox({ strings, register }: { strings: CheckoutStrings; register: UseFormRegister<CheckoutFormValues> }) {
  return (
    <label className="ck-checkbox">
      <input type="checkbox" {...register("saveCard")} />
      <span>{strings.savedCards.saveCard}</span>
    </label>
  );
}
