// What may be refunded: a paid order, a positive whole number of centavos, at most what remains (what was paid
// minus refunds that succeeded or are still pending). Pure.
import type { OrderStatus } from "@/lib/db/schema";

export type RefundRefusal = "order-not-paid" | "amount-invalid" | "amount-exceeds-remaining" | "nothing-to-refund";

export function refundableStatus(status: OrderStatus): boolean {
  return status === "paid" || status === "partially_refunded";
}

/** The amount to refund (the remaining one when none is given), or why not. */
export function checkRefund(input: {
  orderStatus: OrderStatus;
  paidCentavos: number;
  refundedOrPendingCentavos: number;
  amountCentavos: number | undefined;
}): { ok: true; amountCentavos: number; remainingCentavos: number } | { ok: false; refusal: RefundRefusal; remainingCentavos: number } {
  const remainingCentavos = Math.max(0, input.paidCentavos - input.refundedOrPendingCentavos);
  if (input.orderStatus === "refunded") return { ok: false, refusal: "nothing-to-refund", remainingCentavos: 0 };
  if (!refundableStatus(input.orderStatus)) return { ok: false, refusal: "order-not-paid", remainingCentavos };
  const amount = input.amountCentavos ?? remainingCentavos;
  if (input.amountCentavos !== undefined && (!Number.isSafeInteger(amount) || amount <= 0)) {
    return { ok: false, refusal: "amount-invalid", remainingCentavos };
  }
  if (remainingCentavos === 0) return { ok: false, refusal: "nothing-to-refund", remainingCentavos };
  if (amount > remainingCentavos) return { ok: false, refusal: "amount-exceeds-remaining", remainingCentavos };
  return { ok: true, amountCentavos: amount, remainingCentavos };
}

/** The order's status once its succeeded refunds add up to `refundedCentavos`. */
export function statusAfterRefunds(paidCentavos: number, refundedCentavos: number): OrderStatus {
  if (refundedCentavos <= 0) return "paid";
  return refundedCentavos >= paidCentavos ? "refunded" : "partially_refunded";
}

/** The reason sent to Cheqpay carries our refund id: after a lost answer, Cheqpay's list shows whether it went. */
export function cheqpayRefundReason(reason: string, refundId: string): string {
  return `${reason.slice(0, 400)} [ref ${refundId}]`;
}

export function isOurRefund(cheqpayReason: string | null, refundId: string): boolean {
  return cheqpayReason?.includes(`[ref ${refundId}]`) ?? false;
}
