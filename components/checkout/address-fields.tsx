// The billing address section. Mexico (the default country) gets a state <select> and a five-digit postal
// code hint; other countries get free text, as the shared schema expects.
import type { UseFormRegister } from "react-hook-form";
import type { CheckoutFormValues } from "@/lib/checkout/checkout-form-schema";
import type { CheckoutStrings, CountryOption } from "./checkout-strings";
import { Field, type FieldHelpers } from "./form-field";

export function AddressFields({
  strings,
  countries,
  states,
  helpers: { errorText, a11y },
  register,
  defaults,
  isMexico,
  onCountryChange,
}: {
  strings: CheckoutStrings;
  countries: CountryOption[];
  /** Mexico's states (code and name), for the "State" list. */
  states: CountryOption[];
  helpers: FieldHelpers;
  register: UseFormRegister<CheckoutFormValues>;
  defaults: CheckoutFormValues;
  isMexico: boolean;
  onCountryChange: () => void;
}) {
  return (
    <fieldset className="ck-section">
      <legend className="ck-legend">
        <h2 className="ck-section-heading">{strings.sections.billing}</h2>
      </legend>
      <Field field="country" label={strings.fields.country} error={errorText("country")}>
        <select
          autoComplete="country"
          className="ck-select"
          {...a11y("country")}
          defaultValue={defaults.country}
          {...register("country", { onChange: onCountryChange })}
        >
          {countries.map(({ code, name }) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </Field>
      <Field field="address" label={strings.fields.address} error={errorText("address")}>
        <input
          type="text"
          autoComplete="street-address"
          className="ck-input"
          {...a11y("address")}
          defaultValue={defaults.address}
          {...register("address")}
        />
      </Field>
      <div className="ck-row">
        <Field field="city" label={strings.fields.city} error={errorText("city")}>
          <input
            type="text"
            autoComplete="address-level2"
            className="ck-input"
            {...a11y("city")}
            defaultValue={defaults.city}
            {...register("city")}
          />
        </Field>
        <Field field="state" label={strings.fields.state} error={errorText("state")}>
          {/* Keyed apart: switching country swaps in a fresh element rather than reusing the other kind. */}
          {isMexico ? (
            <select
              key="state-mx"
              autoComplete="address-level1"
              className="ck-select"
              {...a11y("state")}
              defaultValue={defaults.state}
              {...register("state")}
            >
              <option value="">{strings.fields.statePlaceholder}</option>
              {states.map(({ code, name }) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          ) : (
            <input
              key="state-text"
              type="text"
              autoComplete="address-level1"
              className="ck-input"
              {...a11y("state")}
              defaultValue={defaults.state}
              {...register("state")}
            />
          )}
        </Field>
      </div>
      <Field
        field="postalCode"
        label={strings.fields.postalCode}
        hint={isMexico ? strings.hints.postalCodeMx : undefined}
        error={errorText("postalCode")}
      >
        <input
          type="text"
          autoComplete="postal-code"
          inputMode={isMexico ? "numeric" : "text"}
          maxLength={10}
          className={`ck-input ck-short`}
          {...a11y("postalCode", isMexico)}
          defaultValue={defaults.postalCode}
          {...register("postalCode")}
        />
      </Field>
    </fieldset>
  );
}
