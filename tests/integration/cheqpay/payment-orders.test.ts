// createPaymentOrder, getPaymentOrder and listPaymentOrders against a real sandbox process.
import { describe, expect, it } from "vitest";
import { CheqpayDeclinedError, CheqpayNotFoundError } from "@/lib/cheqpay";
import { clientFor, orderInput, rawApi, rejectionOf, requestLog, useSandbox, wireOrderOf } from "../../support/cheqpay-sandbox";

const sandbox = useSandbox();

describe("createPaymentOrder", () => {
  it("a valid payment completes", async () => {
    const input = orderInput({ amount: 124900 });
    const order = await clientFor(sandbox()).createPaymentOrder(input);
    expect(order).toMatchObject({
      externalId: input.externalId,
      status: "succeeded",
      cheqpayStatus: "COMPLETED",
      amount: 124900,
      currency: "MXN",
      refundedAmount: 0,
      card: { brand: "visa", last4: "1111", expiryMonth: 12, expiryYear: 2030 },
      payerAuthentication: null,
      declineReason: null,
    });
    expect(order.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(order.orderNumber).toBeTruthy();
    expect(order.customerId).toBeTruthy();
  });

  it("a declined card is rejected with DECLINED", async () => {
    const error = await rejectionOf(clientFor(sandbox()).createPaymentOrder(orderInput({ card: "4000000000000002" })));
    expect(error).toBeInstanceOf(CheqpayDeclinedError);
    expect(error.code).toBe("DECLINED");
    expect(error.httpStatus).toBe(422);
    expect(error.declineReason).toBeTruthy();
    expect(error.paymentOrderId).toBeTruthy();
  });

  it("a repeated externalId returns the same order id", async () => {
    const client = clientFor(sandbox());
    const input = orderInput();
    const first = await client.createPaymentOrder(input);
    const second = await client.createPaymentOrder(input);
    expect(second.id).toBe(first.id);
    expect(second.status).toBe("succeeded");
    expect((await wireOrderOf(sandbox(), first.id)).payments).toHaveLength(1);
  });

  it("sends the create request once, to /pos/v2/payment-orders, with the card masked in the log", async () => {
    const input = orderInput();
    await clientFor(sandbox()).createPaymentOrder(input);
    const log = await requestLog(sandbox(), "createPaymentOrder");
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ method: "POST", path: "/pos/v2/payment-orders", status: 201 });
    expect(log[0]?.body).toMatchObject({ externalId: input.externalId, amount: 124900, paymentMethod: { type: "card", persist: false } });
  });
});

