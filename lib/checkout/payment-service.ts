// Paying an order by card: the order and the attempt (with its externalId) are written before Cheqpay is
// called; a repeated submit finds its attempt by the form's key; at most one attempt per order is in flight; an
// attempt past a card-testing limit (payment-limits.ts) is never written, so Cheqpay is never called for it.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Account } from "@/lib/accounts/current-account";
import { type CheqpayClient, type CustomerInput, type DeviceInformation, CheqpayError, type PaymentSource } from "@/lib/cheqpay";
import type { PaymentLimits } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { orders, paymentAttempts } from "@/lib/db/schema";
import { queueEmailsAfter } from "@/lib/emails/outbox";
import type { Locale } from "@/lib/i18n/locales";
import { applyAttemptStatus, type AttemptRow } from "./apply-attempt-status";
import {
  applyCheqpayError,
  applyPaymentOrder,
  problem,
  reconcileAttempt,
  type StepMessages,
  stepForAttempt,
} from "./attempt-outcome";
import { IN_FLIGHT_STATUSES, isInFlight } from "./attempt-status";
import type { BrowserInfo, CheckoutForm } from "./checkout-form-schema";
import { type BillingAddressJson, contactOf, type OrderRow } from "./checkout-order";
import { recordEvent } from "@/lib/observability/events";
import { cheqpayCallLog } from "./cheqpay-call-log";
import { deviceInformation } from "./device-information";
import { payerOf } from "./payer";
import { insertAttemptWithinLimits, paymentLimitKeys, paymentLimitVerdict, refusePayment } from "./payment-limits";
import { writeOrderWithAttempt } from "./order-with-attempt";
import { attemptValuesFor, planPayment } from "./payment-plan";
import type { PaymentStep } from "./payment-step";

export type PaymentContext = {
  db: Database;
  cheqpay: CheqpayClient;
  appUrl: string;
  locale: Locale;
  /** What the server knows of the shopper's browser: IP address, user agent, Accept header. */
  device: DeviceInformation;
  messages: StepMessages;
  /** The signed-in shopper's account; null for a guest. */
  account: Account | null;
  /** Card-testing limits (payment-limits.ts). */
  limits: PaymentLimits;
};

/** An attempt still `submitted` after this long lost its request (a crash, a timeout): reconcile it. */
const STALE_SUBMISSION_MS = 30_000;

