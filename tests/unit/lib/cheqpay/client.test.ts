// The client's own logic beyond mapping: 3-D Secure recovery after a lost answer, customers, lists.
import { describe, expect, it } from "vitest";
import { CheqpayConflictError, CheqpayDeclinedError, createCheqpayClient } from "@/lib/cheqpay";
import { fakeFetch, noSleep, type ScriptedAnswer, wireOrder } from "../../../support/fake-fetch";

const baseUrl = "https://api.cheqpay.test/pos";
const client = (...answers: ScriptedAnswer[]) => {
  const fake = fakeFetch(...answers);
  return { fake, client: createCheqpayClient({ baseUrl, apiKey: "k", merchantId: "m", fetch: fake.fetch, sleep: noSleep }) };
};
const invalidState: ScriptedAnswer = { status: 409, json: { error: { code: "INVALID_STATE", message: "wrong state" } } };
const duplicate: ScriptedAnswer = { status: 409, json: { error: { code: "DUPLICATE", message: "dup" } } };
const validateInput = { paymentOrderId: "o1", authenticationTransactionId: "tx-1" };
const initiateInput = { paymentOrderId: "o1", collectionReferenceId: "sess-1", returnUrl: "https://shop.test/3ds/return", device: { ipAddress: "203.0.113.7" } };

describe("validatePayerAuthentication", () => {
  it("posts the transaction id to the validate path and returns the completed order", async () => {
    const { client: c, fake } = client({ status: 200, json: wireOrder({ id: "o1" }) });
    const order = await c.validatePayerAuthentication(validateInput);
    expect(fake.requests[0]?.url).toBe(`${baseUrl}/v2/payment-orders/o1/payer-authentication/validate`);
    expect(fake.requests[0]?.body).toEqual({ authenticationTransactionId: "tx-1" });
    expect(order.status).toBe("succeeded");
  });

  it("answers an INVALID_STATE with the order when an earlier try already completed it", async () => {
    const { client: c, fake } = client(invalidState, { status: 200, json: wireOrder({ id: "o1" }) });
    const order = await c.validatePayerAuthentication(validateInput);
    expect(order.status).toBe("succeeded");
    expect(fake.requests.map((r) => r.method)).toEqual(["POST", "GET"]);
    expect(fake.requests[1]?.url).toBe(`${baseUrl}/v2/payment-orders/o1`);
  });

  it("turns an INVALID_STATE on an order that failed into an AUTHENTICATION_FAILED decline", async () => {
    const failed = wireOrder({ id: "o1", status: "FAILED", payments: [{ id: "p", status: "FAILED", declineReason: "authentication_failed" }] });
    const { client: c } = client(invalidState, { status: 200, json: failed });
    const error = await c.validatePayerAuthentication(validateInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheqpayDeclinedError);
    expect(error).toMatchObject({ code: "AUTHENTICATION_FAILED", declineReason: "authentication_failed", paymentOrderId: "o1" });
  });

  it("keeps the INVALID_STATE conflict when the challenge is still unanswered", async () => {
    const waiting = wireOrder({ id: "o1", status: "PAYER_AUTHENTICATION_CHALLENGE_REQUIRED" });
    const { client: c } = client(invalidState, { status: 200, json: waiting });
    const error = await c.validatePayerAuthentication(validateInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheqpayConflictError);
    expect(error).toMatchObject({ code: "INVALID_STATE" });
  });

  it("does not read the order back for a conflict other than INVALID_STATE", async () => {
    const { client: c, fake } = client(duplicate, { status: 200, json: wireOrder() });
    await expect(c.validatePayerAuthentication(validateInput)).rejects.toBeInstanceOf(CheqpayConflictError);
    expect(fake.requests).toHaveLength(1);
  });
});

describe("initiatePayerAuthentication", () => {
  it("sends device information, the session id and the return URL", async () => {
    const challenge = wireOrder({
      id: "o1",
      status: "PAYER_AUTHENTICATION_CHALLENGE_REQUIRED",
      payerAuthentication: { id: "tx-1", url: "http://sandbox.test/3ds/challenge", jwt: "j" },
    });
    const { client: c, fake } = client({ status: 200, json: challenge });
    const order = await c.initiatePayerAuthentication(initiateInput);
    expect(fake.requests[0]?.url).toBe(`${baseUrl}/v2/payment-orders/o1/payer-authentication`);
    expect(fake.requests[0]?.body).toEqual({
      deviceInformation: { ipAddress: "203.0.113.7" },
      collectionReferenceId: "sess-1",
      returnUrl: "https://shop.test/3ds/return",
    });
    expect(order.status).toBe("requires_challenge");
    expect(order.payerAuthentication?.id).toBe("tx-1");
  });

  it("answers an INVALID_STATE with the order when it has moved on to the challenge", async () => {
    const challenge = wireOrder({ id: "o1", status: "PAYER_AUTHENTICATION_CHALLENGE_REQUIRED" });
    const { client: c } = client(invalidState, { status: 200, json: challenge });
    await expect(c.initiatePayerAuthentication(initiateInput)).resolves.toMatchObject({ status: "requires_challenge" });
  });

  it("keeps the conflict when the order still waits for device data", async () => {
    const waiting = wireOrder({ id: "o1", status: "PAYER_AUTHENTICATION_DEVICE_DATA_REQUIRED" });
    const { client: c } = client(invalidState, { status: 200, json: waiting });
    await expect(c.initiatePayerAuthentication(initiateInput)).rejects.toBeInstanceOf(CheqpayConflictError);
  });
});

describe("upsertCustomer", () => {
  it("posts by externalId only, never a Cheqpay id", async () => {
    const { client: c, fake } = client({ status: 201, json: { id: "cus-1", externalId: "user-1", firstName: "Ana" } });
    const customer = await c.upsertCustomer({ id: "ignored", externalId: "user-1", firstName: "Ana", lastName: "L", email: "a@example.com" });
    expect(fake.requests[0]?.url).toBe(`${baseUrl}/customers/add-update`);
    expect(fake.requests[0]?.body).toEqual({ externalId: "user-1", firstName: "Ana", lastName: "L", email: "a@example.com" });
    expect(customer).toMatchObject({ id: "cus-1", externalId: "user-1", paymentMethods: [] });
  });
});

describe("listRefunds and listPaymentMethods", () => {
  it("read the data arrays of their envelopes", async () => {
    const { client: c, fake } = client(
      { status: 200, json: { data: [{ id: "r1", amount: 100, status: "COMPLETED", reason: "x" }] } },
      { status: 200, json: { data: [{ id: "pm-1", type: "CARD", cardDetails: { last4: "1111", brand: "VISA" } }] } },
    );
    await expect(c.listRefunds("o 1")).resolves.toEqual([{ id: "r1", amount: 100, status: "succeeded", reason: "x", createdAt: null }]);
    const methods = await c.listPaymentMethods("user-1");
    expect(methods[0]).toMatchObject({ id: "pm-1", card: { brand: "visa", last4: "1111" } });
    expect(fake.requests.map((r) => r.url)).toEqual([`${baseUrl}/payment-orders/o%201/refunds`, `${baseUrl}/customers/user-1/payment-methods`]);
  });
});
