// Private mappers between the wire (./wire-schemas.ts) and the app's types (./types.ts).
import { type AmountUnit, fromMajorUnits, fromWireAmount, toWireAmount } from "./amounts";
import { toCardBrand, toPaymentStatus, toRefundStatus } from "./status";
import type {
  CardSummary,
  CreatePaymentOrderInput,
  Customer,
  CustomerInput,
  DeviceInformation,
  PaymentOrder,
  Refund,
  RefundResult,
  SavedPaymentMethod,
} from "./types";
import type {
  WireCardDetails,
  WireCreatePaymentOrderRequest,
  WireCustomerInput,
  WireCustomerWithMethods,
  WireDeviceInformation,
  WirePaymentMethodInput,
  WirePaymentOrder,
  WireRefund,
  WireRefundResponse,
  WireSavedPaymentMethod,
} from "./wire-schemas";

export function toWireCreateRequest(input: CreatePaymentOrderInput, unit: AmountUnit): WireCreatePaymentOrderRequest {
  return {
    externalId: input.externalId,
    amount: toWireAmount(input.amount, unit),
    currency: input.currency,
    ...(input.description ? { description: input.description } : {}),
    customer: toWireCustomer(input.customer),
    paymentMethod: toWirePaymentMethod(input.source),
    ...(input.billingAddress
      ? {
          billingAddress: {
            address: input.billingAddress.line1,
            city: input.billingAddress.city,
            state: input.billingAddress.state,
            postalCode: input.billingAddress.postalCode,
            country: input.billingAddress.country,
          },
        }
      : {}),
    ...(input.device ? { deviceInformation: toWireDevice(input.device) } : {}),
  };
}

function toWirePaymentMethod(source: CreatePaymentOrderInput["source"]): WirePaymentMethodInput {
  if (source.kind === "saved-card") {
    return { type: "payment_method_id", paymentMethodId: source.paymentMethodId, cvc: source.cvc };
  }
  return {
    type: "card",
    cardDetails: {
      number: source.number,
      expiryMonth: String(source.expiryMonth).padStart(2, "0"),
      // The v2 endpoint takes a two-digit year (reference §2.3).
      expiryYear: String(source.expiryYear % 100).padStart(2, "0"),
      cvc: source.cvc,
    },
    persist: source.save,
  };
}

export function toWireCustomer(customer: CustomerInput): WireCustomerInput {
  return {
    ...(customer.id ? { id: customer.id } : {}),
    ...(customer.externalId ? { externalId: customer.externalId } : {}),
    firstName: customer.firstName,
    lastName: customer.lastName,
    email: customer.email,
    ...(customer.phone ? { phoneNumber: customer.phone } : {}),
  };
}

export function toWireDevice(device: DeviceInformation): WireDeviceInformation {
  const text = (value: number | undefined) => (value === undefined ? undefined : String(value));
  const wire: WireDeviceInformation = {
    ipAddress: device.ipAddress,
    userAgent: device.userAgent,
    httpAcceptBrowserValue: device.acceptHeader,
    httpBrowserLanguage: device.language,
    httpBrowserJavaEnabled: device.javaEnabled,
    httpBrowserJavaScriptEnabled: device.javaScriptEnabled,
    httpBrowserColorDepth: text(device.colorDepth),
    httpBrowserScreenHeight: text(device.screenHeight),
    httpBrowserScreenWidth: text(device.screenWidth),
    httpBrowserTimeDifference: text(device.timeZoneOffsetMinutes),
  };
  return Object.fromEntries(Object.entries(wire).filter(([, value]) => value !== undefined)) as WireDeviceInformation;
}

export function fromWirePaymentOrder(wire: WirePaymentOrder, unit: AmountUnit): PaymentOrder {
  const cardDetails = wire.paymentMethod?.cardDetails ?? wire.paymentMethod?.card ?? null;
  const latestPayment = wire.payments?.at(-1) ?? null;
  return {
    id: wire.id,
    externalId: wire.externalId ?? wire.externalMerchantReference ?? null,
    orderNumber: wire.orderNumber ?? null,
    status: toPaymentStatus(wire.status),
    cheqpayStatus: wire.status,
    amount: fromWireAmount(wire.amount, unit),
    currency: wire.currency,
    refundedAmount: refundedAmountOf(wire, unit),
    card: fromWireCard(cardDetails),
    // Only paymentMethod.id names a vaulted method; payments[].paymentMethodId is set for unsaved cards too.
    paymentMethodId: wire.paymentMethod?.id ?? null,
    customerId: wire.customer?.id ?? null,
    payerAuthentication: wire.payerAuthentication ?? null,
    declineReason: latestPayment?.declineReason ?? null,
    createdAt: wire.createdAt ?? null,
  };
}

function refundedAmountOf(wire: WirePaymentOrder, unit: AmountUnit): number {
  if (wire.refundedAmount !== null && wire.refundedAmount !== undefined) return fromWireAmount(wire.refundedAmount, unit);
  // Payment-level amounts are major-unit strings (reference §2.4).
  return (wire.payments ?? []).reduce((sum, payment) => sum + fromMajorUnits(payment.refundedAmount ?? 0), 0);
}

export function fromWireCard(card: WireCardDetails | null | undefined): CardSummary | null {
  if (!card?.last4) return null;
  const month = card.expiryMonth === null || card.expiryMonth === undefined ? null : Number(card.expiryMonth);
  const rawYear = card.expiryYear === null || card.expiryYear === undefined ? null : Number(card.expiryYear);
  return {
    brand: toCardBrand(card.brand),
    last4: card.last4,
    expiryMonth: month !== null && Number.isInteger(month) ? month : null,
    expiryYear: rawYear !== null && Number.isInteger(rawYear) ? (rawYear < 100 ? 2000 + rawYear : rawYear) : null,
  };
}

export function fromWireRefund(wire: WireRefund, unit: AmountUnit): Refund {
  return {
    id: wire.id,
    amount: fromWireAmount(wire.amount, unit),
    status: toRefundStatus(wire.status),
    reason: wire.reason ?? null,
    createdAt: wire.createdAt ?? null,
  };
}

export function fromWireRefundResponse(wire: WireRefundResponse, unit: AmountUnit): RefundResult {
  const order = wire.paymentOrder;
  const amount = fromWireAmount(order.amount, unit);
  const refundedAmount = fromWireAmount(order.refundedAmount ?? 0, unit);
  return {
    refund: fromWireRefund(wire.refund, unit),
    order: {
      id: order.id,
      status: toPaymentStatus(order.status),
      amount,
      refundedAmount,
      netAmount: order.netAmount === null || order.netAmount === undefined ? amount - refundedAmount : fromWireAmount(order.netAmount, unit),
    },
  };
}

export function fromWireSavedMethod(wire: WireSavedPaymentMethod): SavedPaymentMethod {
  return { id: wire.id, card: fromWireCard(wire.cardDetails ?? wire.card), createdAt: wire.createdAt ?? null };
}

export function fromWireCustomer(wire: WireCustomerWithMethods): Customer {
  return {
    id: wire.id,
    externalId: wire.externalId ?? null,
    firstName: wire.firstName ?? null,
    lastName: wire.lastName ?? null,
    email: wire.email ?? null,
    phone: wire.phoneNumber ?? null,
    paymentMethods: (wire.paymentMethods ?? []).map(fromWireSavedMethod),
  };
}
