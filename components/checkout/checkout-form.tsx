"use client";
// The checkout form: contact, billing address and card, validated with the shared schema as the shopper
// types (on blur, then on every change), paid through the Server Actions. The only client component of the
// checkout; 3-D Secure is loaded on demand. Card data lives in React state only: the card inputs have no
// `name`, the form never submits natively, and nothing from the server pre-fills them.
import { zodResolver } from "@hookform/resolvers/zod";
import { type FormEvent, lazy, type ReactNode, Suspense, useEffect, useRef, useState } from "react";
import { type FieldErrors, useForm } from "react-hook-form";
import { abandonAuthentication, continueAuthentication, payWithCard } from "@/app/checkout/actions";
import { detectBrand } from "@/lib/checkout/card-rules";
import {
  CHECKOUT_FIELDS,
  type CheckoutField,
  type CheckoutForm as CheckoutFormOutput,
  type CheckoutFormValues,
  checkoutFormSchema,
} from "@/lib/checkout/checkout-form-schema";
import { BILLING_COUNTRIES, MEXICAN_STATES } from "@/lib/checkout/mexican-states";
import type { PaymentStep, ResumableAuthentication } from "@/lib/checkout/payment-step";
import {
  collectBrowserInfo,
  formatCardNumberInput,
  formatCvcInput,
  formatExpiryInput,
  PLACEHOLDER_BROWSER_INFO,
} from "./card-input";
import type { CheckoutStrings, CountryOption } from "./checkout-strings";
import type { ThreeDSecureProps } from "./three-d-secure";
import styles from "./checkout.module.css";

// Its own chunk, fetched only when the server asks for 3-D Secure (and only in the browser: see `hydrated`).
// If the chunk cannot load, the attempt is given up like a device-data timeout (the generic message).
const ThreeDSecure = lazy(
  (): Promise<{ default: (props: ThreeDSecureProps) => ReactNode }> =>
    import("./three-d-secure").catch(() => ({ default: ThreeDSecureUnavailable })),
);

function ThreeDSecureUnavailable({ onDeviceDataTimeout }: ThreeDSecureProps) {
  const reported = useRef(false);
  useEffect(() => {
    if (reported.current) return;
    reported.current = true;
    onDeviceDataTimeout();
  });
  return null;
}

export type CheckoutFormProps = {
  strings: CheckoutStrings;
  countries: CountryOption[];
  /** Made by the server with the page; every submit sends it until the server hands out the next one. */
  submissionKey: string;
  /** Contact and address remembered by the server (never card data). */
  prefill: Partial<CheckoutFormValues>;
  /** A 3-D Secure step started before a reload: opened again at once. */
  resume: ResumableAuthentication | null;
  /** A known message to show in the payment section when the page opens (e.g. after a failed 3-D Secure). */
  initialAlert: string | null;
  /** The payment instructions, rendered by the server, shown above the Pay button. */
  children?: ReactNode;
};

const CARD_FIELDS = ["cardNumber", "expiry", "cvc"] as const;
type CardField = (typeof CARD_FIELDS)[number];
const idOf = (field: CheckoutField) => `checkout-${field}`;

const prefilled = (value: unknown, max = 254) => (typeof value === "string" ? value.slice(0, max) : "");

function initialValues(prefill: Partial<CheckoutFormValues>, submissionKey: string): CheckoutFormValues {
  const country = (BILLING_COUNTRIES as readonly string[]).includes(prefill.country ?? "")
    ? (prefill.country as CheckoutFormValues["country"])
    : "MX";
  return {
    email: prefilled(prefill.email),
    firstName: prefilled(prefill.firstName),
    lastName: prefilled(prefill.lastName),
    phone: prefilled(prefill.phone),
    address: prefilled(prefill.address),
    city: prefilled(prefill.city),
    state: prefilled(prefill.state),
    postalCode: prefilled(prefill.postalCode),
    country,
    // Never from the server.
    cardNumber: "",
    expiry: "",
    cvc: "",
    submissionKey,
    browser: PLACEHOLDER_BROWSER_INFO,
  };
}