export async function payWithCard(ctx: PaymentContext, cartId: string | null, form: CheckoutForm): Promise<PaymentStep> {
  const keys = paymentLimitKeys(ctx.device.ipAddress, ctx.account?.email ?? form.email, form.submissionKey);
  // One statement answers both early questions: was this submit seen (a double click, a refresh), and is the
  // shopper past a card-testing limit already (the check under lock comes below).
  const early = await paymentLimitVerdict(ctx.db, ctx.limits, keys);
  const repeated = early.kind === "repeat" ? await attemptBySubmissionKey(ctx.db, form.submissionKey) : null;
  if (repeated) {
    // A key is its page's: sent with another cart (a copied or forged form) it tells nothing of that payment.
    if (!(await isAttemptOfCart(ctx.db, repeated, cartId))) return problem("session-expired", ctx.messages);
    return settledStep(ctx, repeated);
  }
  if (!cartId) return problem("cart-empty", ctx.messages);
  const planned = await planPayment(ctx.db, ctx.account, form);
  if (planned.kind === "invalid") return planned;
  if (planned.kind === "refused") return problem("saved-card-unavailable", ctx.messages);
  const { plan } = planned;
  // Past a card-testing limit already: refused before anything is written.
  if (early.kind === "limited") return refusePayment(ctx.db, ctx.messages, keys, early);
  let payer: CustomerInput;
  try {
    // From the contact the order is written with (the same values), before the writes: then a new order and
    // its attempt go in one transaction, and a payer that cannot be made leaves nothing behind.
    payer = await payerOf(ctx.db, ctx.cheqpay, contactOf(form, ctx.locale, ctx.account), ctx.account);
  } catch (error) {
    // The account's Cheqpay customer could not be made: nothing was charged.
    if (error instanceof CheqpayError) return problem("processor-unavailable", ctx.messages);
    throw error;
  }
  const attemptFor = (order: OrderRow) => attemptValuesFor(plan, form.submissionKey, order);
  const written = await writeOrderWithAttempt(ctx.db, { limits: ctx.limits, cartId, form, locale: ctx.locale, account: ctx.account, keys, attemptFor });
  if (written.kind === "empty") return problem("cart-empty", ctx.messages);
  if (written.kind === "unavailable") return problem("cart-unavailable", ctx.messages);
  const { order } = written;
  const paid = (): PaymentStep => ({ kind: "paid", orderUrl: `/orders/${order.publicToken}` });
  if (!written.inserted) return paid();
  const orderKeys = { ...keys, orderId: order.id };
  let inserted = written.inserted;
  for (let tries = 1; ; tries++) {
    if (inserted.kind === "limited") return refusePayment(ctx.db, ctx.messages, orderKeys, inserted.verdict);
    if (inserted.kind === "inserted") return submitToCheqpay(ctx, order, inserted.attempt, { source: plan.source, payer, browser: form.browser });
    // Same key (a double submit racing this one), another attempt of the order in flight, or the order paid.
    const sameKey = await attemptBySubmissionKey(ctx.db, form.submissionKey);
    if (sameKey) return settledStep(ctx, sameKey);
    const blocker = await inFlightAttempt(ctx.db, order.id);
    if (blocker && !(await clearBlocker(ctx, blocker))) return problem("payment-in-progress", ctx.messages);
    // The attempt that was in the way may have paid the order: never start a second charge after it.
    if (await isPaid(ctx.db, order.id)) return paid();
    if (tries === 3) return problem("payment-in-progress", ctx.messages);
    inserted = await insertAttemptWithinLimits(ctx.db, ctx.limits, orderKeys, attemptFor(order));
  }
}

async function submitToCheqpay(
  ctx: PaymentContext,
  order: OrderRow,
  attempt: AttemptRow,
  payment: { source: PaymentSource; payer: CustomerInput; browser: BrowserInfo },
): Promise<PaymentStep> {
  let current: AttemptRow;
  const log = cheqpayCallLog(order.id, attempt.id);
  recordEvent("payment.initiated", {
    orderId: order.id,
    attemptId: attempt.id,
    externalId: attempt.externalId,
    amountCentavos: attempt.amountCentavos,
    currency: attempt.currency,
    savedCard: payment.source.kind === "saved-card",
  });
  try {
    const created = await ctx.cheqpay.createPaymentOrder({
      externalId: attempt.externalId,
      amount: attempt.amountCentavos,
      currency: attempt.currency,
      description: `Order ${order.orderNumber}`,
      customer: payment.payer,
      source: payment.source,
      billingAddress: order.billingAddress as BillingAddressJson,
      device: deviceInformation(ctx.device, payment.browser),
    }, log.call);
    // The call's timeline lines go in with the move, in its first round trip.
    current = await applyPaymentOrder(ctx.db, attempt, created, "create-response", log.take());
  } catch (error) {
    await log.flush(ctx.db);
    current = await applyCheqpayError(ctx.db, ctx.cheqpay, attempt, error, "create-response");
  }
  return stepForAttempt(current, order.publicToken, ctx.messages);
}

