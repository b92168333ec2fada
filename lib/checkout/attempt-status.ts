// The one state machine for payment attempts: pure, forward-only. Every path that learns something about a
// payment (the Server Action's answer, the 3-D Secure return, a webhook, reconciliation) goes through
// `allowedPredecessors` in ./apply-attempt-status.ts, so racing callers can never move an attempt backwards.
import type { CheqpayPaymentStatus } from "@/lib/cheqpay";

export const ATTEMPT_STATUSES = [
  "created",
  "submitted",
  "requires_device_data",
  "requires_challenge",
  "failed",
  "expired",
  "succeeded",
] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

/** Statuses that still wait for Cheqpay or the shopper: at most one per order (a unique index). */
export const IN_FLIGHT_STATUSES: readonly AttemptStatus[] = ["created", "submitted", "requires_device_data", "requires_challenge"];
export const FINAL_STATUSES: readonly AttemptStatus[] = ["failed", "expired", "succeeded"];

// Progress order. `failed` and `expired` share a rank: neither replaces the other. `succeeded` ranks above
// both because Cheqpay saying the money moved is the truth, whatever we concluded before.
const RANK: Record<AttemptStatus, number> = {
  created: 0,
  submitted: 1,
  requires_device_data: 2,
  requires_challenge: 3,
  failed: 4,
  expired: 4,
  succeeded: 5,
};

export function canTransition(from: AttemptStatus, to: AttemptStatus): boolean {
  return RANK[to] > RANK[from];
}

/** The statuses from which an attempt may move to `to`. */
export function allowedPredecessors(to: AttemptStatus): AttemptStatus[] {
  return ATTEMPT_STATUSES.filter((from) => canTransition(from, to));
}

export function isInFlight(status: AttemptStatus): boolean {
  return IN_FLIGHT_STATUSES.includes(status);
}

/** What Cheqpay's view of the payment means for our attempt; null: nothing new (still processing). */
export function attemptStatusFor(cheqpay: CheqpayPaymentStatus): AttemptStatus | null {
  switch (cheqpay) {
    case "succeeded":
    case "authorized":
    case "partially_refunded":
    case "refunded":
      return "succeeded";
    case "requires_device_data":
      return "requires_device_data";
    case "requires_challenge":
      return "requires_challenge";
    case "failed":
    case "cancelled":
      return "failed";
    case "processing":
      return null;
  }
}
