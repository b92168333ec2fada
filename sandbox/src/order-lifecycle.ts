// Status transitions of a payment order and the webhooks each one emits (contract W-4):
// sale → auth.success then capture.success; decline → auth.failed; 3-D Secure started → auth.pending.
import { type Decline } from "./cards.js";
import { ApiError } from "./errors.js";
import { signThreeDsJwt } from "./jwt.js";
import type { Runtime } from "./runtime.js";
import type { Merchant, Order, Payment, SavedMethod, ThreeDsStage } from "./types.js";

export function currentPayment(order: Order): Payment {
  const payment = order.payments[order.payments.length - 1];
  if (!payment) throw new Error(`order ${order.id} has no payment`);
  return payment;
}

function touch(order: Order, payment?: Payment): string {
  const now = new Date().toISOString();
  order.updatedAt = now;
  if (payment) payment.updatedAt = now;
  return now;
}

export function startAttempt(rt: Runtime, order: Order): Payment {
  const now = touch(order);
  const payment: Payment = {
    id: rt.ids.uuid(),
    status: "PENDING_CAPTURE",
    amount: order.amount,
    refundedAmount: 0,
    paymentMethodId: order.savedMethodId ?? order.card.id,
    declineReason: null,
    createdAt: now,
    updatedAt: now,
  };
  order.payments.push(payment);
  order.status = "PENDING";
  order.threeDs = null;
  return payment;
}

/** persist: true → the card joins the customer's vault once it has been charged successfully. */
function vaultCard(rt: Runtime, merchant: Merchant, order: Order): void {
  if (!order.persistOnSuccess || order.savedMethodId) return;
  let method: SavedMethod | undefined;
  for (const candidate of merchant.savedMethods.values()) {
    // ASSUMPTION: the same card saved twice by one customer is one vaulted method.
    if (candidate.customerId === order.customerId && candidate.card.fingerprint === order.card.fingerprint) {
      method = candidate;
      break;
    }
  }
  if (!method) {
    method = { id: rt.ids.uuid(), customerId: order.customerId, card: order.card, createdAt: new Date().toISOString() };
    merchant.savedMethods.set(method.id, method);
  }
  order.savedMethodId = method.id;
  currentPayment(order).paymentMethodId = method.id;
}

/** Authorises, then captures at once when autoCapture is on (reference §12.8). */
export function approve(rt: Runtime, merchant: Merchant, order: Order): void {
  const payment = currentPayment(order);
  vaultCard(rt, merchant, order);
  order.status = "AUTHORIZED";
  order.threeDs = null;
  touch(order, payment);
  rt.webhooks.emit(merchant, "payment.auth.success", order);
  if (!rt.config.autoCapture) return;
  order.status = "COMPLETED";
  payment.status = "CAPTURED";
  touch(order, payment);
  rt.webhooks.emit(merchant, "payment.capture.success", order);
}

export function fail(rt: Runtime, merchant: Merchant, order: Order, declineReason: string): void {
  const payment = currentPayment(order);
  order.status = "FAILED";
  order.threeDs = null;
  payment.status = "FAILED";
  payment.declineReason = declineReason;
  touch(order, payment);
  rt.webhooks.emit(merchant, "payment.auth.failed", order);
}

export function declineError(decline: Decline, orderId: string): ApiError {
  return new ApiError(422, decline.code, decline.message, { declineReason: decline.reason, paymentOrderId: orderId });
}

export function authenticationFailedError(orderId: string): ApiError {
  return new ApiError(422, "AUTHENTICATION_FAILED", "3-D Secure authentication failed", {
    declineReason: "authentication_failed",
    paymentOrderId: orderId,
  });
}

function enterStage(rt: Runtime, merchant: Merchant, order: Order, stage: ThreeDsStage, returnUrl: string | null): void {
  const payerAuthenticationId = rt.ids.uuid();
  const jwt = signThreeDsJwt(
    { merchantId: merchant.id, orderId: order.id, payerAuthenticationId, stage },
    rt.config.threeDsTtlMs,
    rt.jwtSecret,
  );
  const previousSessions = order.threeDs?.sessionIds ?? new Set<string>();
  order.threeDs = {
    stage,
    payerAuthenticationId,
    jwt,
    startedAt: Date.now(),
    sessionIds: previousSessions,
    returnUrl,
    challengeOutcome: null,
  };
  order.status = stage === "device-data" ? "PAYER_AUTHENTICATION_DEVICE_DATA_REQUIRED" : "PAYER_AUTHENTICATION_CHALLENGE_REQUIRED";
  touch(order);
}

export function startDeviceData(rt: Runtime, merchant: Merchant, order: Order): void {
  enterStage(rt, merchant, order, "device-data", null);
  rt.webhooks.emit(merchant, "payment.auth.pending", order);
}

export function startChallenge(rt: Runtime, merchant: Merchant, order: Order, returnUrl: string): void {
  enterStage(rt, merchant, order, "challenge", returnUrl);
}

/** A-3-5: a 3-D Secure stage older than the TTL fails the order; the caller gets 409 INVALID_STATE. */
export function failIfSessionExpired(rt: Runtime, merchant: Merchant, order: Order): void {
  if (!order.threeDs || Date.now() - order.threeDs.startedAt <= rt.config.threeDsTtlMs) return;
  fail(rt, merchant, order, "authentication_failed");
  throw new ApiError(409, "INVALID_STATE", "The 3-D Secure session has expired; the payment order is now FAILED", {
    declineReason: "authentication_failed",
    paymentOrderId: order.id,
  });
}
