// The submit button and its status line. While a payment is in flight the button is disabled and says so,
// and the visually hidden status repeats it for screen readers.
import type { Ref } from "react";
import type { CheckoutStrings } from "./checkout-strings";

export function PayButton({
  ref,
  strings,
  busy,
  locked,
}: {
  ref: Ref<HTMLButtonElement>;
  strings: CheckoutStrings;
  busy: boolean;
  /** Not hydrated yet: disabled, so the form is never posted natively. */
  locked: boolean;
}) {
  return (
    <>
      <button
        ref={ref}
        type="submit"
        className="ck-pay"
        disabled={busy || locked}
        aria-busy={busy || undefined}
        // Pressing keeps the focus in the field being typed in: leaving it would show its message before the
        // button is released, moving the button away from the pointer and losing the click. The submit checks
        // every field anyway (and then focuses the error summary).
        onMouseDown={(event) => event.preventDefault()}
      >
        {busy && <span className="ck-spinner" aria-hidden="true" />}
        {busy ? strings.processing : strings.pay}
      </button>
      <p role="status" className="ck-visually-hidden">
        {busy ? strings.processing : ""}
      </p>
    </>
  );
}
