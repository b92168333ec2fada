// The card fields' values. They are controlled inputs without `name` (so not `register`ed): their values
// live in the form state only, never in the DOM's form data. They follow the form's mode by hand: checked
// on blur, then on every change. Their values are read where they are shown (useCardFieldValues in the card
// section): typing a card number re-renders that section, not the whole form.
import { useRef } from "react";
import { type Control, type UseFormReturn, useWatch } from "react-hook-form";
import type { CheckoutForm, CheckoutFormValues } from "@/lib/checkout/checkout-form-schema";

export const CARD_FIELDS = ["cardNumber", "expiry", "cvc"] as const;
export type CardField = (typeof CARD_FIELDS)[number];
export type CardValues = Record<CardField, string>;

type CardForm = Pick<UseFormReturn<CheckoutFormValues, unknown, CheckoutForm>, "setValue" | "trigger" | "clearErrors">;

/** The card fields' current values, for the component that shows them. */
export function useCardFieldValues(control: Control<CheckoutFormValues, unknown, CheckoutForm>): CardValues {
  const [cardNumber, expiry, cvc] = useWatch({ control, name: CARD_FIELDS });
  return { cardNumber, expiry, cvc };
}

export function useCardValues({ setValue, trigger, clearErrors }: CardForm) {
  const touched = useRef(new Set<CardField>());

  return {
    change: (field: CardField, value: string) => {
      setValue(field, value, { shouldDirty: true, shouldValidate: touched.current.has(field) });
      // The CVC's length depends on the brand: a new number checks a CVC already checked again.
      if (field === "cardNumber" && touched.current.has("cvc")) void trigger("cvc");
    },
    blur: (field: CardField) => {
      touched.current.add(field);
      void trigger(field);
    },
    /** After a submit: from now on every change is checked, as for the registered fields. */
    touchAll: () => {
      for (const field of CARD_FIELDS) touched.current.add(field);
    },
    /** After a decline or a cancelled 3-D Secure: the card is typed again from scratch. */
    clear: () => {
      for (const field of CARD_FIELDS) setValue(field, "");
      clearErrors([...CARD_FIELDS]);
      touched.current.clear();
    },
  };
}

export type CardValuesState = ReturnType<typeof useCardValues>;
