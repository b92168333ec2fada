// A checkout page opened before a deploy calls Server Action ids the new release does not know: Next answers
// 409 (`x-nextjs-action-not-found`) and the call rejects with an UnrecognizedActionError. The request never
// reached our code, so no payment attempt exists and nothing was charged. The page then keeps contact and
// address (never card data) in sessionStorage and reloads once: the new release's page refills them and says
// why the card must be typed again. Within a minute of such a reload (a rolling deploy still mixing releases),
// or without storage, it does not reload again but tells the shopper to reload in a moment.
import { unstable_isUnrecognizedActionError } from "next/navigation";
import { useEffect, useRef } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { CheckoutForm, CheckoutFormValues } from "@/lib/checkout/checkout-form-schema";
import { claimReload, KEPT_FIELDS, keepDetails, type ReloadReason, takeKeptDetails } from "./kept-details";

type RecoveryForm = Pick<UseFormReturn<CheckoutFormValues, unknown, CheckoutForm>, "getValues" | "setValue">;

export type ReleaseRecovery = {
  /**
   * For a Server Action's rejection: false when it is not an unknown action. Otherwise "reloading" (the page
   * is going away: stay busy) or "reload-later" (show the message asking the shopper to reload).
   */
  recover(error: unknown, reason: ReloadReason): false | "reloading" | "reload-later";
};

export function useReleaseRecovery({
  form: { getValues, setValue },
  emailLocked,
  onRecovered,
}: {
  form: RecoveryForm;
  /** Signed in: the email is the account's, not refilled. */
  emailLocked: boolean;
  /** After the reload, once the kept details are back in the form. */
  onRecovered: (reason: ReloadReason) => void;
}): ReleaseRecovery {
  const onRecoveredRef = useRef(onRecovered);
  onRecoveredRef.current = onRecovered;

  useEffect(() => {
    const kept = takeKeptDetails(window.sessionStorage, Date.now());
    if (!kept) return;
    // Country first: the state field's kind (list or text) follows it.
    for (const field of ["country", ...KEPT_FIELDS.filter((f) => f !== "country")] as const) {
      const value = kept.fields[field];
      if (value === undefined || (field === "email" && emailLocked)) continue;
      setValue(field, value as never, { shouldDirty: true });
    }
    onRecoveredRef.current(kept.reason);
    // Once, on the page's first render in the browser.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return {
    recover(error, reason) {
      if (!unstable_isUnrecognizedActionError(error)) return false;
      const now = Date.now();
      if (!claimReload(window.sessionStorage, now)) return "reload-later";
      if (!keepDetails(window.sessionStorage, getValues() as unknown as Record<string, unknown>, reason, now)) return "reload-later";
      window.location.reload();
      return "reloading";
    },
  };
}
