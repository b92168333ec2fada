"use client";
// The back office's refund form: amount in pesos (what remains, unless changed) and a reason. Works without
// JavaScript (a plain post to the Server Action); with it, errors and the outcome appear without a reload.
import { useActionState } from "react";
import { requestRefundAction } from "@/app/admin/orders/[id]/actions";
import type { RefundFormState } from "@/lib/admin/refund-form-schema";
import { REFUND_REASON_MAX } from "@/lib/admin/refund-form-schema";

export type RefundFormStrings = {
  heading: string;
  amount: string;
  amountHint: string;
  reason: string;
  reasonHint: string;
  submit: string;
  sending: string;
  /** Shown instead of the fields when nothing can be refunded. */
  unavailable: string | null;
  errors: Record<string, string>;
};

export function RefundForm({ orderId, defaultAmount, strings }: { orderId: string; defaultAmount: string; strings: RefundFormStrings }) {
  const [state, action, pending] = useActionState<RefundFormState, FormData>(requestRefundAction, { kind: "idle" });
  const errors = state.kind === "invalid" ? state.fieldErrors : {};
  const values = state.kind === "invalid" || state.kind === "refused" ? state.values : { amount: defaultAmount, reason: "" };
  const errorText = (key: string | undefined) => (key ? (strings.errors[key] ?? strings.errors.invalid) : undefined);
  const amountError = errorText(errors.amount);
  const reasonError = errorText(errors.reason);
  const formError = errorText(errors.form);
  const outcome =
    state.kind === "accepted"
      ? { tone: "success", text: state.message }
      : state.kind === "refused"
        ? { tone: "error", text: state.message }
        : formError
          ? { tone: "error", text: formError }
          : null;
  return (
    <section className="card admin-section" aria-labelledby="admin-refund">
      <h2 id="admin-refund">{strings.heading}</h2>
      <div aria-live="polite">
        {outcome && (
          <p role={outcome.tone === "error" ? "alert" : "status"} className={`notice notice--${outcome.tone}`}>
            {outcome.text}
          </p>
        )}
      </div>
      {strings.unavailable ? (
        <p className="muted">{strings.unavailable}</p>
      ) : (
        <form
          action={action}
          className="admin-refund-form"
          noValidate
          // A second click while the first request is on its way would ask for a second refund.
          onSubmit={(event) => {
            if (pending) event.preventDefault();
          }}
        >
          <input type="hidden" name="orderId" value={orderId} />
          <div className="stack-form">
            <label htmlFor="refund-amount" className="field-label">
              {strings.amount}
            </label>
            <input
              id="refund-amount"
              name="amount"
              inputMode="decimal"
              autoComplete="off"
              defaultValue={values.amount}
              className="text-input"
              aria-invalid={amountError ? true : undefined}
              aria-describedby={amountError ? "refund-amount-hint refund-amount-error" : "refund-amount-hint"}
            />
            <p id="refund-amount-hint" className="field-hint">
              {strings.amountHint}
            </p>
            <div aria-live="polite">
              {amountError && (
                <p id="refund-amount-error" className="field-error">
                  {amountError}
                </p>
              )}
            </div>
          </div>
          <div className="stack-form">
            <label htmlFor="refund-reason" className="field-label">
              {strings.reason}
            </label>
            <input
              id="refund-reason"
              name="reason"
              maxLength={REFUND_REASON_MAX}
              autoComplete="off"
              defaultValue={values.reason}
              className="text-input"
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? "refund-reason-hint refund-reason-error" : "refund-reason-hint"}
            />
            <p id="refund-reason-hint" className="field-hint">
              {strings.reasonHint}
            </p>
            <div aria-live="polite">
              {reasonError && (
                <p id="refund-reason-error" className="field-error">
                  {reasonError}
                </p>
              )}
            </div>
          </div>
          <button type="submit" className="button button--primary" aria-disabled={pending || undefined}>
            {pending ? strings.sending : strings.submit}
          </button>
        </form>
      )}
    </section>
  );
}
