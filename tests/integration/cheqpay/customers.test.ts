// Customers and saved cards (reference §2.7, §5) against a real sandbox process.
import { describe, expect, it } from "vitest";
import { CheqpayNotFoundError, type CustomerInput } from "@/lib/cheqpay";
import { clientFor, orderInput, rejectionOf, requestLog, uniqueId, useSandbox } from "../../support/cheqpay-sandbox";
import { answerChallenge, collectDeviceData } from "../../support/three-ds-walker";

const sandbox = useSandbox();
const customerInput = (externalId = uniqueId("user")): CustomerInput & { externalId: string } => ({
  externalId,
  firstName: "Ana",
  lastName: "López",
  email: "ana@example.com",
  phone: "+525512345678",
});

/** Pays with a new card marked `save: true` and returns the order, whose paymentMethodId is the vaulted card. */
async function payAndSave(externalId: string, card = "5555555555554444") {
  const client = clientFor(sandbox());
  const order = await client.createPaymentOrder(orderInput({ card, save: true, customer: { externalId } }));
  expect(order.status).toBe("succeeded");
  expect(order.paymentMethodId).toBeTruthy();
  return { client, order };
}

const savedSource = (paymentMethodId: string, cvc = "321") => ({ kind: "saved-card" as const, paymentMethodId, cvc });

describe("upsertCustomer", () => {
  it("returns the same customer for the same externalId and updates its name", async () => {
    const client = clientFor(sandbox());
    const input = customerInput();
    const created = await client.upsertCustomer(input);
    const updated = await client.upsertCustomer({ ...input, firstName: "Ana María" });
    expect(updated.id).toBe(created.id);
    expect(created).toMatchObject({ externalId: input.externalId, firstName: "Ana", lastName: "López", phone: "+525512345678" });
    expect(updated.firstName).toBe("Ana María");
    expect((await client.getCustomer(created.id)).firstName).toBe("Ana María");
    expect((await requestLog(sandbox(), "upsertCustomer")).map((e) => e.status)).toEqual([201, 200]);
  });

  it("creates different customers for different externalIds", async () => {
    const client = clientFor(sandbox());
    const a = await client.upsertCustomer(customerInput());
    const b = await client.upsertCustomer(customerInput());
    expect(a.id).not.toBe(b.id);
    expect((await client.listCustomers()).total).toBe(2);
  });
});

describe("getCustomer", () => {
  it("reads a customer by Cheqpay id and by externalId with the card saved by a payment", async () => {
    const externalId = uniqueId("user");
    const { client, order } = await payAndSave(externalId);
    const byId = await client.getCustomer(order.customerId!);
    const byExternalId = await client.getCustomer(externalId);
    expect(byExternalId).toEqual(byId);
    expect(byId).toMatchObject({ id: order.customerId, externalId });
    expect(byId.paymentMethods).toEqual([
      { id: order.paymentMethodId, card: { brand: "mastercard", last4: "4444", expiryMonth: 12, expiryYear: 2030 }, createdAt: expect.any(String) },
    ]);
  });

  it("lists no saved card after a payment that did not ask to save it", async () => {
    const client = clientFor(sandbox());
    const order = await client.createPaymentOrder(orderInput({ save: false }));
    expect(order.paymentMethodId).toBeNull();
    expect((await client.getCustomer(order.customerId!)).paymentMethods).toEqual([]);
  });

  it("throws CheqpayNotFoundError for an unknown customer", async () => {
    await expect(clientFor(sandbox()).getCustomer("nobody")).rejects.toBeInstanceOf(CheqpayNotFoundError);
  });
});

describe("listPaymentMethods", () => {
  it("lists the customer's saved cards once, even when the same card is saved twice", async () => {
    const externalId = uniqueId("user");
    const { client, order } = await payAndSave(externalId);
    await client.createPaymentOrder(orderInput({ card: "5555555555554444", save: true, customer: { externalId } }));
    await client.createPaymentOrder(orderInput({ card: "4111111111111111", save: true, customer: { externalId } }));
    const methods = await client.listPaymentMethods(externalId);
    expect(methods.map((m) => m.card?.last4).sort()).toEqual(["1111", "4444"]);
    expect(methods.map((m) => m.id)).toContain(order.paymentMethodId);
  });
});

