// refundPaymentOrder and listRefunds (reference §6) against a real sandbox process.
import { describe, expect, it } from "vitest";
import { CheqpayBadRequestError, CheqpayConflictError, CheqpayNotFoundError } from "@/lib/cheqpay";
import { clientFor, orderInput, rejectionOf, useSandbox } from "../../support/cheqpay-sandbox";

const sandbox = useSandbox();

async function paidOrder(amount = 100000) {
  const client = clientFor(sandbox());
  const order = await client.createPaymentOrder(orderInput({ amount }));
  expect(order.status).toBe("succeeded");
  return { client, order };
}

describe("refundPaymentOrder", () => {
  it("refunds the whole order when no amount is given", async () => {
    const { client, order } = await paidOrder();
    const result = await client.refundPaymentOrder({ paymentOrderId: order.id, reason: "requested_by_customer" });
    expect(result.order).toEqual({ id: order.id, status: "refunded", amount: 100000, refundedAmount: 100000, netAmount: 0 });
    expect(result.refund).toMatchObject({ amount: 100000, status: "succeeded", reason: "requested_by_customer" });
    expect(await client.getPaymentOrder(order.id)).toMatchObject({ status: "refunded", refundedAmount: 100000 });
  });

  it("refunds part of the order", async () => {
    const { client, order } = await paidOrder();
    const result = await client.refundPaymentOrder({ paymentOrderId: order.id, amount: 25000, reason: "one ticket" });
    expect(result.order).toMatchObject({ status: "partially_refunded", refundedAmount: 25000, netAmount: 75000 });
    expect(result.refund.amount).toBe(25000);
    expect(await client.getPaymentOrder(order.id)).toMatchObject({ status: "partially_refunded", refundedAmount: 25000 });
  });

  it("takes several partial refunds up to the total, then the order is refunded", async () => {
    const { client, order } = await paidOrder();
    const first = await client.refundPaymentOrder({ paymentOrderId: order.id, amount: 30000, reason: "a" });
    const second = await client.refundPaymentOrder({ paymentOrderId: order.id, amount: 50000, reason: "b" });
    const last = await client.refundPaymentOrder({ paymentOrderId: order.id, amount: 20000, reason: "c" });
    expect([first, second, last].map((r) => [r.order.status, r.order.refundedAmount, r.order.netAmount])).toEqual([
      ["partially_refunded", 30000, 70000],
      ["partially_refunded", 80000, 20000],
      ["refunded", 100000, 0],
    ]);
  });

  it("refunds the remainder when no amount is given after a partial refund", async () => {
    const { client, order } = await paidOrder();
    await client.refundPaymentOrder({ paymentOrderId: order.id, amount: 40000, reason: "a" });
    const rest = await client.refundPaymentOrder({ paymentOrderId: order.id, reason: "the rest" });
    expect(rest.refund.amount).toBe(60000);
    expect(rest.order.status).toBe("refunded");
  });

  it("refuses more than the refundable amount with CheqpayBadRequestError and changes nothing", async () => {
    const { client, order } = await paidOrder();
    await client.refundPaymentOrder({ paymentOrderId: order.id, amount: 90000, reason: "a" });
    const error = await rejectionOf(client.refundPaymentOrder({ paymentOrderId: order.id, amount: 10001, reason: "too much" }));
    expect(error).toBeInstanceOf(CheqpayBadRequestError);
    expect(error).toMatchObject({ code: "VALIDATION_ERROR", httpStatus: 422 });
    expect(error.fieldErrors.map((f) => f.field)).toEqual(["amount"]);
    expect(await client.getPaymentOrder(order.id)).toMatchObject({ refundedAmount: 90000, status: "partially_refunded" });
  });

  it("refuses a refund of a failed order with CheqpayConflictError INVALID_STATE", async () => {
    const client = clientFor(sandbox());
    const declined = await rejectionOf(client.createPaymentOrder(orderInput({ card: "4000000000000002" })));
    const error = await rejectionOf(client.refundPaymentOrder({ paymentOrderId: declined.paymentOrderId!, reason: "x" }));
    expect(error).toBeInstanceOf(CheqpayConflictError);
    expect(error.code).toBe("INVALID_STATE");
    expect(await client.listRefunds(declined.paymentOrderId!)).toEqual([]);
  });

  it("refuses a refund of a fully refunded order with INVALID_STATE", async () => {
    const { client, order } = await paidOrder();
    await client.refundPaymentOrder({ paymentOrderId: order.id, reason: "all" });
    const error = await rejectionOf(client.refundPaymentOrder({ paymentOrderId: order.id, amount: 1, reason: "again" }));
    expect(error).toBeInstanceOf(CheqpayConflictError);
    expect(error.code).toBe("INVALID_STATE");
  });

  it("refuses a refund of an order waiting for 3-D Secure with INVALID_STATE", async () => {
    const client = clientFor(sandbox());
    const pending = await client.createPaymentOrder(orderInput({ card: "4000000000002503" }));
    const error = await rejectionOf(client.refundPaymentOrder({ paymentOrderId: pending.id, reason: "x" }));
    expect(error).toBeInstanceOf(CheqpayConflictError);
    expect(error.code).toBe("INVALID_STATE");
  });

  it("refunds an order named by its externalId", async () => {
    const { client, order } = await paidOrder();
    const result = await client.refundPaymentOrder({ paymentOrderId: order.externalId!, amount: 100, reason: "x" });
    expect(result.order.id).toBe(order.id);
  });

  it("throws CheqpayNotFoundError for an unknown order", async () => {
    const error = await rejectionOf(clientFor(sandbox()).refundPaymentOrder({ paymentOrderId: "nope", reason: "x" }));
    expect(error).toBeInstanceOf(CheqpayNotFoundError);
  });
});

describe("listRefunds", () => {
  it("lists an order's refunds in the order they were made", async () => {
    const { client, order } = await paidOrder();
    const a = await client.refundPaymentOrder({ paymentOrderId: order.id, amount: 1000, reason: "first" });
    const b = await client.refundPaymentOrder({ paymentOrderId: order.id, amount: 2000, reason: "second" });
    const refunds = await client.listRefunds(order.id);
    expect(refunds).toEqual([a.refund, b.refund]);
    expect(refunds.map((r) => [r.amount, r.reason, r.status])).toEqual([
      [1000, "first", "succeeded"],
      [2000, "second", "succeeded"],
    ]);
  });

  it("lists nothing for an order never refunded", async () => {
    const { client, order } = await paidOrder();
    expect(await client.listRefunds(order.id)).toEqual([]);
  });
});