/** 3-D Secure: the device-data session is collected; ask Cheqpay for the challenge (or a frictionless result). */
export async function continueAuthentication(
  ctx: PaymentContext,
  cartId: string | null,
  input: { attemptId: string; sessionId: string; browser: BrowserInfo },
): Promise<PaymentStep> {
  return withAttemptLock(ctx.db, input.attemptId, async (db) => {
    const found = await shopperAttempt(db, cartId, input.attemptId);
    if (!found) return problem("session-expired", ctx.messages);
    const { attempt, order } = found;
    if (attempt.status !== "requires_device_data" || !attempt.cheqpayOrderId) {
      return stepForAttempt(attempt, order.publicToken, ctx.messages);
    }
    let current: AttemptRow;
    const log = cheqpayCallLog(order.id, attempt.id);
    try {
      const next = await ctx.cheqpay.initiatePayerAuthentication(
        {
          paymentOrderId: attempt.cheqpayOrderId,
          collectionReferenceId: input.sessionId,
          returnUrl: `${ctx.appUrl}/checkout/three-d-secure/return?attempt=${attempt.id}`,
          device: deviceInformation(ctx.device, input.browser),
        },
        log.call,
      );
      current = await applyPaymentOrder(db, attempt, next, "payer-authentication", log.take());
    } catch (error) {
      await log.flush(db);
      current = await applyCheqpayError(db, ctx.cheqpay, attempt, error, "payer-authentication");
    }
    return stepForAttempt(current, order.publicToken, ctx.messages);
  });
}

/**
 * The challenge page posted back to our return URL. `transactionId` and `merchantData` must be the ones
 * Cheqpay gave this attempt: a forged post changes nothing. Validates, then answers the step.
 */
export async function completeChallenge(
  ctx: Pick<PaymentContext, "db" | "cheqpay" | "messages">,
  input: { attemptId: string; transactionId: string; merchantData: string | null },
): Promise<PaymentStep | null> {
  // The return route can be hit twice at once (a double post): the second caller reads what the first applied.
  return withAttemptLock(ctx.db, input.attemptId, async (db) => {
    const [row] = await db
      .select({ attempt: paymentAttempts, token: orders.publicToken })
      .from(paymentAttempts)
      .innerJoin(orders, eq(orders.id, paymentAttempts.orderId))
      .where(eq(paymentAttempts.id, input.attemptId));
    if (!row) return null;
    const { attempt, token } = row;
    if (attempt.status !== "requires_challenge") return stepForAttempt(attempt, token, ctx.messages);
    const genuine = attempt.payerAuthId === input.transactionId && (!input.merchantData || input.merchantData === attempt.cheqpayOrderId);
    if (!genuine || !attempt.cheqpayOrderId) return null;
    let current: AttemptRow;
    const log = cheqpayCallLog(attempt.orderId, attempt.id);
    try {
      const validated = await ctx.cheqpay.validatePayerAuthentication(
        { paymentOrderId: attempt.cheqpayOrderId, authenticationTransactionId: input.transactionId },
        log.call,
      );
      current = await applyPaymentOrder(db, attempt, validated, "three-ds-return", log.take());
    } catch (error) {
      await log.flush(db);
      current = await applyCheqpayError(db, ctx.cheqpay, attempt, error, "three-ds-return");
    }
    return stepForAttempt(current, token, ctx.messages);
  });
}

/** The shopper closed the 3-D Secure dialog: the attempt ends (it can no longer be validated). */
export async function abandonAuthentication(ctx: PaymentContext, cartId: string | null, attemptId: string): Promise<PaymentStep> {
  return withAttemptLock(ctx.db, attemptId, async (db) => {
    const found = await shopperAttempt(db, cartId, attemptId);
    if (!found) return problem("session-expired", ctx.messages);
    const { attempt } = await applyAttemptStatus(db, attemptId, { status: "expired", declineCode: "AUTHENTICATION_FAILED" }, "shopper", {
      reason: "cancelled",
    });
    return stepForAttempt(attempt, found.order.publicToken, ctx.messages);
  });
}

/**
 * Runs `work` holding the attempt's lock (a transaction-scoped advisory lock), with that transaction as its
 * database; the emails it causes are queued after the commit. Every shopper-side move of a 3-D Secure attempt takes it: a step still talking to Cheqpay (which may
 * pay the order) is waited for instead of being expired under it, and a double post validates once.
 */