type FocusTarget = "summary" | "cardNumber" | "pay";

/** What the actions answer: a payment step, or the input failed the action's own parse (field → message key). */
type ServerAnswer = PaymentStep | { kind: "invalid"; fieldErrors: Partial<Record<string, string>> };

/** `abandonAuthentication` answers the next key, or the attempt's step (declined with the next key, or paid). */
function abandonOutcome(answer: unknown): { paidUrl: string | null; nextKey: string | null } {
  if (typeof answer !== "object" || answer === null) return { paidUrl: null, nextKey: null };
  const a = answer as { kind?: unknown; orderUrl?: unknown; nextSubmissionKey?: unknown };
  return {
    paidUrl: a.kind === "paid" && typeof a.orderUrl === "string" ? a.orderUrl : null,
    nextKey: typeof a.nextSubmissionKey === "string" ? a.nextSubmissionKey : null,
  };
}

export function CheckoutForm({ strings, countries, submissionKey, prefill, resume, initialAlert, children }: CheckoutFormProps) {
  const [defaults] = useState(() => initialValues(prefill, submissionKey));
  const {
    register,
    handleSubmit,
    setValue,
    setError,
    clearErrors,
    trigger,
    getFieldState,
    watch,
    formState: { errors },
  } = useForm<CheckoutFormValues, unknown, CheckoutFormOutput>({
    resolver: zodResolver(checkoutFormSchema),
    mode: "onTouched",
    shouldFocusError: false,
    defaultValues: defaults,
  });

  // The card fields are controlled inputs without `name` (so not `register`ed): their values live in the
  // form state only. They follow the form's mode by hand: checked on blur, then on every change.
  const [cardNumber, expiry, cvc] = watch(CARD_FIELDS);
  const cardTouched = useRef(new Set<CardField>());
  const changeCard = (field: CardField, value: string) =>
    setValue(field, value, { shouldDirty: true, shouldValidate: cardTouched.current.has(field) });
  const blurCard = (field: CardField) => {
    cardTouched.current.add(field);
    void trigger(field);
  };
  const country = watch("country");
  const brand = detectBrand(cardNumber);
  const isMexico = country === "MX";

  /** The key every submit sends until the server answers with the next one. */
  const keyRef = useRef(submissionKey);
  /** True from the moment a submit starts until the server's answer is handled: no second call. */
  const busyRef = useRef(resume !== null);
  const [busy, setBusy] = useState(resume !== null);
  const [hydrated, setHydrated] = useState(false);
  const [alert, setAlert] = useState<{ text: string; n: number } | null>(initialAlert ? { text: initialAlert, n: 0 } : null);
  const [summaryOpen, setSummaryOpen] = useState(false);
  /** Where focus goes once the element is rendered and usable (the error summary appears a render late). */
  const pendingFocus = useRef<FocusTarget | null>(null);
  const [threeDs, setThreeDs] = useState<ResumableAuthentication | null>(resume);
  const [cancelling, setCancelling] = useState(false);
  const settlingRef = useRef(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const payRef = useRef<HTMLButtonElement>(null);
  const cardNumberRef = useRef<HTMLInputElement | null>(null);

  useEffect(() => {
    setHydrated(true);
    // The query only chose which known message to show; a reload should not show it again.
    const url = new URL(window.location.href);
    if (url.searchParams.has("payment")) {
      url.searchParams.delete("payment");
      window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
    }
  }, []);

  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    const element = target === "summary" ? summaryRef.current : target === "cardNumber" ? cardNumberRef.current : payRef.current;
    if (!element || (element instanceof HTMLButtonElement && element.disabled)) return;
    pendingFocus.current = null;
    element.focus();
  });

  /** Always called together with a state change, so a render (and the effect above) follows. */
  const requestFocus = (target: FocusTarget) => {
    pendingFocus.current = target;
  };
  const showAlert = (text: string) => setAlert((previous) => ({ text, n: (previous?.n ?? 0) + 1 }));
  const release = () => {
    busyRef.current = false;
    setBusy(false);
  };
  const clearCard = () => {
    for (const field of CARD_FIELDS) setValue(field, "");
    clearErrors([...CARD_FIELDS]);
    cardTouched.current.clear();
  };

  const handleStep = (step: ServerAnswer) => {
    switch (step.kind) {
      case "paid":
        // Stay busy: the order page is loading.
        window.location.assign(step.orderUrl);
        return;
      case "device-data":
      case "challenge":
        setThreeDs(step);
        return;
      case "declined":
        keyRef.current = step.nextSubmissionKey;
        setThreeDs(null);
        clearCard();
        showAlert(step.message);
        release();
        requestFocus("cardNumber");
        return;
      case "problem":
        keyRef.current = step.nextSubmissionKey;
        setThreeDs(null);
        showAlert(step.message);
        release();
        requestFocus("pay");
        return;
      case "invalid": {
        setThreeDs(null);
        const fields = CHECKOUT_FIELDS.filter((field) => step.fieldErrors[field]);
        if (fields.length === 0) {
          // Nothing the shopper can fix (the key, the browser data or a 3-D Secure id).
          failGenerically();
          return;
        }
        for (const field of fields) setError(field, { type: "server", message: step.fieldErrors[field] });
        for (const field of CARD_FIELDS) cardTouched.current.add(field);
        release();
        setSummaryOpen(true);
        requestFocus("summary");
        return;
      }
    }
  };

  /** The server could not be reached or answered with an error: the same key may be sent again. */
  const failGenerically = () => {
    setThreeDs(null);
    showAlert(strings.generic);
    release();
    requestFocus("pay");
  };

  const pay = async (values: CheckoutFormOutput) => {
    setBusy(true);
    setAlert(null);
    setSummaryOpen(false);
    let step: ServerAnswer;
    try {
      step = await payWithCard({ ...values, submissionKey: keyRef.current });
    } catch {
      failGenerically();
      return;
    }
    handleStep(step);
  };

  const invalid = (fieldErrors: FieldErrors<CheckoutFormValues>) => {
    release();
    for (const field of CARD_FIELDS) cardTouched.current.add(field);
    if (!CHECKOUT_FIELDS.some((field) => fieldErrors[field])) {
      // Only the hidden values (key, browser) failed: nothing the shopper can fix.
      failGenerically();
      return;
    }
    setSummaryOpen(true);
    requestFocus("summary");
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busyRef.current || !hydrated) return;
    busyRef.current = true;
    setValue("submissionKey", keyRef.current);
    setValue("browser", collectBrowserInfo());
    handleSubmit(pay, invalid)(event).catch(failGenerically);
  };

  const onDeviceData = async (sessionId: string) => {
    if (threeDs?.kind !== "device-data") return;
    let step: ServerAnswer;
    try {
      step = await continueAuthentication({ attemptId: threeDs.attemptId, sessionId, browser: collectBrowserInfo() });
    } catch {
      failGenerically();
      return;
    }
    handleStep(step);
  };

  /**
   * Ends the 3-D Secure attempt on the server (the shopper cancelled, or the device check timed out) and
   * says so: AUTHENTICATION_FAILED with the card cleared, or GENERIC. A new key comes back for the next try.
   */
  const abandon = async (reason: "cancel" | "timeout") => {
    if (!threeDs || settlingRef.current) return;
    settlingRef.current = true;
    setCancelling(true);
    let outcome = abandonOutcome(null);
    try {
      outcome = abandonOutcome(await abandonAuthentication({ attemptId: threeDs.attemptId }));
    } catch {
      // Keep the key: a new submit then meets the same attempt on the server.
    }
    settlingRef.current = false;
    setCancelling(false);
    if (outcome.paidUrl) {
      // The bank had already approved it: the order is paid.
      window.location.assign(outcome.paidUrl);
      return;
    }
    if (outcome.nextKey) keyRef.current = outcome.nextKey;
    setThreeDs(null);
    if (reason === "cancel") {
      clearCard();
      showAlert(strings.authenticationFailed);
      requestFocus("cardNumber");
    } else {
      showAlert(strings.generic);
      requestFocus("pay");
    }
    release();
  };

  const onCountryChange = () => {
    // A state code means nothing in another country's text field (and free text is no Mexican state).
    setValue("state", "");
    if (getFieldState("state").isTouched) void trigger("state");
    if (getFieldState("postalCode").isTouched) void trigger("postalCode");
  };

  const errorText = (field: CheckoutField) => {
    const key = errors[field]?.message;
    return key ? (strings.errors[key] ?? strings.errors.invalid ?? key) : undefined;
  };
  const summaryErrors = CHECKOUT_FIELDS.flatMap((field) => {
    const text = errorText(field);
    return text ? [{ field, text }] : [];
  });

  const a11y = (field: CheckoutField, hint?: boolean, extra?: string) => {
    const invalidField = Boolean(errors[field]);
    const describedBy = [hint && `${idOf(field)}-hint`, extra, invalidField && `${idOf(field)}-error`].filter(Boolean).join(" ");
    return {
      id: idOf(field),
      "aria-invalid": invalidField || undefined,
      "aria-describedby": describedBy || undefined,
    };
  };

  /** Until React has hydrated the form, typing would be lost: the fields only become editable then. */
  const locked = !hydrated;
  const cvcHint = brand === "amex" ? strings.hints.cvcAmex : strings.hints.cvc;

  return (
    <>
      <form method="post" noValidate onSubmit={onSubmit} className={styles.form}>
        {summaryOpen && summaryErrors.length > 0 && (
          <div ref={summaryRef} tabIndex={-1} role="group" aria-labelledby="checkout-error-summary-heading" className={styles.errorSummary}>
            <h2 id="checkout-error-summary-heading" className={styles.errorSummaryHeading}>
              {strings.errorSummaryHeading}
            </h2>
            <ul className={styles.errorSummaryList}>
              {summaryErrors.map(({ field, text }) => (
                <li key={field}>
                  <a
                    href={`#${idOf(field)}`}
                    onClick={(event) => {
                      event.preventDefault();
                      const element = document.getElementById(idOf(field));
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
        )}

        <fieldset className={styles.section}>
          <legend className={styles.legend}>
            <h2 className={styles.sectionHeading}>{strings.sections.contact}</h2>
          </legend>
          <Field field="email" label={strings.fields.email} error={errorText("email")}>
            <input
              readOnly={locked}
              type="email"
              autoComplete="email"
              spellCheck={false}
              className={styles.input}
              {...a11y("email")}
              defaultValue={defaults.email}
              {...register("email")}
            />
          </Field>
          <div className={styles.row}>
            <Field field="firstName" label={strings.fields.firstName} error={errorText("firstName")}>
              <input
                readOnly={locked}
                type="text"
                autoComplete="given-name"
                className={styles.input}
                {...a11y("firstName")}
                defaultValue={defaults.firstName}
                {...register("firstName")}
              />
            </Field>
            <Field field="lastName" label={strings.fields.lastName} error={errorText("lastName")}>
              <input
                readOnly={locked}
                type="text"
                autoComplete="family-name"
                className={styles.input}
                {...a11y("lastName")}
                defaultValue={defaults.lastName}
                {...register("lastName")}
              />
            </Field>
          </div>
          <Field field="phone" label={strings.fields.phone} optional={strings.fields.optional} error={errorText("phone")}>
            <input
              readOnly={locked}
              type="tel"
              autoComplete="tel"
              className={styles.input}
              {...a11y("phone")}
              defaultValue={defaults.phone}
              {...register("phone")}
            />
          </Field>
        </fieldset>

        <fieldset className={styles.section}>
          <legend className={styles.legend}>
            <h2 className={styles.sectionHeading}>{strings.sections.billing}</h2>
          </legend>
          <Field field="country" label={strings.fields.country} error={errorText("country")}>
            <select
              autoComplete="country"
              className={styles.select}
              {...a11y("country")}
              disabled={locked}
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
              readOnly={locked}
              type="text"
              autoComplete="street-address"
              className={styles.input}
              {...a11y("address")}
              defaultValue={defaults.address}
              {...register("address")}
            />
          </Field>
          <div className={styles.row}>
            <Field field="city" label={strings.fields.city} error={errorText("city")}>
              <input
                readOnly={locked}
                type="text"
                autoComplete="address-level2"
                className={styles.input}
                {...a11y("city")}
                defaultValue={defaults.city}
                {...register("city")}
              />
            </Field>
            <Field field="state" label={strings.fields.state} error={errorText("state")}>
              {isMexico ? (
                <select
                  key="state-mx"
                  autoComplete="address-level1"
                  className={styles.select}
                  {...a11y("state")}
                  disabled={locked}
                  defaultValue={defaults.state} {...register("state")}
                >
                  <option value="">{strings.fields.statePlaceholder}</option>
                  {MEXICAN_STATES.map(({ code, name }) => (
                    <option key={code} value={code}>
                      {name}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  readOnly={locked}
                  key="state-text"
                  type="text"
                  autoComplete="address-level1"
                  className={styles.input}
                  {...a11y("state")}
                  defaultValue={defaults.state}
                  {...register("state")}
                />
              )}
            </Field>
          </div>
          <Field field="postalCode" label={strings.fields.postalCode} hint={isMexico ? strings.hints.postalCodeMx : undefined} error={errorText("postalCode")}>
            <input
              readOnly={locked}
              type="text"
              autoComplete="postal-code"
              inputMode={isMexico ? "numeric" : "text"}
              maxLength={10}
              className={`${styles.input} ${styles.short}`}
              {...a11y("postalCode", isMexico)}
              defaultValue={defaults.postalCode} {...register("postalCode")}
            />
          </Field>
        </fieldset>

        <fieldset className={styles.section}>
          <legend className={styles.legend}>
            <h2 className={styles.sectionHeading}>{strings.sections.payment}</h2>
          </legend>
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
                onBlur={() => blurCard("cardNumber")}
                onChange={(event) => {
                  const input = event.target;
                  const { value, caret } = formatCardNumberInput(input.value, input.selectionStart ?? input.value.length);
                  // Written before React re-renders so the caret stays after the digit just typed.
                  input.value = value;
                  if (document.activeElement === input) input.setSelectionRange(caret, caret);
                  changeCard("cardNumber", value);
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
                onBlur={() => blurCard("expiry")}
                onChange={(event) => {
                  const native = event.nativeEvent as InputEvent;
                  const deleting = typeof native.inputType === "string" && native.inputType.startsWith("delete");
                  changeCard("expiry", formatExpiryInput(event.target.value, deleting));
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
                onBlur={() => blurCard("cvc")}
                onChange={(event) => changeCard("cvc", formatCvcInput(event.target.value, cardNumber))}
              />
            </Field>
          </div>
        </fieldset>

        {children}

        <button ref={payRef} type="submit" className={styles.pay} disabled={busy || locked} aria-busy={busy || undefined}>
          {busy && <span className={styles.spinner} aria-hidden="true" />}
          {busy ? strings.processing : strings.pay}
        </button>
        <p role="status" className={styles.visuallyHidden}>
          {busy ? strings.processing : ""}
        </p>
      </form>

      {hydrated && threeDs && (
        <Suspense fallback={null}>
          <ThreeDSecure
            key={`${threeDs.kind}:${threeDs.attemptId}:${threeDs.jwt}`}
            step={threeDs}
            strings={strings.threeDSecure}
            cancelling={cancelling}
            onDeviceData={(sessionId) => void onDeviceData(sessionId)}
            onDeviceDataTimeout={() => void abandon("timeout")}
            onCancel={() => void abandon("cancel")}
          />
        </Suspense>
      )}
    </>
  );
}

function Field({
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
  const id = idOf(field);
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {label}
        {optional && <span className={styles.optional}> {optional}</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className={styles.hint}>
          {hint}
        </p>
      )}
      {children}
      <div aria-live="polite">
        {error && (
          <p id={`${id}-error`} className={styles.error}>
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
