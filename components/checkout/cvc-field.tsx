// The CVC field, for a new card and for a chosen saved card alike: numeric, never autocorrected, its value
// formatted by the caller (cut to the brand's length).
import type { Ref } from "react";
import type { CheckoutStrings } from "./checkout-strings";
import { Field, type FieldHelpers } from "./form-field";

export function CvcField({
  strings,
  helpers: { errorText, a11y },
  hint,
  value,
  format,
  onChange,
  onBlur,
  inputRef,
}: {
  strings: CheckoutStrings;
  helpers: FieldHelpers;
  hint: string;
  value: string;
  /** Typed text → the value to keep. */
  format: (typed: string) => string;
  onChange: (value: string) => void;
  onBlur: () => void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <Field field="cvc" label={strings.fields.cvc} hint={hint} error={errorText("cvc")}>
      <input
        type="text"
        inputMode="numeric"
        autoComplete="cc-csc"
        autoCorrect="off"
        spellCheck={false}
        className={`ck-input ck-short`}
        {...a11y("cvc", true)}
        value={value}
        ref={inputRef}
        onBlur={onBlur}
        onChange={(event) => onChange(format(event.target.value))}
      />
    </Field>
  );
}
