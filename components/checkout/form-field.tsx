// One labelled field of the checkout form: label, optional hint, the input, and its error in a live region.
// The ids made here are what the inputs' aria-describedby and the error summary's links point at.
import type { ReactNode } from "react";
import type { FieldErrors } from "react-hook-form";
import type { CheckoutField, CheckoutFormValues } from "@/lib/checkout/checkout-form-schema";
import type { CheckoutStrings } from "./checkout-strings";

export const fieldId = (field: CheckoutField) => `checkout-${field}`;

/** What every field group needs from the form: error sentences and the inputs' aria wiring. */
export type FieldHelpers = {
  errorText: (field: CheckoutField) => string | undefined;
  a11y: (
    field: CheckoutField,
    hint?: boolean,
    extra?: string,
  ) => { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined };
};

export function fieldHelpers(errors: FieldErrors<CheckoutFormValues>, strings: CheckoutStrings): FieldHelpers {
  return {
    // The schema's messages are keys of `checkout.errors`; an unknown key still shows something.
    errorText: (field) => {
      const key = errors[field]?.message;
      return key ? (strings.errors[key] ?? strings.errors.invalid ?? key) : undefined;
    },
    a11y: (field, hint, extra) => {
      const invalidField = Boolean(errors[field]);
      const describedBy = [hint && `${fieldId(field)}-hint`, extra, invalidField && `${fieldId(field)}-error`]
        .filter(Boolean)
        .join(" ");
      return {
        id: fieldId(field),
        "aria-invalid": invalidField || undefined,
        "aria-describedby": describedBy || undefined,
      };
    },
  };
}

export function Field({
  field,
  label,
  optional,
  hint,
  error,
  children,
}: {
  field: CheckoutField;
  label: string;
  optional?: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  const id = fieldId(field);
  return (
    <div className="ck-field">
      <label htmlFor={id} className="ck-label">
        {label}
        {optional && <span className="ck-optional"> {optional}</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="ck-hint">
          {hint}
        </p>
      )}
      {children}
      {/* Always rendered, so the message is announced when it appears. */}
      <div aria-live="polite">
        {error && (
          <p id={`${id}-error`} className="ck-error">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
