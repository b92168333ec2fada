// What Cheqpay's answer (or error) means for an attempt, and what the attempt means for the shopper's page.
import { randomBytes } from "node:crypto";
import {
  type CheqpayClient,
  CheqpayBadRequestError,
  CheqpayDeclinedError,
  CheqpayError,
  CheqpayNotFoundError,
  CheqpayOutcomeUnknownError,
  CheqpayRetryLaterError,
  type PaymentOrder,
} from "@/lib/cheqpay";
import type { Database } from "@/lib/db/client";
import { paymentEvents } from "@/lib/db/schema";
import { applyAttemptStatus, type AttemptRow, type StatusSource } from "./apply-attempt-status";
import { attemptStatusFor } from "./attempt-status";
import { declineCodeForReason } from "./decline-codes";
import { cheqpayCallLog, type TimelineLine } from "./cheqpay-call-log";
import { saveCardOfAttempt } from "./save-card-of-attempt";
import type { CheckoutProblem, DeclineCode, PaymentStep } from "./payment-step";

export type StepMessages = {
  decline(code: DeclineCode): string;
  problem(code: CheckoutProblem): string;
  /** Added to a decline of a saved card: choose another card. */
  savedCardDeclinedHint: string;
  /** Past a card-testing limit: wait this many minutes (payment-limits.ts). */
  limited(minutes: number): string;
};

export const newSubmissionKey = () => randomBytes(18).toString("base64url");

/** Applies an order Cheqpay returned to the attempt; answers the attempt as it now stands. A card the shopper
 *  asked to save is stored once the attempt has succeeded, whichever path (this answer or a webhook) got there
 *  first: only Cheqpay's answers carry the saved method's id. */
export async function applyPaymentOrder(
  db: Database,
  attempt: AttemptRow,
  order: PaymentOrder,
  source: StatusSource,
  /** The timeline lines of the calls that brought this answer (cheqpay-call-log.ts `take`), written with the move. */
  lines: readonly TimelineLine[] = [],
): Promise<AttemptRow> {
  const current = await applyOrderStatus(db, attempt, order, source, lines);
  if (current.status === "succeeded" && current.saveCard) await saveCardOfAttempt(db, current, order);
  return current;
}

async function applyOrderStatus(
  db: Database,
  attempt: AttemptRow,
  order: PaymentOrder,
  source: StatusSource,
  lines: readonly TimelineLine[],
): Promise<AttemptRow> {
  const status = attemptStatusFor(order.status);
  if (!status) {
    if (lines.length > 0) await db.insert(paymentEvents).values([...lines]);
    return attempt;
  }
  const { attempt: current } = await applyAttemptStatus(
    db,
    attempt.id,
    {
      status,
      cheqpayOrderId: order.id,
      card: order.card,
      payerAuthentication: order.payerAuthentication,
      savedPaymentMethodId: order.paymentMethodId,
      ...(status === "failed" ? { declineCode: declineCodeForReason(order.declineReason), declineReason: order.declineReason } : {}),
    },
    source,
    { cheqpayStatus: order.cheqpayStatus },
    lines,
  );
  return current;
}

/**
 * Applies a failed Cheqpay call. Declines and refusals fail the attempt. When the outcome is unknown (a
 * timeout, a dropped answer, 5xx after retries), the order is read back by our externalId: found, it is
 * applied; not found, nothing was charged and the attempt fails; unreadable, the attempt stays in flight
 * for reconciliation.
 */
export async function applyCheqpayError(
  db: Database,
  cheqpay: CheqpayClient,
  attempt: AttemptRow,
  error: unknown,
  source: StatusSource,
): Promise<AttemptRow> {
  if (!(error instanceof CheqpayError)) throw error;
  if (error instanceof CheqpayDeclinedError) {
    return failAttempt(db, attempt, error.code, error.declineReason, source, error.paymentOrderId);
  }
  if (error instanceof CheqpayRetryLaterError || error instanceof CheqpayOutcomeUnknownError) {
    return reconcileAttempt(db, cheqpay, attempt, source);
  }
  // 400/401/404/409: Cheqpay refused the request itself; nothing was charged.
  const cardRejected = error instanceof CheqpayBadRequestError && error.fieldErrors.some((f) => /card|number|cvc|expiry/i.test(f.field));
  return failAttempt(db, attempt, cardRejected ? "INVALID_CARD" : `PROCESSOR_${error.code}`, null, source, null);
}