async function withAttemptLock<T>(db: Database, attemptId: string, work: (db: Database) => Promise<T>): Promise<T> {
  return queueEmailsAfter(() =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`payment-attempt:${attemptId}`}, 0))`);
      return work(tx as unknown as Database);
    }),
  );
}

async function attemptBySubmissionKey(db: Database, key: string): Promise<AttemptRow | null> {
  const [attempt] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.submissionKey, key));
  return attempt ?? null;
}

async function isAttemptOfCart(db: Database, attempt: AttemptRow, cartId: string | null): Promise<boolean> {
  if (!cartId) return false;
  const [order] = await db.select({ cartId: orders.cartId }).from(orders).where(eq(orders.id, attempt.orderId));
  return order?.cartId === cartId;
}

async function isPaid(db: Database, orderId: string): Promise<boolean> {
  const [row] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
  return row !== undefined && row.status !== "pending";
}

async function inFlightAttempt(db: Database, orderId: string): Promise<AttemptRow | null> {
  const [attempt] = await db
    .select()
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.orderId, orderId), inArray(paymentAttempts.status, [...IN_FLIGHT_STATUSES])));
  return attempt ?? null;
}

/** The attempt of the shopper's own cart (its checkout order), or null: ids from the browser are not trusted. */
async function shopperAttempt(db: Database, cartId: string | null, attemptId: string) {
  if (!cartId) return null;
  const [row] = await db
    .select({ attempt: paymentAttempts, order: orders })
    .from(paymentAttempts)
    .innerJoin(orders, eq(orders.id, paymentAttempts.orderId))
    .where(and(eq(paymentAttempts.id, attemptId), eq(orders.cartId, cartId)));
  return row ?? null;
}

/** Another attempt of the order is in flight. A 3-D Secure step waiting for the shopper is abandoned (it
 *  cannot complete without us); a submission being processed is waited for; a lost one is reconciled.
 *  True when the way is clear. */
async function clearBlocker(ctx: PaymentContext, blocker: AttemptRow): Promise<boolean> {
  if (blocker.status === "requires_device_data" || blocker.status === "requires_challenge") {
    // After any 3-D Secure call of it in progress: that call may have paid the order (the caller checks).
    await withAttemptLock(ctx.db, blocker.id, (db) =>
      applyAttemptStatus(db, blocker.id, { status: "expired", declineCode: "AUTHENTICATION_FAILED" }, "shopper", {
        reason: "replaced by a new payment",
      }),
    );
    return true;
  }
  const settled = await waitWhileSubmitted(ctx.db, blocker);
  if (!isInFlight(settled.status)) return true;
  if (settled.status !== "submitted" || Date.now() - settled.updatedAt.getTime() < STALE_SUBMISSION_MS) return false;
  const reconciled = await reconcileAttempt(ctx.db, ctx.cheqpay, settled, "reconciliation");
  return !isInFlight(reconciled.status);
}

/** The step for an attempt another request made: waits while that request is still talking to Cheqpay. */
async function settledStep(ctx: PaymentContext, attempt: AttemptRow): Promise<PaymentStep> {
  const settled = await waitWhileSubmitted(ctx.db, attempt);
  const [order] = await ctx.db.select({ token: orders.publicToken }).from(orders).where(eq(orders.id, settled.orderId));
  if (settled.status === "submitted" || settled.status === "created") return problem("payment-in-progress", ctx.messages);
  return stepForAttempt(settled, order!.token, ctx.messages);
}

async function waitWhileSubmitted(db: Database, attempt: AttemptRow, timeoutMs = 20_000): Promise<AttemptRow> {
  let current = attempt;
  const deadline = Date.now() + timeoutMs;
  for (let delay = 25; current.status === "submitted" || current.status === "created"; delay = Math.min(delay * 2, 250)) {
    if (Date.now() - current.updatedAt.getTime() > STALE_SUBMISSION_MS || Date.now() > deadline) return current;
    await new Promise((resolve) => setTimeout(resolve, delay));
    const [fresh] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.id, attempt.id));
    current = fresh ?? current;
  }
  return current;
}
