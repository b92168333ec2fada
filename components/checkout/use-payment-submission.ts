// Paying: the submit guard, the calls to the Server Actions, and what each answer does to the page: go to
// the order, open 3-D Secure, show a decline or problem, mark invalid fields. Also the submission key (the
// same key means the same payment on the server, so it changes only when the server hands out the next
// one) and where focus goes after each answer. A page from an older release recovers through
// use-release-recovery.ts.
import { type FormEvent, startTransition, useEffect, useRef, useState } from "react";
import type { FieldErrors, UseFormReturn } from "react-hook-form";
import { abandonAuthentication, continueAuthentication, payWithCard } from "@/app/checkout/actions";
import { CHECKOUT_FIELDS } from "@/lib/checkout/checkout-fields";
import type { CheckoutForm, CheckoutFormValues } from "@/lib/checkout/checkout-form-schema";
import type { PaymentStep, ResumableAuthentication } from "@/lib/checkout/payment-step";
import { collectBrowserInfo } from "./card-input";
import type { CheckoutStrings } from "./checkout-strings";
import type { ReloadReason } from "./kept-details";
import type { CardValuesState } from "./use-card-values";
import { useReleaseRecovery } from "./use-release-recovery";

/** A message in the payment section; `n` counts them so the same text shown again is announced again. */
export type PaymentAlert = { text: string; n: number };

/** `card`: the card number, or the CVC of a chosen saved card; `choice`: the saved cards' choices. */
type FocusTarget = "summary" | "card" | "choice" | "pay";

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

type PaymentForm = Pick<UseFormReturn<CheckoutFormValues, unknown, CheckoutForm>, "handleSubmit" | "setValue" | "setError" | "getValues">;

export function usePaymentSubmission({
  form: { handleSubmit, setValue, setError, getValues },
  card,
  strings,
  submissionKey,
  resume,
  initialAlert,
  emailLocked,
}: {
  form: PaymentForm;
  card: Pick<CardValuesState, "clear" | "touchAll">;
  strings: Pick<CheckoutStrings, "generic" | "authenticationFailed" | "newRelease">;
  submissionKey: string;
  resume: ResumableAuthentication | null;
  initialAlert: string | null;
  /** Signed in: the email is the account's (not refilled after a reload). */
  emailLocked: boolean;
}) {
  /** The key every submit sends until the server answers with the next one. */
  const keyRef = useRef(submissionKey);
  /** True from the moment a submit starts until the server's answer is handled: no second call. */
  const busyRef = useRef(resume !== null);
  const [busy, setBusy] = useState(resume !== null);
  const [hydrated, setHydrated] = useState(false);
  const [alert, setAlert] = useState<PaymentAlert | null>(initialAlert ? { text: initialAlert, n: 0 } : null);
  const [summaryOpen, setSummaryOpen] = useState(false);
  /** Where focus goes once the element is rendered and usable (the error summary appears a render late). */
  const pendingFocus = useRef<FocusTarget | null>(null);
  const [threeDs, setThreeDs] = useState<ResumableAuthentication | null>(resume);
  const [cancelling, setCancelling] = useState(false);
  const settlingRef = useRef(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const payRef = useRef<HTMLButtonElement>(null);
  const cardNumberRef = useRef<HTMLInputElement | null>(null);
  const savedCvcRef = useRef<HTMLInputElement | null>(null);
  const choiceRef = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    // A transition: React renders the unlocked form in slices that yield to the browser, not in one long task
    // right after hydration (Lighthouse's Total Blocking Time, issue 9).
    startTransition(() => setHydrated(true));
    // The query only chose which known message to show; a reload should not show it again.
    const url = new URL(window.location.href);
    if (url.searchParams.has("payment")) {
      url.searchParams.delete("payment");
      window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
    }
  }, []);

  // After every render: the target may only now exist (the summary) or be enabled again (the Pay button), and
  // nothing in the form takes focus while it is still inert (before hydration).
  useEffect(() => {
    const target = pendingFocus.current;
    if (!target || !hydrated) return;
    const element =
      target === "summary"
        ? summaryRef.current
        : target === "card"
          ? (cardNumberRef.current ?? savedCvcRef.current)
          : target === "choice"
            ? (choiceRef.current ?? cardNumberRef.current)
            : payRef.current;
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

  const recovery = useReleaseRecovery({
    form: { getValues, setValue },
    emailLocked,
    onRecovered: (reason) => {
      showAlert(reason === "pay" ? strings.newRelease.pay : strings.newRelease.authentication);
      requestFocus(reason === "pay" ? "card" : "pay");
    },
  });

  /** True when `error` is an action the server does not know (an older release's page): handled here. */
  const fromOlderRelease = (error: unknown, reason: ReloadReason): boolean => {
    const outcome = recovery.recover(error, reason);
    if (outcome === false) return false;
    // "reloading": stay busy, the page is going away.
    if (outcome === "reload-later") {
      setThreeDs(null);
      showAlert(strings.newRelease.reload);
      release();
      requestFocus("pay");
    }
    return true;
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
        card.clear();
        showAlert(step.message);
        release();
        // A saved card declined: choosing another card is the next move.
        requestFocus(step.savedCard ? "choice" : "card");
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
        card.touchAll();
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

  const pay = async (values: CheckoutForm) => {
    setBusy(true);
    setAlert(null);
    setSummaryOpen(false);
    let step: ServerAnswer;
    try {
      step = await payWithCard({ ...values, submissionKey: keyRef.current });
    } catch (error) {
      if (!fromOlderRelease(error, "pay")) failGenerically();
      return;
    }
    handleStep(step);
  };

  const invalid = (fieldErrors: FieldErrors<CheckoutFormValues>) => {
    release();
    card.touchAll();
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
    } catch (error) {
      if (!fromOlderRelease(error, "authentication")) failGenerically();
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
    } catch (error) {
      // Keep the key: a new submit then meets the same attempt on the server.
      const older = recovery.recover(error, "authentication");
      if (older === "reloading") return;
      if (older === "reload-later") {
        settlingRef.current = false;
        setCancelling(false);
        setThreeDs(null);
        showAlert(strings.newRelease.reload);
        requestFocus("pay");
        release();
        return;
      }
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
      card.clear();
      showAlert(strings.authenticationFailed);
      requestFocus("card");
    } else {
      showAlert(strings.generic);
      requestFocus("pay");
    }
    release();
  };

  return {
    hydrated,
    busy,
    alert,
    summaryOpen,
    /** The 3-D Secure step in progress, if any. */
    threeDs,
    cancelling,
    summaryRef,
    payRef,
    cardNumberRef,
    savedCvcRef,
    choiceRef,
    onSubmit,
    onDeviceData,
    abandon,
  };
}
