// The contact section: email, name and an optional phone, registered with react-hook-form (native inputs,
// validated by the form's mode).
import type { UseFormRegister } from "react-hook-form";
import type { CheckoutFormValues } from "@/lib/checkout/checkout-form-schema";
import type { CheckoutStrings } from "./checkout-strings";
import { Field, type FieldHelpers } from "./form-field";

export function ContactFields({
  strings,
  helpers: { errorText, a11y },
  register,
  defaults,
  emailLocked,
}: {
  strings: CheckoutStrings;
  helpers: FieldHelpers;
  register: UseFormRegister<CheckoutFormValues>;
  defaults: CheckoutFormValues;
  /** Signed in: the account's email, shown but not editable. */
  emailLocked: boolean;
}) {
  return (
    <fieldset className="ck-section">
      <legend className="ck-legend">
        <h2 className="ck-section-heading">{strings.sections.contact}</h2>
      </legend>
      <Field field="email" label={strings.fields.email} error={errorText("email")}>
        <input
          readOnly={emailLocked}
          type="email"
          autoComplete="email"
          spellCheck={false}
          className="ck-input"
          {...a11y("email")}
          defaultValue={defaults.email}
          {...register("email")}
        />
      </Field>
      <div className="ck-row">
        <Field field="firstName" label={strings.fields.firstName} error={errorText("firstName")}>
          <input
            type="text"
            autoComplete="given-name"
            className="ck-input"
            {...a11y("firstName")}
            defaultValue={defaults.firstName}
            {...register("firstName")}
          />
        </Field>
        <Field field="lastName" label={strings.fields.lastName} error={errorText("lastName")}>
          <input
            type="text"
            autoComplete="family-name"
            className="ck-input"
            {...a11y("lastName")}
            defaultValue={defaults.lastName}
            {...register("lastName")}
          />
        </Field>
      </div>
      <Field field="phone" label={strings.fields.phone} optional={strings.fields.optional} error={errorText("phone")}>
        <input
          type="tel"
          autoComplete="tel"
          className="ck-input"
          {...a11y("phone")}
          defaultValue={defaults.phone}
          {...register("phone")}
        />
      </Field>
    </fieldset>
  );
}
