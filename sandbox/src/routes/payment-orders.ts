// POST /v2/payment-orders (+ /payment-orders, /checkout/pay), GET by id or externalId, list.
import { createHmac } from "node:crypto";
import type { ApiRequest, ApiResult } from "../api-types.js";
import {
  EXPIRED_DECLINE,
  amountTrigger,
  behaviourOf,
  brandOf,
  isExpired,
  issuerBankFor,
  needsThreeDs,
  type Decline,
} from "../cards.js";
import { checkNewCustomer, commitOrderCustomer, findOrderCustomer } from "../customer-upsert.js";
import { ApiError, internalError, notFound } from "../errors.js";
import { approve, declineError, fail, startAttempt, startDeviceData } from "../order-lifecycle.js";
import { parseCreateOrder, type CreateOrderInput, type NewCardInput } from "../payment-order-input.js";
import type { Runtime } from "../runtime.js";
import { orderJson } from "../serializers.js";
import { findOrder, insertOrder } from "../store.js";
import type { CardSnapshot, Order } from "../types.js";
import { FieldErrors, readIsoDate, readPagination } from "../validation.js";

function snapshotCard(rt: Runtime, input: NewCardInput): CardSnapshot {
  const brand = brandOf(input.number);
  return {
    id: rt.ids.uuid(),
    bin: input.number.slice(0, 6),
    last4: input.number.slice(-4),
    brand,
    type: "CREDIT",
    country: "MX",
    issuerBank: issuerBankFor(brand),
    expiryMonth: input.expiryMonth,
    expiryYear: input.expiryYear,
    behaviour: behaviourOf(input.number),
    fingerprint: createHmac("sha256", rt.fingerprintKey).update(`${input.number}|${input.expiryMonth}|${input.expiryYear}`).digest("hex"),
  };
}

/** §10 for an existing order that is not FAILED: replay (200) or conflict (409). */
function replayExisting(request: ApiRequest, existing: Order, input: CreateOrderInput): ApiResult {
  if (existing.status === "CANCELLED") {
    throw new ApiError(409, "DUPLICATE", `Payment order with externalId ${input.externalId} was cancelled`, { paymentOrderId: existing.id });
  }
  if (existing.amount !== input.amount || existing.currency !== input.currency) {
    throw new ApiError(409, "DUPLICATE", `A payment order with externalId ${input.externalId} already exists with a different amount or currency`, {
      paymentOrderId: existing.id,
    });
  }
  return { status: 200, body: orderJson(existing, request.merchant, request.rt.publicUrl) };
}

/** The first reason this attempt is declined before any 3-D Secure step (ASSUMPTION: triggers apply up front). */
function declineFor(card: CardSnapshot, amount: number): Decline | null {
  if (card.behaviour.kind === "decline" && card.behaviour.decline.code === "INVALID_CARD") return card.behaviour.decline;
  if (isExpired(card.expiryMonth, card.expiryYear, new Date())) return EXPIRED_DECLINE;
  if (card.behaviour.kind === "decline") return card.behaviour.decline;
  return amountTrigger(amount);
}

export function createPaymentOrder(request: ApiRequest): ApiResult {
  const { rt, merchant } = request;
  const input = parseCreateOrder(request.body);
  const existing = merchant.ordersByExternalId.get(input.externalId);
  if (existing && existing.status !== "FAILED") return replayExisting(request, existing, input);

  // Resolve everything that can still fail with 400/404/500 before touching the store.
  const customer = findOrderCustomer(merchant, input.customer);
  let card: CardSnapshot | undefined;
  let savedMethodId: string | null = null;
  if (input.method.kind === "saved") {
    const method = merchant.savedMethods.get(input.method.paymentMethodId);
    // Only the owner may use a saved card; anyone else (or another merchant) gets "not found".
    if (!method || !customer || method.customerId !== customer.id) throw notFound("Payment method");
    card = method.card;
    savedMethodId = method.id;
  }
  if (!customer) checkNewCustomer(input.customer);
  if (input.method.kind === "card") card = snapshotCard(rt, input.method);
  if (!card) throw new Error("unreachable: no card");
  if (card.behaviour.kind === "processor-error") throw internalError("The payment processor failed; nothing was charged");

  const owner = commitOrderCustomer(rt, merchant, customer, input.customer);
  const now = new Date();
  let order: Order;
  if (existing) {
    // §10: after FAILED, a new attempt on the same order (new payments[] entry).
    order = existing;
    Object.assign(order, {
      amount: input.amount,
      currency: input.currency,
      description: input.description ?? order.description,
      customerId: owner.id,
      card,
      savedMethodId,
      persistOnSuccess: input.method.kind === "card" && input.method.persist,
      billing: input.billing ?? order.billing,
    });
  } else {
    order = {
      id: rt.ids.uuid(),
      merchantId: merchant.id,
      externalId: input.externalId,
      orderNumber: rt.ids.orderNumber(merchant.id, now),
      amount: input.amount,
      currency: input.currency,
      status: "PENDING",
      description: input.description,
      refundedAmount: 0,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      createdAtMs: now.getTime(),
      customerId: owner.id,
      card,
      savedMethodId,
      persistOnSuccess: input.method.kind === "card" && input.method.persist,
      billing: input.billing,
      payments: [],
      refunds: [],
      threeDs: null,
    };
    insertOrder(merchant, order);
  }
  startAttempt(rt, order);

  const decline = declineFor(card, order.amount);
  if (decline) {
    fail(rt, merchant, order, decline.reason);
    throw declineError(decline, order.id);
  }
  if (needsThreeDs(card.behaviour) && order.amount >= rt.config.threeDsMinAmount) startDeviceData(rt, merchant, order);
  else approve(rt, merchant, order);
  return { status: 201, body: orderJson(order, merchant, rt.publicUrl) };
}

export function getPaymentOrder(request: ApiRequest): ApiResult {
  const order = findOrder(request.merchant, request.params.id ?? "");
  if (!order) throw notFound("Payment order");
  return { status: 200, body: orderJson(order, request.merchant, request.rt.publicUrl) };
}

export function listPaymentOrders(request: ApiRequest): ApiResult {
  const { query, merchant, rt } = request;
  const errors = new FieldErrors();
  const { limit, offset } = readPagination(query, errors);
  const start = readIsoDate(query, "startDate", errors);
  const end = readIsoDate(query, "endDate", errors);
  errors.throwIfAny();
  const status = query.get("status") || undefined;
  const customerId = query.get("customerId") || undefined;
  const externalId = query.get("externalId") || undefined;
  const matches: Order[] = [];
  for (let i = merchant.orderList.length - 1; i >= 0; i--) {
    const order = merchant.orderList[i];
    if (!order) continue;
    if (status !== undefined && order.status !== status) continue;
    if (customerId !== undefined && order.customerId !== customerId) continue;
    if (externalId !== undefined && order.externalId !== externalId) continue;
    if (start !== undefined && order.createdAtMs < start) continue;
    if (end !== undefined && order.createdAtMs > end) continue;
    matches.push(order);
  }
  const data = matches.slice(offset, offset + limit).map((order) => orderJson(order, merchant, rt.publicUrl));
  return { status: 200, body: { data, total: matches.length, limit, offset } };
}
