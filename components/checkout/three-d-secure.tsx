"use client";
// 3-D Secure in the browser, loaded only when the server asks for it (React.lazy in lazy-three-d-secure.tsx).
// Device data: a hidden iframe receives the JWT and answers with a `profile.completed` message carrying the
// SessionId. Challenge: a modal <dialog> shows the bank's page in an iframe; our return route (loaded in
// that iframe at the end) navigates the top window itself, so only Cancel is handled here.
import { useEffect, useRef } from "react";
import type { ResumableAuthentication } from "@/lib/checkout/payment-step";
import type { ThreeDSecureStrings } from "./checkout-strings";
import { sessionIdOf } from "./device-data-message";

/** How long the device-data page may take before the checkout gives up. */
export const DEVICE_DATA_TIMEOUT_MS = 10_000;

export type ThreeDSecureProps = {
  step: ResumableAuthentication;
  strings: ThreeDSecureStrings;
  /** The device-data page answered with this SessionId. Called once. */
  onDeviceData: (sessionId: string) => void;
  /** The device-data page did not answer in time. Called once. */
  onDeviceDataTimeout: () => void;
  /** The shopper closed the challenge (Cancel button or Escape). */
  onCancel: () => void;
  cancelling: boolean;
};

export default function ThreeDSecure(props: ThreeDSecureProps) {
  return props.step.kind === "device-data" ? <DeviceData {...props} /> : <Challenge {...props} />;
}

/** A frame name for the attempt: letters, digits and underscores only. */
const frameName = (prefix: string, attemptId: string) => `${prefix}_${attemptId.replace(/[^A-Za-z0-9_]/g, "_")}`;

function DeviceData({ step, strings, onDeviceData, onDeviceDataTimeout }: ThreeDSecureProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const posted = useRef(false);
  const settled = useRef(false);
  // The latest callbacks, without re-running the effect (which would post the JWT again).
  const callbacks = useRef({ onDeviceData, onDeviceDataTimeout });
  callbacks.current = { onDeviceData, onDeviceDataTimeout };
  const name = frameName("threeds_device", step.attemptId);

  useEffect(() => {
    const origin = new URL(step.url).origin;
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== origin || settled.current) return;
      const sessionId = sessionIdOf(event.data);
      if (!sessionId) return;
      settled.current = true;
      window.clearTimeout(timer);
      callbacks.current.onDeviceData(sessionId);
    };
    window.addEventListener("message", onMessage);
    const timer = window.setTimeout(() => {
      if (settled.current) return;
      settled.current = true;
      callbacks.current.onDeviceDataTimeout();
    }, DEVICE_DATA_TIMEOUT_MS);
    if (!posted.current) {
      posted.current = true;
      formRef.current?.submit();
    }
    return () => {
      window.removeEventListener("message", onMessage);
      window.clearTimeout(timer);
    };
  }, [step.url]);

  return (
    <div className="ck-hidden-frame">
      <iframe name={name} title={strings.deviceFrameTitle} width={10} height={10} className="ck-hidden-frame" />
      <form ref={formRef} method="post" action={step.url} target={name}>
        <input type="hidden" name="JWT" value={step.jwt} />
      </form>
    </div>
  );
}

function Challenge({ step, strings, onCancel, cancelling }: ThreeDSecureProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const posted = useRef(false);
  const name = frameName("threeds_challenge", step.attemptId);
  const headingId = `${name}_heading`;
  const explanationId = `${name}_explanation`;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    if (!posted.current) {
      posted.current = true;
      formRef.current?.submit();
    }
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className="ck-dialog"
      aria-labelledby={headingId}
      aria-describedby={explanationId}
      onCancel={(event) => {
        // Escape: the same as the Cancel button (the payment is abandoned, not left half-done).
        event.preventDefault();
        onCancel();
      }}
      onClose={() => {
        // Closed without our Cancel (the browser forces it after repeated Escape).
        if (!dialogRef.current?.open) onCancel();
      }}
    >
      <h2 id={headingId} className="ck-dialog-heading">
        {strings.heading}
      </h2>
      <p id={explanationId} className="ck-dialog-text">
        {strings.explanation}
      </p>
      <iframe name={name} title={strings.frameTitle} width={390} height={400} className="ck-challenge-frame" />
      <form ref={formRef} method="post" action={step.url} target={name} hidden>
        <input type="hidden" name="JWT" value={step.jwt} />
      </form>
      <div className="ck-dialog-actions">
        <button type="button" className="ck-secondary-button" onClick={onCancel} disabled={cancelling} aria-busy={cancelling || undefined}>
          {cancelling ? strings.cancelling : strings.cancel}
        </button>
      </div>
    </dialog>
  );
}
