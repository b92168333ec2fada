// What a payment Server Action answers: the next step for the checkout page. Shared by the server and the
// checkout form; no card data, and messages already in the shopper's language.
import type { CheckoutField } from "./checkout-form-schema";

/** Friendly decline messages are keyed by these (messages: `checkout.declines.<code>`). */
export type DeclineCode =
  | "DECLINED"
  | "EXPIRED_CARD"
  | "INVALID_CARD"
  | "INSUFFICIENT_FUNDS"
  | "AUTHENTICATION_FAILED"
  | "GENERIC";

/** Problems that are not the card's (messages: `checkout.problems.<code>`). */
export type CheckoutProblem =
  | "cart-empty"
  | "cart-unavailable"
  | "payment-in-progress"
  | "processor-unavailable"
  | "session-expired"
  | "saved-card-unavailable"
  /** Past a card-testing limit (too many attempts or declines): wait, then try again. */
  | "payment-limited"
  /** Our own database is down or restarting: try again in a moment. */
  | "service-unavailable";

export type PaymentStep =
  /** Paid: go to the order page. */
  | { kind: "paid"; orderUrl: string }
  /** 3-D Secure, step 1: post `jwt` to `url` in a hidden iframe, then call `continueAuthentication`. */
  | { kind: "device-data"; attemptId: string; url: string; jwt: string }
  /** 3-D Secure, step 2: show the challenge (post `jwt` to `url` in the visible iframe). */
  | { kind: "challenge"; attemptId: string; url: string; jwt: string }
  /** The card was refused: show `message`, clear the card fields, submit again with `nextSubmissionKey`. */
  | { kind: "declined"; code: DeclineCode; message: string; nextSubmissionKey: string; savedCard?: boolean }
  /** Not the card's fault: show `message`; the shopper may try again with `nextSubmissionKey`. */
  | { kind: "problem"; code: CheckoutProblem; message: string; nextSubmissionKey: string }
  /** The form did not validate on the server: field → message key of `checkout.errors`. */
  | { kind: "invalid"; fieldErrors: Partial<Record<CheckoutField, string>> };

/** A 3-D Secure step the shopper had started before reloading the page: the checkout resumes it. */
export type ResumableAuthentication = Extract<PaymentStep, { kind: "device-data" | "challenge" }>;
