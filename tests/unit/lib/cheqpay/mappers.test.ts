// The wire mapping, seen through the public client with a capturing fetch (our transport boundary).
import { describe, expect, it } from "vitest";
import { createCheqpayClient, type CreatePaymentOrderInput } from "@/lib/cheqpay";
import { fakeFetch, noSleep, wireOrder } from "../../../support/fake-fetch";

const baseUrl = "https://api.cheqpay.test/pos";

function clientWith(fake: ReturnType<typeof fakeFetch>, amountUnit: "minor" | "major" = "minor") {
  return createCheqpayClient({ baseUrl, apiKey: "sk_test_unit", merchantId: "m_unit", fetch: fake.fetch, sleep: noSleep, amountUnit });
}

const newCardInput = (overrides: Partial<CreatePaymentOrderInput> = {}): CreatePaymentOrderInput => ({
  externalId: "att_unit_1",
  amount: 124900,
  currency: "MXN",
  description: "Two tickets",
  customer: { externalId: "user-1", firstName: "Ana", lastName: "López", email: "ana@example.com", phone: "+525512345678" },
  source: { kind: "new-card", number: "4111111111111111", expiryMonth: 3, expiryYear: 2030, cvc: "123", save: true },
  billingAddress: { line1: "Av. Reforma 1", city: "CDMX", state: "CDMX", postalCode: "06600", country: "MX" },
  device: { ipAddress: "203.0.113.7", userAgent: "UA", language: "es-MX", javaEnabled: false, screenWidth: 1920, timeZoneOffsetMinutes: 360 },
  ...overrides,
});

