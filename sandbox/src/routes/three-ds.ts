// 3-D Secure API steps (§4): payer-authentication (after device data) and validate (after the challenge).
import type { ApiRequest, ApiResult } from "../api-types.js";
import { invalidState, notFound, validationError } from "../errors.js";
import {
  approve,
  authenticationFailedError,
  fail,
  failIfSessionExpired,
  startChallenge,
} from "../order-lifecycle.js";
import { orderJson } from "../serializers.js";
import { findOrder } from "../store.js";
import type { Order } from "../types.js";
import { FieldErrors, isObject, readHttpUrl, readString, requireObjectBody } from "../validation.js";

function loadOrder(request: ApiRequest): Order {
  const order = findOrder(request.merchant, request.params.id ?? "");
  if (!order) throw notFound("Payment order");
  return order;
}

function ok(request: ApiRequest, order: Order): ApiResult {
  return { status: 200, body: orderJson(order, request.merchant, request.rt.publicUrl) };
}

export function initiatePayerAuthentication(request: ApiRequest): ApiResult {
  const { rt, merchant } = request;
  const order = loadOrder(request);
  const body = requireObjectBody(request.body);
  const errors = new FieldErrors();
  if (!isObject(body.deviceInformation)) {
    errors.add("deviceInformation", body.deviceInformation === undefined || body.deviceInformation === null ? "is required" : "must be an object");
  }
  const sessionId = readString(body, "collectionReferenceId", "collectionReferenceId", errors, { required: true });
  const returnUrl = readHttpUrl(body, "returnUrl", "returnUrl", errors, true);
  errors.throwIfAny();
  if (order.status !== "PAYER_AUTHENTICATION_DEVICE_DATA_REQUIRED" || !order.threeDs) {
    throw invalidState(`Payer authentication cannot start: the payment order is ${order.status}`);
  }
  failIfSessionExpired(rt, merchant, order);
  if (sessionId === undefined || returnUrl === undefined) throw new Error("unreachable: validated");
  if (!order.threeDs.sessionIds.has(sessionId)) {
    throw validationError([{ field: "collectionReferenceId", message: "is not a SessionId issued for this payment order's device data collection" }]);
  }
  const behaviour = order.card.behaviour;
  if (behaviour.kind === "frictionless") {
    if (behaviour.success) {
      approve(rt, merchant, order);
      return ok(request, order);
    }
    fail(rt, merchant, order, "authentication_failed");
    throw authenticationFailedError(order.id);
  }
  startChallenge(rt, merchant, order, returnUrl);
  return ok(request, order);
}

export function validatePayerAuthentication(request: ApiRequest): ApiResult {
  const { rt, merchant } = request;
  const order = loadOrder(request);
  const body = requireObjectBody(request.body);
  const errors = new FieldErrors();
  const transactionId = readString(body, "authenticationTransactionId", "authenticationTransactionId", errors, { required: true });
  errors.throwIfAny();
  if (order.status !== "PAYER_AUTHENTICATION_CHALLENGE_REQUIRED" || !order.threeDs) {
    throw invalidState(`Payer authentication cannot be validated: the payment order is ${order.status}`);
  }
  failIfSessionExpired(rt, merchant, order);
  if (transactionId !== order.threeDs.payerAuthenticationId) {
    throw validationError([{ field: "authenticationTransactionId", message: "does not match this payment order's challenge" }]);
  }
  const outcome = order.threeDs.challengeOutcome;
  if (outcome === null) throw invalidState("The shopper has not completed the 3-D Secure challenge yet");
  if (outcome === "success") {
    approve(rt, merchant, order);
    return ok(request, order);
  }
  fail(rt, merchant, order, "authentication_failed");
  throw authenticationFailedError(order.id);
}
