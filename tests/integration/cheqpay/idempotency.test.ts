// externalId idempotency (reference §10): replay, conflict, and a new attempt after a failure.
import { describe, expect, it } from "vitest";
import { CheqpayConflictError, CheqpayDeclinedError } from "@/lib/cheqpay";
import { clientFor, orderInput, rejectionOf, requestLog, useSandbox, wireOrderOf } from "../../support/cheqpay-sandbox";

const sandbox = useSandbox();

describe("createPaymentOrder with a repeated externalId", () => {
  it("returns the same completed order and charges once", async () => {
    const client = clientFor(sandbox());
    const input = orderInput();
    const first = await client.createPaymentOrder(input);
    const again = await client.createPaymentOrder(input);
    const third = await client.createPaymentOrder({ ...input, description: "a retry by a double click" });
    expect([again.id, third.id]).toEqual([first.id, first.id]);
    expect(third).toMatchObject({ status: "succeeded", amount: first.amount });
    const wire = await wireOrderOf(sandbox(), first.id);
    expect(wire.payments).toHaveLength(1);
    expect((await requestLog(sandbox(), "createPaymentOrder")).map((e) => e.status)).toEqual([201, 200, 200]);
  });

  it("returns one order, charged once, for five concurrent creates (a double click)", async () => {
    const client = clientFor(sandbox());
    const input = orderInput();
    const orders = await Promise.all([1, 2, 3, 4, 5].map(() => client.createPaymentOrder(input)));
    expect(new Set(orders.map((o) => o.id)).size).toBe(1);
    expect((await wireOrderOf(sandbox(), orders[0]!.id)).payments).toHaveLength(1);
    expect((await client.listPaymentOrders()).total).toBe(1);
  });

  it("returns an order waiting for 3-D Secure as it is, with its payer authentication", async () => {
    const client = clientFor(sandbox());
    const input = orderInput({ card: "4000000000002503" });
    const first = await client.createPaymentOrder(input);
    const again = await client.createPaymentOrder(input);
    expect(first.status).toBe("requires_device_data");
    expect(again).toMatchObject({ id: first.id, status: "requires_device_data" });
    expect(again.payerAuthentication?.id).toBe(first.payerAuthentication?.id);
  });

  it("refuses a different amount with CheqpayConflictError DUPLICATE", async () => {
    const client = clientFor(sandbox());
    const input = orderInput({ amount: 10000 });
    const first = await client.createPaymentOrder(input);
    const error = await rejectionOf(client.createPaymentOrder({ ...input, amount: 20000 }));
    expect(error).toBeInstanceOf(CheqpayConflictError);
    expect(error).toMatchObject({ code: "DUPLICATE", httpStatus: 409 });
    expect(await client.getPaymentOrder(first.id)).toMatchObject({ amount: 10000, status: "succeeded" });
  });

  it("refuses a different currency with CheqpayConflictError DUPLICATE", async () => {
    const client = clientFor(sandbox());
    const input = orderInput();
    await client.createPaymentOrder(input);
    const error = await rejectionOf(client.createPaymentOrder({ ...input, currency: "USD" }));
    expect(error).toBeInstanceOf(CheqpayConflictError);
    expect(error.code).toBe("DUPLICATE");
  });

  it("refuses a different amount for an order waiting for 3-D Secure", async () => {
    const client = clientFor(sandbox());
    const input = orderInput({ card: "4000000000002503" });
    await client.createPaymentOrder(input);
    const error = await rejectionOf(client.createPaymentOrder({ ...input, amount: input.amount + 1 }));
    expect(error).toBeInstanceOf(CheqpayConflictError);
    expect(error.code).toBe("DUPLICATE");
  });

  it("after a decline, makes a new attempt on the same order with a good card, which completes", async () => {
    const client = clientFor(sandbox());
    const input = orderInput({ card: "4000000000000002" });
    const declined = await rejectionOf(client.createPaymentOrder(input));
    expect(declined).toBeInstanceOf(CheqpayDeclinedError);
    const retried = await client.createPaymentOrder({ ...input, source: orderInput().source });
    expect(retried.id).toBe(declined.paymentOrderId);
    expect(retried).toMatchObject({ status: "succeeded", declineReason: null, card: { last4: "1111" } });
    const wire = await wireOrderOf(sandbox(), retried.id);
    expect(wire.payments.map((p) => p.status)).toEqual(["FAILED", "CAPTURED"]);
    expect((await requestLog(sandbox(), "createPaymentOrder")).map((e) => e.status)).toEqual([422, 201]);
  });

  it("after a decline, declines a second bad attempt on the same order too", async () => {
    const client = clientFor(sandbox());
    const input = orderInput({ card: "4000000000000002" });
    const first = await rejectionOf(client.createPaymentOrder(input));
    const second = await rejectionOf(client.createPaymentOrder({ ...input, source: orderInput({ card: "4000000000009995" }).source }));
    expect(second.paymentOrderId).toBe(first.paymentOrderId);
    expect(second.code).toBe("INSUFFICIENT_FUNDS");
    expect((await wireOrderOf(sandbox(), first.paymentOrderId!)).payments).toHaveLength(2);
  });

  it("keeps externalIds of different merchants apart", async () => {
    const other = { merchantId: "merchant_idem_other", apiKey: "sk_test_idem_other", webhookSecret: "whsec_idem_other" };
    expect((await sandbox().control("POST", "/_sandbox/merchants", other)).status).toBe(201);
    const input = orderInput();
    const mine = await clientFor(sandbox()).createPaymentOrder(input);
    const theirs = await clientFor(sandbox(), { apiKey: other.apiKey, merchantId: other.merchantId }).createPaymentOrder(input);
    expect(theirs.id).not.toBe(mine.id);
  });
});
