"use client";
// The checkout form: contact, billing address and card, validated with the shared schema as the shopper
// types (on blur, then on every change), paid through the Server Actions. The only client component of the
// checkout; 3-D Secure is loaded on demand. Card data lives in React state only: the card inputs have no
// `name`, the form never submits natively, and nothing from the server pre-fills them.
// This file composes the sections; paying is in use-payment-submission.ts, the card values in use-card-values.ts
// (watched in the card section, not here: a keystroke in a card field re-renders that section only).
import { type ReactNode, Suspense } from "react";
import { useForm } from "react-hook-form";
import type { CheckoutForm as CheckoutFormOutput, CheckoutFormValues } from "@/lib/checkout/checkout-form-schema";
import type { ResumableAuthentication } from "@/lib/checkout/payment-step";
import { AddressFields } from "./address-fields";
import { CardFields } from "./card-fields";
import type { CheckoutStrings, CountryOption, SavedCardOption } from "./checkout-strings";
import { ContactFields } from "./contact-fields";
import { ErrorSummary } from "./error-summary";
import { fieldHelpers } from "./form-field";
import { LazyThreeDSecure } from "./lazy-three-d-secure";
import { PayButton } from "./pay-button";
import { loadCheckoutSchema } from "./load-checkout-schema";
import { lazySchemaResolver } from "./schema-resolver";
import { useCardValues } from "./use-card-values";
import { usePaymentSubmission } from "./use-payment-submission";

export type CheckoutFormProps = {
  strings: CheckoutStrings;
  countries: CountryOption[];
  /** Mexico's states, named on the server (their names are not in the client's bundle). */
  states: CountryOption[];
  /** Made by the server with the page; every submit sends it until the server hands out the next one. */
  submissionKey: string;
  /** The form's starting values, made on the server (checkout-form-defaults.ts): never card data. */
  defaults: CheckoutFormValues;
  /** A 3-D Secure step started before a reload: opened again at once. */
  resume: ResumableAuthentication | null;
  /** A known message to show in the payment section when the page opens (e.g. after a failed 3-D Secure). */
  initialAlert: string | null;
  /** The payment instructions, rendered by the server, shown above the Pay button. */
  children?: ReactNode;
  /** Signed in: the account's saved cards (may be empty); the email is the account's and cannot be changed here. */
  account: { savedCards: SavedCardOption[] } | null;
};

const resolver = lazySchemaResolver(loadCheckoutSchema);
/** The schema's chunk starts loading as the shopper reaches the form (the first check is on the first blur). */
const preloadSchema = () => void loadCheckoutSchema().catch(() => {});

export function CheckoutForm({ strings, countries, states, submissionKey, defaults, resume, initialAlert, children, account }: CheckoutFormProps) {
  const savedCards = account?.savedCards ?? [];
  const {
    register,
    handleSubmit,
    setValue,
    setError,
    clearErrors,
    trigger,
    getFieldState,
    getValues,
    watch,
    control,
    formState: { errors },
  } = useForm<CheckoutFormValues, unknown, CheckoutFormOutput>({
    resolver,
    mode: "onTouched",
    shouldFocusError: false,
    defaultValues: defaults,
  });
  const card = useCardValues({ setValue, trigger, clearErrors });
  const isMexico = watch("country") === "MX";
  const chosenId = watch("paymentMethodId");
  const chosen = savedCards.find((card) => card.paymentMethodId === chosenId && !card.expired) ?? null;
  const payment = usePaymentSubmission({
    form: { handleSubmit, setValue, setError, getValues },
    card,
    strings,
    submissionKey,
    resume,
    initialAlert,
    emailLocked: account !== null,
  });

  const onCountryChange = () => {
    // A state code means nothing in another country's text field (and free text is no Mexican state).
    setValue("state", "");
    if (getFieldState("state").isTouched) void trigger("state");
    if (getFieldState("postalCode").isTouched) void trigger("postalCode");
  };

  // Until React has hydrated the form, typing would be lost (registering a field sets its starting value): the
  // form is inert until then. One attribute on the form, not readOnly/disabled on each field: toggling those
  // re-styles every field and every <option> one by one, a long task as the form unlocks (issue 9's TBT).
  const locked = !payment.hydrated;
  const helpers = fieldHelpers(errors, strings);
  const { threeDs } = payment;

  return (
    <>
      <form
        method="post"
        noValidate
        inert={locked}
        onSubmit={payment.onSubmit}
        onFocus={preloadSchema}
        onPointerDown={preloadSchema}
        className="ck-form"
      >
        <ErrorSummary ref={payment.summaryRef} open={payment.summaryOpen} strings={strings} errorText={helpers.errorText} />
        <ContactFields strings={strings} helpers={helpers} register={register} defaults={defaults} emailLocked={account !== null} />
        <AddressFields
          strings={strings}
          countries={countries}
          states={states}
          helpers={helpers}
          register={register}
          defaults={defaults}
          isMexico={isMexico}
          onCountryChange={onCountryChange}
        />
        <CardFields
          strings={strings}
          helpers={helpers}
          alert={payment.alert}
          control={control}
          onChange={card.change}
          onBlur={card.blur}
          cardNumberRef={payment.cardNumberRef}
          saved={{
            signedIn: account !== null,
            cards: savedCards,
            chosen,
            register,
            // Another card: what was typed for the previous one goes.
            onChoose: card.clear,
            choiceRef: payment.choiceRef,
            cvcRef: payment.savedCvcRef,
            defaultChoice: defaults.paymentMethodId ?? "",
          }}
        />
        {children}
        <PayButton ref={payment.payRef} strings={strings} busy={payment.busy} locked={locked} />
      </form>

      {payment.hydrated && threeDs && (
        <Suspense fallback={null}>
          <LazyThreeDSecure
            key={`${threeDs.kind}:${threeDs.attemptId}:${threeDs.jwt}`}
            step={threeDs}
            strings={strings.threeDSecure}
            cancelling={payment.cancelling}
            onDeviceData={(sessionId) => void payment.onDeviceData(sessionId)}
            onDeviceDataTimeout={() => void payment.abandon("timeout")}
            onCancel={() => void payment.abandon("cancel")}
          />
        </Suspense>
      )}
    </>
  );
}