/** Reads the attempt's order from Cheqpay (by our externalId) and applies what it says. */
export async function reconcileAttempt(db: Database, cheqpay: CheqpayClient, attempt: AttemptRow, source: StatusSource): Promise<AttemptRow> {
  const log = cheqpayCallLog(attempt.orderId, attempt.id);
  try {
    const order = await cheqpay.getPaymentOrder(attempt.cheqpayOrderId ?? attempt.externalId, log.call);
    await log.flush(db);
    return await applyPaymentOrder(db, attempt, order, source);
  } catch (error) {
    await log.flush(db);
    if (error instanceof CheqpayNotFoundError && !attempt.cheqpayOrderId) {
      return failAttempt(db, attempt, "NOT_PROCESSED", null, source, null);
    }
    if (error instanceof CheqpayError) return attempt;
    throw error;
  }
}

async function failAttempt(
  db: Database,
  attempt: AttemptRow,
  declineCode: string,
  declineReason: string | null,
  source: StatusSource,
  cheqpayOrderId: string | null,
): Promise<AttemptRow> {
  const { attempt: current } = await applyAttemptStatus(db, attempt.id, { status: "failed", declineCode, declineReason, cheqpayOrderId }, source);
  return current;
}

const FRIENDLY: ReadonlySet<string> = new Set(["DECLINED", "EXPIRED_CARD", "INVALID_CARD", "INSUFFICIENT_FUNDS", "AUTHENTICATION_FAILED"]);

export function declineCodeOf(attempt: AttemptRow): DeclineCode {
  if (attempt.status === "expired") return "AUTHENTICATION_FAILED";
  return attempt.declineCode && FRIENDLY.has(attempt.declineCode) ? (attempt.declineCode as DeclineCode) : "GENERIC";
}

/** The codes `applyCheqpayError` gives an attempt Cheqpay never processed (see above). */
function isProcessorFailure(declineCode: string | null): boolean {
  return declineCode === "NOT_PROCESSED" || (declineCode?.startsWith("PROCESSOR_") ?? false);
}

/** The shopper's next step for an attempt as it stands. */
export function stepForAttempt(attempt: AttemptRow, orderToken: string, messages: StepMessages): PaymentStep {
  switch (attempt.status) {
    case "succeeded":
      return { kind: "paid", orderUrl: `/orders/${orderToken}` };
    case "requires_device_data":
    case "requires_challenge":
      if (attempt.payerAuthUrl && attempt.payerAuthJwt) {
        const kind = attempt.status === "requires_device_data" ? "device-data" : "challenge";
        return { kind, attemptId: attempt.id, url: attempt.payerAuthUrl, jwt: attempt.payerAuthJwt };
      }
      return problem("processor-unavailable", messages);
    case "failed":
    case "expired": {
      // Cheqpay failed or refused our request (nothing charged): not the card's fault, so not a decline.
      if (attempt.status === "failed" && isProcessorFailure(attempt.declineCode)) return problem("processor-unavailable", messages);
      const code = declineCodeOf(attempt);
      if (attempt.savedPaymentMethodId) {
        const message = `${messages.decline(code)} ${messages.savedCardDeclinedHint}`;
        return { kind: "declined", code, message, nextSubmissionKey: newSubmissionKey(), savedCard: true };
      }
      return { kind: "declined", code, message: messages.decline(code), nextSubmissionKey: newSubmissionKey() };
    }
    case "created":
    case "submitted":
      return problem("processor-unavailable", messages);
  }
}

export function problem(code: CheckoutProblem, messages: StepMessages): PaymentStep {
  // Cheqpay failing (after the client's retries) reads like any other failure: the seed's generic message.
  const message = code === "processor-unavailable" ? messages.decline("GENERIC") : messages.problem(code);
  return { kind: "problem", code, message, nextSubmissionKey: newSubmissionKey() };
}