describe("getPaymentOrder", () => {
  it("reads an order by Cheqpay id and by externalId alike", async () => {
    const client = clientFor(sandbox());
    const input = orderInput();
    const created = await client.createPaymentOrder(input);
    const byId = await client.getPaymentOrder(created.id);
    const byExternalId = await client.getPaymentOrder(input.externalId);
    expect(byId).toEqual(created);
    expect(byExternalId).toEqual(created);
  });

  it("reads a declined order as failed with its decline reason", async () => {
    const client = clientFor(sandbox());
    const error = await rejectionOf(client.createPaymentOrder(orderInput({ card: "4000000000009995" })));
    const order = await client.getPaymentOrder(error.paymentOrderId!);
    expect(order).toMatchObject({ status: "failed", cheqpayStatus: "FAILED", declineReason: "insufficient_funds" });
  });

  it("throws CheqpayNotFoundError for an unknown id", async () => {
    const error = await rejectionOf(clientFor(sandbox()).getPaymentOrder("00000000-0000-4000-8000-000000000000"));
    expect(error).toBeInstanceOf(CheqpayNotFoundError);
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("listPaymentOrders", () => {
  it("pages through orders newest first with limit, offset and total", async () => {
    const client = clientFor(sandbox());
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await client.createPaymentOrder(orderInput({ amount: 10000 + i }))).id);
    const newestFirst = [...ids].reverse();
    const first = await client.listPaymentOrders({ limit: 2 });
    const second = await client.listPaymentOrders({ limit: 2, offset: 2 });
    const last = await client.listPaymentOrders({ limit: 2, offset: 4 });
    expect(first).toMatchObject({ total: 5, limit: 2, offset: 0 });
    expect(first.data.map((o) => o.id)).toEqual(newestFirst.slice(0, 2));
    expect(second.data.map((o) => o.id)).toEqual(newestFirst.slice(2, 4));
    expect(last).toMatchObject({ total: 5, offset: 4 });
    expect(last.data.map((o) => o.id)).toEqual(newestFirst.slice(4));
  });

  it("filters by status", async () => {
    const client = clientFor(sandbox());
    const paid = await client.createPaymentOrder(orderInput());
    const declined = await rejectionOf(client.createPaymentOrder(orderInput({ card: "4000000000000002" })));
    const failed = await client.listPaymentOrders({ status: "FAILED" });
    const completed = await client.listPaymentOrders({ status: "COMPLETED" });
    expect(failed.total).toBe(1);
    expect(failed.data.map((o) => o.id)).toEqual([declined.paymentOrderId]);
    expect(completed.data.map((o) => o.id)).toEqual([paid.id]);
  });

  it("filters by externalId and customer", async () => {
    const client = clientFor(sandbox());
    const mine = await client.createPaymentOrder(orderInput());
    await client.createPaymentOrder(orderInput());
    const byExternalId = await client.listPaymentOrders({ externalId: mine.externalId! });
    const byCustomer = await client.listPaymentOrders({ customerId: mine.customerId! });
    expect(byExternalId.data.map((o) => o.id)).toEqual([mine.id]);
    expect(byCustomer.data.map((o) => o.id)).toEqual([mine.id]);
  });

  it("filters by a date window", async () => {
    const client = clientFor(sandbox());
    const before = new Date(Date.now() - 60_000);
    await client.createPaymentOrder(orderInput());
    expect((await client.listPaymentOrders({ startDate: before })).total).toBe(1);
    expect((await client.listPaymentOrders({ endDate: before })).total).toBe(0);
  });
});

describe("the contract's create aliases and card shapes", () => {
  const body = (extra: Record<string, unknown>) => {
    const input = orderInput();
    return {
      externalId: input.externalId,
      amount: 5000,
      currency: "mxn",
      customer: { externalId: "user-alias", firstName: "Ana", email: "ana@example.com" },
      billingAddress: { address: "Av. Reforma 222", city: "CDMX", state: "CDMX", postalCode: "06600", country: "mx" },
      ...extra,
    };
  };

  it.each(["/payment-orders", "/checkout/pay", "/v2/payment-orders"])("creates through %s with options.card and a 4-digit year", async (path) => {
    const paymentMethod = { type: "card", options: { card: { number: "4111111111111111", expiryMonth: "7", expiryYear: "2031", cvc: "123" } } };
    const answer = await rawApi(sandbox(), "POST", path, { body: body({ paymentMethod }) });
    expect(answer.status, answer.text).toBe(201);
    expect(answer.json).toMatchObject({
      status: "COMPLETED",
      currency: "MXN",
      billingCountry: "MX",
      paymentMethod: { cardDetails: { last4: "1111", brand: "VISA", expiryMonth: "07", expiryYear: "31" } },
      payments: [{ status: "CAPTURED", amount: "50.00", refundedAmount: "0.00" }],
    });
    expect(await clientFor(sandbox()).getPaymentOrder(answer.json.id)).toMatchObject({ card: { expiryMonth: 7, expiryYear: 2031 } });
  });

  it("accepts a card expiring this month and declines one that expired last month", async () => {
    const now = new Date();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const client = clientFor(sandbox());
    const current = orderInput({ expiryMonth: now.getUTCMonth() + 1, expiryYear: now.getUTCFullYear() });
    const past = orderInput({ expiryMonth: lastMonth.getUTCMonth() + 1, expiryYear: lastMonth.getUTCFullYear() });
    await expect(client.createPaymentOrder(current)).resolves.toMatchObject({ status: "succeeded" });
    await expect(client.createPaymentOrder(past)).rejects.toMatchObject({ code: "EXPIRED_CARD" });
  });

  it("reuses the customer named by the same customer externalId across payments", async () => {
    const client = clientFor(sandbox());
    const customer = { externalId: "user-shared" };
    const first = await client.createPaymentOrder(orderInput({ customer }));
    const second = await client.createPaymentOrder(orderInput({ customer: { ...customer, firstName: "Ana María" } }));
    expect(second.customerId).toBe(first.customerId);
    expect((await client.listCustomers()).total).toBe(1);
  });
});
