// POST /v2/payment-orders/{id}/refund and GET /payment-orders/{id}/refunds (§6).
import type { ApiRequest, ApiResult } from "../api-types.js";
import { invalidState, notFound, validationError } from "../errors.js";
import { currentPayment } from "../order-lifecycle.js";
import { refundJson } from "../serializers.js";
import { findOrder } from "../store.js";
import type { Order, Refund } from "../types.js";
import { FieldErrors, isObject, readPositiveInteger, readString } from "../validation.js";

function loadOrder(request: ApiRequest): Order {
  const order = findOrder(request.merchant, request.params.id ?? "");
  if (!order) throw notFound("Payment order");
  return order;
}

export function refundPaymentOrder(request: ApiRequest): ApiResult {
  const { rt, merchant } = request;
  const order = loadOrder(request);
  // The body is optional: {} or no body at all means "refund what remains".
  const body = request.body === undefined || request.body === null ? {} : request.body;
  if (!isObject(body)) throw validationError([{ field: "body", message: "must be a JSON object" }]);
  const errors = new FieldErrors();
  const requested = readPositiveInteger(body, "amount", "amount", errors, false);
  const reason = readString(body, "reason", "reason", errors, { max: 500 });
  errors.throwIfAny();
  if (order.status !== "COMPLETED" && order.status !== "PARTIALLY_REFUNDED") {
    throw invalidState(`Only COMPLETED or PARTIALLY_REFUNDED payment orders can be refunded; this one is ${order.status}`);
  }
  const remaining = order.amount - order.refundedAmount;
  const amount = requested ?? remaining;
  if (amount > remaining) {
    throw validationError([{ field: "amount", message: `exceeds the refundable amount (${remaining})` }], 422);
  }
  const now = new Date().toISOString();
  const refund: Refund = { id: rt.ids.uuid(), amount, status: "COMPLETED", reason: reason ?? null, createdAt: now };
  order.refunds.push(refund);
  order.refundedAmount += amount;
  order.status = order.refundedAmount >= order.amount ? "REFUNDED" : "PARTIALLY_REFUNDED";
  order.updatedAt = now;
  const payment = currentPayment(order);
  payment.refundedAmount += amount;
  if (payment.refundedAmount >= payment.amount) payment.status = "REFUNDED";
  payment.updatedAt = now;
  rt.webhooks.emit(merchant, "payment.refund.success", order, refund);
  return {
    status: 201,
    body: {
      paymentOrder: {
        id: order.id,
        status: order.status,
        amount: order.amount,
        refundedAmount: order.refundedAmount,
        netAmount: order.amount - order.refundedAmount,
      },
      refund: refundJson(refund),
    },
  };
}

export function listRefunds(request: ApiRequest): ApiResult {
  const order = loadOrder(request);
  return { status: 200, body: { data: order.refunds.map(refundJson) } };
}
