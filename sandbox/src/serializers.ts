// Domain → wire JSON, exactly as the contract shows (flat order, decimal-string payment amounts).
import type { CardSnapshot, Customer, Merchant, Order, Payment, Refund, SavedMethod } from "./types.js";

/** payments[].amount is a decimal string in major units ("1249.00"), per the contract. */
export function majorUnits(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export function cardDetailsJson(card: CardSnapshot) {
  return {
    id: card.id,
    bin: card.bin,
    last4: card.last4,
    brand: card.brand,
    type: card.type,
    country: card.country,
    issuerBank: card.issuerBank,
    expiryMonth: card.expiryMonth,
    expiryYear: card.expiryYear.slice(-2),
  };
}

export function customerJson(customer: Customer) {
  return {
    ...orderCustomerJson(customer),
    active: customer.active,
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
  };
}

export function savedMethodJson(method: SavedMethod) {
  return { id: method.id, type: "CARD", cardDetails: cardDetailsJson(method.card), createdAt: method.createdAt };
}

export function paymentJson(payment: Payment) {
  return {
    id: payment.id,
    status: payment.status,
    paymentMethodType: "CARD",
    amount: majorUnits(payment.amount),
    refundedAmount: majorUnits(payment.refundedAmount),
    paymentMethodId: payment.paymentMethodId,
    declineReason: payment.declineReason,
    createdAt: payment.createdAt,
    updatedAt: payment.updatedAt,
  };
}

export function refundJson(refund: Refund) {
  return { id: refund.id, amount: refund.amount, status: refund.status, reason: refund.reason, createdAt: refund.createdAt };
}

/** The customer as embedded in an order: identity and contact only. */
function orderCustomerJson(customer: Customer) {
  return {
    id: customer.id,
    externalId: customer.externalId,
    firstName: customer.firstName,
    lastName: customer.lastName,
    email: customer.email,
    phoneNumber: customer.phoneNumber,
  };
}

export function isPayerAuthenticationStatus(order: Order): boolean {
  return order.status === "PAYER_AUTHENTICATION_DEVICE_DATA_REQUIRED" || order.status === "PAYER_AUTHENTICATION_CHALLENGE_REQUIRED";
}

export function orderJson(order: Order, merchant: Merchant, publicUrl: string) {
  const threeDs = order.threeDs;
  const payerAuthentication =
    threeDs && isPayerAuthenticationStatus(order)
      ? {
          id: threeDs.payerAuthenticationId,
          url: `${publicUrl}/3ds/${threeDs.stage === "device-data" ? "device-data" : "challenge"}`,
          jwt: threeDs.jwt,
        }
      : undefined;
  return {
    id: order.id,
    externalId: order.externalId,
    externalMerchantReference: order.externalId,
    orderNumber: order.orderNumber,
    amount: order.amount,
    currency: order.currency,
    status: order.status,
    description: order.description,
    refundedAmount: order.refundedAmount,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    paymentMethod: { type: "CARD", id: order.savedMethodId, cardDetails: cardDetailsJson(order.card) },
    customer: orderCustomerFor(merchant.customers.get(order.customerId)),
    ...(payerAuthentication ? { payerAuthentication } : {}),
    payments: order.payments.map(paymentJson),
    billingAddressLine: order.billing?.address ?? null,
    billingCity: order.billing?.city ?? null,
    billingState: order.billing?.state ?? null,
    billingPostalCode: order.billing?.postalCode ?? null,
    billingCountry: order.billing?.country ?? null,
  };
}

function orderCustomerFor(customer: Customer | undefined) {
  return customer ? orderCustomerJson(customer) : null;
}
