// What may be refunded (pure rules): the refusals, the default amount, the order's status after refunds, and
// the marker that finds our refund in Cheqpay's list after a lost answer.
import { describe, expect, it } from "vitest";
import type { OrderStatus } from "@/lib/db/schema";
import { checkRefund, cheqpayRefundReason, isOurRefund, refundableStatus, statusAfterRefunds } from "@/lib/refunds/refund-rules";

const PAID = 68700;
const check = (amountCentavos: number | undefined, refundedOrPendingCentavos = 0, orderStatus: OrderStatus = "paid") =>
  checkRefund({ orderStatus, paidCentavos: PAID, refundedOrPendingCentavos, amountCentavos });

describe("checkRefund", () => {
  it("refunds what remains when no amount is given", () => {
    expect(check(undefined)).toEqual({ ok: true, amountCentavos: PAID, remainingCentavos: PAID });
    expect(check(undefined, 18700, "partially_refunded")).toEqual({ ok: true, amountCentavos: 50000, remainingCentavos: 50000 });
  });

  it("accepts a partial amount, and exactly the remaining amount", () => {
    expect(check(100)).toEqual({ ok: true, amountCentavos: 100, remainingCentavos: PAID });
    expect(check(50000, 18700, "partially_refunded")).toEqual({ ok: true, amountCentavos: 50000, remainingCentavos: 50000 });
  });

  it("refuses an order that is pending as not paid", () => {
    expect(check(undefined, 0, "pending" as OrderStatus)).toEqual({ ok: false, refusal: "order-not-paid", remainingCentavos: PAID });
  });

  it("refuses an order refunded in full as having nothing left to refund", () => {
    expect(check(undefined, PAID, "refunded" as OrderStatus)).toEqual({ ok: false, refusal: "nothing-to-refund", remainingCentavos: 0 });
  });

  it("refuses an unpaid order before looking at the amount", () => {
    expect(check(-5, 0, "pending")).toMatchObject({ ok: false, refusal: "order-not-paid" });
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])("refuses the amount %s as invalid", (amount) => {
    expect(check(amount)).toEqual({ ok: false, refusal: "amount-invalid", remainingCentavos: PAID });
  });

  it("refuses more than remains and says how much remains", () => {
    expect(check(PAID + 1)).toEqual({ ok: false, refusal: "amount-exceeds-remaining", remainingCentavos: PAID });
    expect(check(50001, 18700, "partially_refunded")).toEqual({ ok: false, refusal: "amount-exceeds-remaining", remainingCentavos: 50000 });
  });

  it("counts pending refunds as taken: nothing is left once they cover the payment", () => {
    expect(check(undefined, PAID, "partially_refunded")).toEqual({ ok: false, refusal: "nothing-to-refund", remainingCentavos: 0 });
    expect(check(1, PAID, "partially_refunded")).toEqual({ ok: false, refusal: "nothing-to-refund", remainingCentavos: 0 });
  });

  it("never reports a negative remaining amount", () => {
    expect(check(undefined, PAID + 500, "partially_refunded")).toMatchObject({ ok: false, remainingCentavos: 0 });
  });
});

describe("refundableStatus", () => {
  it("is true for paid and partially refunded orders only", () => {
    const statuses: OrderStatus[] = ["pending", "paid", "partially_refunded", "refunded"];
    expect(statuses.filter(refundableStatus)).toEqual(["paid", "partially_refunded"]);
  });
});

describe("statusAfterRefunds", () => {
  it("leaves an order without succeeded refunds paid", () => {
    expect(statusAfterRefunds(PAID, 0)).toBe("paid");
  });

  it("makes an order partially refunded while refunds add up to less than the payment", () => {
    expect(statusAfterRefunds(PAID, 1)).toBe("partially_refunded");
    expect(statusAfterRefunds(PAID, PAID - 1)).toBe("partially_refunded");
  });

  it("makes an order refunded once refunds add up to the payment", () => {
    expect(statusAfterRefunds(PAID, PAID)).toBe("refunded");
  });
});

describe("the reason sent to Cheqpay", () => {
  const refundId = "5b0e8c2a-8f0b-4a4e-9d3e-2a1f6f1c9b10";

  it("carries the staff's reason and our refund id, which isOurRefund finds", () => {
    const reason = cheqpayRefundReason("damaged in transit", refundId);
    expect(reason).toBe(`damaged in transit [ref ${refundId}]`);
    expect(isOurRefund(reason, refundId)).toBe(true);
  });

  it("keeps the id even when the staff's reason is very long", () => {
    const reason = cheqpayRefundReason("x".repeat(1000), refundId);
    expect(reason.length).toBeLessThanOrEqual(450);
    expect(isOurRefund(reason, refundId)).toBe(true);
  });

  it("is not taken for another refund's, nor for a refund without a reason", () => {
    expect(isOurRefund(cheqpayRefundReason("a", refundId), "0f3c1d4e-0000-4000-8000-000000000000")).toBe(false);
    expect(isOurRefund("requested_by_customer", refundId)).toBe(false);
    expect(isOurRefund(null, refundId)).toBe(false);
  });
});
