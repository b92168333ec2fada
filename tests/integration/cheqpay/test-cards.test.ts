// The sandbox's card table and amount triggers (reference §11.2), through createPaymentOrder.
import { describe, expect, it } from "vitest";
import { CheqpayDeclinedError, CheqpayNotFoundError, CheqpayRetryLaterError } from "@/lib/cheqpay";
import { clientFor, orderInput, rejectionOf, requestLog, useSandbox } from "../../support/cheqpay-sandbox";

const sandbox = useSandbox();

describe("createPaymentOrder with the approving test cards", () => {
  it.each([
    ["4111111111111111", "123", "visa", "1111"],
    ["5555555555554444", "123", "mastercard", "4444"],
    ["378282246310005", "1234", "amex", "0005"],
  ] as const)("completes %s without 3-D Secure", async (card, cvc, brand, last4) => {
    const order = await clientFor(sandbox()).createPaymentOrder(orderInput({ card, cvc }));
    expect(order.status).toBe("succeeded");
    expect(order.payerAuthentication).toBeNull();
    expect(order.card).toMatchObject({ brand, last4 });
  });
});

describe("createPaymentOrder with the declining test cards", () => {
  it.each([
    ["4000000000000002", "DECLINED", "generic_decline"],
    ["4000000000009995", "INSUFFICIENT_FUNDS", "insufficient_funds"],
    ["4000000000000069", "EXPIRED_CARD", "expired_card"],
    ["4000000000000127", "INVALID_CARD", "invalid_card"],
  ])("rejects %s with %s and leaves a failed order", async (card, code, declineReason) => {
    const client = clientFor(sandbox());
    const input = orderInput({ card });
    const error = await rejectionOf(client.createPaymentOrder(input));
    expect(error).toBeInstanceOf(CheqpayDeclinedError);
    expect(error).toMatchObject({ code, declineReason, httpStatus: 422, retryable: false });
    expect(error.paymentOrderId).toMatch(/^[0-9a-f-]{36}$/);
    const order = await client.getPaymentOrder(error.paymentOrderId!);
    expect(order).toMatchObject({ id: error.paymentOrderId, externalId: input.externalId, status: "failed", declineReason });
  });

  it("rejects a Luhn-invalid number with INVALID_CARD", async () => {
    const error = await rejectionOf(clientFor(sandbox()).createPaymentOrder(orderInput({ card: "4111111111111112" })));
    expect(error).toBeInstanceOf(CheqpayDeclinedError);
    expect(error).toMatchObject({ code: "INVALID_CARD", declineReason: "invalid_card" });
  });

  it("rejects a card past its expiry date with EXPIRED_CARD", async () => {
    const error = await rejectionOf(clientFor(sandbox()).createPaymentOrder(orderInput({ expiryMonth: 1, expiryYear: 2021 })));
    expect(error).toBeInstanceOf(CheqpayDeclinedError);
    expect(error).toMatchObject({ code: "EXPIRED_CARD", declineReason: "expired_card" });
  });
});

describe("createPaymentOrder with the processor-error card", () => {
  it("gives up with CheqpayRetryLaterError after exactly 3 attempts and persists nothing", async () => {
    const client = clientFor(sandbox());
    const input = orderInput({ card: "4000000000000119" });
    const error = await rejectionOf(client.createPaymentOrder(input));
    expect(error).toBeInstanceOf(CheqpayRetryLaterError);
    expect(error).toMatchObject({ code: "INTERNAL_ERROR", httpStatus: 500, retryable: true });
    const attempts = await requestLog(sandbox(), "createPaymentOrder");
    expect(attempts.map((entry) => entry.status)).toEqual([500, 500, 500]);
    await expect(client.getPaymentOrder(input.externalId)).rejects.toBeInstanceOf(CheqpayNotFoundError);
  });
});

describe("createPaymentOrder with amount triggers 9000xx", () => {
  it.each([
    [900051, "INSUFFICIENT_FUNDS", "insufficient_funds"],
    [900033, "EXPIRED_CARD", "expired_card"],
    [900054, "EXPIRED_CARD", "expired_card"],
    [900005, "DECLINED", "do_not_honor"],
    [900014, "INVALID_CARD", "invalid_card"],
    [900041, "DECLINED", "lost_or_stolen"],
    [900061, "DECLINED", "limit_exceeded"],
    [900099, "DECLINED", "generic_decline"],
  ])("declines an amount of %i with %s", async (amount, code, declineReason) => {
    const client = clientFor(sandbox());
    const error = await rejectionOf(client.createPaymentOrder(orderInput({ amount })));
    expect(error).toBeInstanceOf(CheqpayDeclinedError);
    expect(error).toMatchObject({ code, declineReason });
    expect((await client.getPaymentOrder(error.paymentOrderId!)).status).toBe("failed");
  });

  it("applies the trigger to every approving card, not only Visa", async () => {
    const error = await rejectionOf(clientFor(sandbox()).createPaymentOrder(orderInput({ card: "5555555555554444", amount: 900051 })));
    expect(error.code).toBe("INSUFFICIENT_FUNDS");
  });

  it("does not decline amounts just outside the trigger range", async () => {
    const client = clientFor(sandbox());
    await expect(client.createPaymentOrder(orderInput({ amount: 899999 }))).resolves.toMatchObject({ status: "succeeded" });
    await expect(client.createPaymentOrder(orderInput({ amount: 900100 }))).resolves.toMatchObject({ status: "succeeded" });
  });
});