describe("toWireCreateRequest", () => {
  it("sends a new card with a padded month, a two-digit year and persist", async () => {
    const fake = fakeFetch({ status: 201, json: wireOrder() });
    await clientWith(fake).createPaymentOrder(newCardInput());
    expect(fake.requests[0]?.body).toEqual({
      externalId: "att_unit_1",
      amount: 124900,
      currency: "MXN",
      description: "Two tickets",
      customer: { externalId: "user-1", firstName: "Ana", lastName: "López", email: "ana@example.com", phoneNumber: "+525512345678" },
      paymentMethod: {
        type: "card",
        cardDetails: { number: "4111111111111111", expiryMonth: "03", expiryYear: "30", cvc: "123" },
        persist: true,
      },
      billingAddress: { address: "Av. Reforma 1", city: "CDMX", state: "CDMX", postalCode: "06600", country: "MX" },
      deviceInformation: {
        ipAddress: "203.0.113.7",
        userAgent: "UA",
        httpBrowserLanguage: "es-MX",
        httpBrowserJavaEnabled: false,
        httpBrowserScreenWidth: "1920",
        httpBrowserTimeDifference: "360",
      },
    });
  });

  it("pads a year of the first decade to two digits and sends persist false when not saving", async () => {
    const fake = fakeFetch({ status: 201, json: wireOrder() });
    const source = { kind: "new-card", number: "5555555555554444", expiryMonth: 12, expiryYear: 2105, cvc: "999", save: false } as const;
    await clientWith(fake).createPaymentOrder(newCardInput({ source }));
    expect(fake.requests[0]?.body).toMatchObject({
      paymentMethod: { type: "card", cardDetails: { expiryMonth: "12", expiryYear: "05" }, persist: false },
    });
  });

  it("sends a saved card as payment_method_id with its CVC and the owner's Cheqpay id", async () => {
    const fake = fakeFetch({ status: 201, json: wireOrder() });
    const input = newCardInput({
      customer: { id: "cus-1", firstName: "Ana", lastName: "López", email: "ana@example.com" },
      source: { kind: "saved-card", paymentMethodId: "pm-1", cvc: "321" },
    });
    await clientWith(fake).createPaymentOrder(input);
    const body = fake.requests[0]?.body as Record<string, unknown>;
    expect(body.paymentMethod).toEqual({ type: "payment_method_id", paymentMethodId: "pm-1", cvc: "321" });
    expect(body.customer).toEqual({ id: "cus-1", firstName: "Ana", lastName: "López", email: "ana@example.com" });
  });

  it("leaves out the optional description, billing address and device when not given", async () => {
    const fake = fakeFetch({ status: 201, json: wireOrder() });
    await clientWith(fake).createPaymentOrder(newCardInput({ description: undefined, billingAddress: undefined, device: undefined }));
    expect(Object.keys(fake.requests[0]?.body as object).sort()).toEqual(["amount", "currency", "customer", "externalId", "paymentMethod"]);
  });

  it("sends amounts in pesos when the wire unit is major", async () => {
    const fake = fakeFetch({ status: 201, json: wireOrder({ amount: 1249.5 }) });
    const order = await clientWith(fake, "major").createPaymentOrder(newCardInput({ amount: 124950 }));
    expect(fake.requests[0]?.body).toMatchObject({ amount: 1249.5 });
    expect(order.amount).toBe(124950);
  });

  it("posts to /v2/payment-orders under the base URL with x-api-key, x-merchant-id and x-request-id", async () => {
    const fake = fakeFetch({ status: 201, json: wireOrder() });
    await clientWith(fake).createPaymentOrder(newCardInput(), { requestId: "req-42" });
    const request = fake.requests[0]!;
    expect(request.method).toBe("POST");
    expect(request.url).toBe(`${baseUrl}/v2/payment-orders`);
    expect(request.headers).toMatchObject({
      "x-api-key": "sk_test_unit",
      "x-merchant-id": "m_unit",
      "x-request-id": "req-42",
      "content-type": "application/json",
    });
  });

  it("generates a request id when the caller gives none", async () => {
    const fake = fakeFetch({ status: 200, json: wireOrder() });
    await clientWith(fake).getPaymentOrder("att_unit_1");
    expect(fake.requests[0]?.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("fromWirePaymentOrder", () => {
  it("maps a completed card order to the app's shape", async () => {
    const fake = fakeFetch({ status: 200, json: wireOrder() });
    const order = await clientWith(fake).getPaymentOrder("0b6f3c1e-0000-4000-8000-000000000001");
    expect(order).toEqual({
      id: "0b6f3c1e-0000-4000-8000-000000000001",
      externalId: "att_unit_1",
      orderNumber: "C26112500001",
      status: "succeeded",
      cheqpayStatus: "COMPLETED",
      amount: 124900,
      currency: "MXN",
      refundedAmount: 0,
      card: { brand: "visa", last4: "1111", expiryMonth: 12, expiryYear: 2030 },
      paymentMethodId: "pm-1",
      customerId: "cus-1",
      payerAuthentication: null,
      declineReason: null,
      createdAt: "2026-11-25T10:00:00.000Z",
    });
  });

  it("keeps the payer authentication of an order waiting for 3-D Secure", async () => {
    const payerAuthentication = { id: "pa-1", url: "http://127.0.0.1:4010/3ds/device-data", jwt: "jwt.value" };
    const fake = fakeFetch({ status: 201, json: wireOrder({ status: "PAYER_AUTHENTICATION_DEVICE_DATA_REQUIRED", payerAuthentication }) });
    const order = await clientWith(fake).getPaymentOrder("x");
    expect(order.status).toBe("requires_device_data");
    expect(order.payerAuthentication).toEqual(payerAuthentication);
  });

  it("takes the decline reason and refunded amount from the latest payment when the order lacks them", async () => {
    const payments = [
      { id: "p1", status: "FAILED", amount: "1249.00", refundedAmount: "0.00", declineReason: "insufficient_funds" },
      { id: "p2", status: "CAPTURED", amount: "1249.00", refundedAmount: "200.50", declineReason: "do_not_honor" },
    ];
    const fake = fakeFetch({ status: 200, json: wireOrder({ refundedAmount: null, payments, paymentMethod: null }) });
    const order = await clientWith(fake).getPaymentOrder("x");
    expect(order.declineReason).toBe("do_not_honor");
    expect(order.refundedAmount).toBe(20050);
    expect(order.card).toBeNull();
    expect(order.paymentMethodId).toBeNull();
  });

  it("reports no saved method for a card that was not vaulted, even though its payment names a method", async () => {
    const paymentMethod = { type: "CARD", cardDetails: { id: "cd-9", last4: "1111", brand: "VISA" } };
    const payments = [{ id: "p1", status: "CAPTURED", paymentMethodId: "cd-9" }];
    const fake = fakeFetch({ status: 201, json: wireOrder({ paymentMethod, payments }) });
    const order = await clientWith(fake).getPaymentOrder("x");
    expect(order.paymentMethodId).toBeNull();
  });

  it("reads an AMEX card with a four-digit year and the externalMerchantReference alone", async () => {
    const paymentMethod = { type: "CARD", card: { last4: "0005", brand: "American Express", expiryMonth: 7, expiryYear: "2031" } };
    const fake = fakeFetch({ status: 200, json: wireOrder({ paymentMethod, externalId: undefined }) });
    const order = await clientWith(fake).getPaymentOrder("x");
    expect(order.card).toEqual({ brand: "amex", last4: "0005", expiryMonth: 7, expiryYear: 2031 });
    expect(order.externalId).toBe("att_unit_1");
  });
});

describe("fromWireRefundResponse", () => {
  it("maps a partial refund, computing netAmount when Cheqpay omits it", async () => {
    const json = {
      paymentOrder: { id: "o1", status: "PARTIALLY_REFUNDED", amount: 124900, refundedAmount: 20000 },
      refund: { id: "r1", amount: 20000, status: "COMPLETED", reason: "requested_by_customer", createdAt: "2026-11-25T10:00:00Z" },
    };
    const fake = fakeFetch({ status: 201, json });
    const result = await clientWith(fake).refundPaymentOrder({ paymentOrderId: "o1", amount: 20000, reason: "requested_by_customer" });
    expect(fake.requests[0]?.body).toEqual({ amount: 20000, reason: "requested_by_customer" });
    expect(result).toEqual({
      refund: { id: "r1", amount: 20000, status: "succeeded", reason: "requested_by_customer", createdAt: "2026-11-25T10:00:00Z" },
      order: { id: "o1", status: "partially_refunded", amount: 124900, refundedAmount: 20000, netAmount: 104900 },
    });
  });

  it("leaves the amount out for a full refund", async () => {
    const json = {
      paymentOrder: { id: "o1", status: "REFUNDED", amount: 1000, refundedAmount: 1000, netAmount: 0 },
      refund: { id: "r1", amount: 1000, status: "COMPLETED" },
    };
    const fake = fakeFetch({ status: 201, json });
    const result = await clientWith(fake).refundPaymentOrder({ paymentOrderId: "o1", reason: "duplicate" });
    expect(fake.requests[0]?.body).toEqual({ reason: "duplicate" });
    expect(result.order.status).toBe("refunded");
    expect(result.order.netAmount).toBe(0);
  });
});

describe("fromWireCustomer", () => {
  it("maps a customer with its saved cards", async () => {
    const json = {
      id: "cus-1",
      externalId: "user-1",
      firstName: "Ana",
      lastName: null,
      email: "ana@example.com",
      phoneNumber: "+525512345678",
      paymentMethods: [{ id: "pm-1", type: "CARD", cardDetails: { last4: "4444", brand: "MASTERCARD", expiryMonth: "01", expiryYear: "29" } }],
    };
    const fake = fakeFetch({ status: 200, json });
    const customer = await clientWith(fake).getCustomer("user-1");
    expect(fake.requests[0]?.url).toBe(`${baseUrl}/customers/user-1`);
    expect(customer).toEqual({
      id: "cus-1",
      externalId: "user-1",
      firstName: "Ana",
      lastName: null,
      email: "ana@example.com",
      phone: "+525512345678",
      paymentMethods: [{ id: "pm-1", card: { brand: "mastercard", last4: "4444", expiryMonth: 1, expiryYear: 2029 }, createdAt: null }],
    });
  });
});