describe("createPaymentOrder with a saved card", () => {
  it("completes and sends payment_method_id with the method id and a masked CVC", async () => {
    const externalId = uniqueId("user");
    const { client, order: first } = await payAndSave(externalId);
    const again = await client.createPaymentOrder(
      orderInput({ customer: { id: first.customerId!, externalId }, source: savedSource(first.paymentMethodId!), billingAddress: undefined }),
    );
    expect(again).toMatchObject({ status: "succeeded", paymentMethodId: first.paymentMethodId, card: { last4: "4444" } });
    const logged = (await requestLog(sandbox(), "createPaymentOrder")).at(-1)!;
    expect(logged.body).toMatchObject({
      paymentMethod: { type: "payment_method_id", paymentMethodId: first.paymentMethodId, cvc: "***" },
    });
  });

  it("refuses another customer's saved card with CheqpayNotFoundError", async () => {
    const { client, order } = await payAndSave(uniqueId("owner"));
    const stranger = orderInput({ customer: { externalId: uniqueId("stranger") }, source: savedSource(order.paymentMethodId!) });
    const error = await rejectionOf(client.createPaymentOrder(stranger));
    expect(error).toBeInstanceOf(CheqpayNotFoundError);
    expect(error.code).toBe("NOT_FOUND");
    await expect(client.getPaymentOrder(stranger.externalId)).rejects.toBeInstanceOf(CheqpayNotFoundError);
  });

  it("refuses the first merchant's saved card to a second merchant", async () => {
    const externalId = uniqueId("user");
    const { order } = await payAndSave(externalId);
    const second = { merchantId: "merchant_second", apiKey: "sk_test_second_merchant", webhookSecret: "whsec_second" };
    expect((await sandbox().control("POST", "/_sandbox/merchants", second)).status).toBe(201);
    const otherClient = clientFor(sandbox(), { apiKey: second.apiKey, merchantId: second.merchantId });
    const input = orderInput({ customer: { externalId }, source: savedSource(order.paymentMethodId!) });
    const error = await rejectionOf(otherClient.createPaymentOrder(input));
    expect(error).toBeInstanceOf(CheqpayNotFoundError);
    await expect(otherClient.getCustomer(externalId)).rejects.toBeInstanceOf(CheqpayNotFoundError);
  });

  it("refuses an unknown payment method id with CheqpayNotFoundError", async () => {
    const externalId = uniqueId("user");
    const { client } = await payAndSave(externalId);
    const input = orderInput({ customer: { externalId }, source: savedSource("00000000-0000-4000-8000-000000000000") });
    await expect(client.createPaymentOrder(input)).rejects.toBeInstanceOf(CheqpayNotFoundError);
  });

  it("takes a saved 3-D Secure card through 3-D Secure again", async () => {
    const externalId = uniqueId("user");
    const client = clientFor(sandbox());
    const returnUrl = "https://shop.example.com/3ds/return";
    const pay = async (source: ReturnType<typeof orderInput>["source"]) => {
      const created = await client.createPaymentOrder(orderInput({ customer: { externalId }, source }));
      expect(created.status).toBe("requires_device_data");
      const sessionId = await collectDeviceData(created.payerAuthentication!);
      const challenged = await client.initiatePayerAuthentication({ paymentOrderId: created.id, collectionReferenceId: sessionId, returnUrl, device: {} });
      const form = await answerChallenge(challenged.payerAuthentication!, { code: "1234" });
      return client.validatePayerAuthentication({ paymentOrderId: created.id, authenticationTransactionId: form.fields.TransactionId! });
    };
    const first = await pay(orderInput({ card: "4000000000002503", save: true }).source);
    expect(first).toMatchObject({ status: "succeeded", card: { last4: "2503" } });
    expect(first.paymentMethodId).toBeTruthy();
    const second = await pay(savedSource(first.paymentMethodId!));
    expect(second).toMatchObject({ status: "succeeded", paymentMethodId: first.paymentMethodId });
    expect(second.id).not.toBe(first.id);
  });
});

describe("listCustomers", () => {
  it("filters by externalId and pages", async () => {
    const client = clientFor(sandbox());
    const wanted = await client.upsertCustomer(customerInput());
    await client.upsertCustomer(customerInput());
    await client.upsertCustomer(customerInput());
    expect((await client.listCustomers({ externalId: wanted.externalId! })).data.map((c) => c.id)).toEqual([wanted.id]);
    const page = await client.listCustomers({ limit: 2, offset: 2 });
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(page.data).toHaveLength(1);
  });
});
