import type { CardBrand, CheqpayPaymentStatus, RefundStatus } from "./types";

/** Cheqpay order statuses (reference §3) to ours: the one place this mapping lives. */
export function toPaymentStatus(cheqpayStatus: string): CheqpayPaymentStatus {
  switch (cheqpayStatus.toUpperCase()) {
    case "COMPLETED":
      return "succeeded";
    case "AUTHORIZED":
      return "authorized";
    case "PAYER_AUTHENTICATION_DEVICE_DATA_REQUIRED":
      return "requires_device_data";
    case "PAYER_AUTHENTICATION_CHALLENGE_REQUIRED":
      return "requires_challenge";
    case "FAILED":
      return "failed";
    case "CANCELLED":
      return "cancelled";
    case "PARTIALLY_REFUNDED":
      return "partially_refunded";
    case "REFUNDED":
      return "refunded";
    // PENDING, PROCESSING, ACTION_REQUIRED, PARTIALLY_AUTHORIZED, PARTIALLY_PAID, CANCELLATION_REQUESTED,
    // REFUND_PROCESSING and anything new: not final, so callers look again rather than guess.
    default:
      return "processing";
  }
}

/** True when Cheqpay holds the shopper's money for this order (paid, possibly refunded since). */
export function isPaidStatus(status: CheqpayPaymentStatus): boolean {
  return status === "succeeded" || status === "authorized" || status === "partially_refunded" || status === "refunded";
}

export function toRefundStatus(cheqpayStatus: string): RefundStatus {
  switch (cheqpayStatus.toUpperCase()) {
    case "COMPLETED":
    case "SUCCEEDED":
    case "SUCCESS":
    case "REFUNDED":
      return "succeeded";
    case "FAILED":
    case "REJECTED":
      return "failed";
    default:
      return "pending";
  }
}

export function toCardBrand(cheqpayBrand: string | null | undefined): CardBrand {
  switch ((cheqpayBrand ?? "").toUpperCase().replace(/[\s_-]/g, "")) {
    case "VISA":
      return "visa";
    case "MASTERCARD":
    case "MC":
      return "mastercard";
    case "AMEX":
    case "AMERICANEXPRESS":
      return "amex";
    default:
      return "other";
  }
}
