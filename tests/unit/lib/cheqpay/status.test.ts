import { describe, expect, it } from "vitest";
import { isPaidStatus, toPaymentStatus, type CheqpayPaymentStatus } from "@/lib/cheqpay";

describe("toPaymentStatus", () => {
  // Every order status of the reference's §3, and what the app does with it.
  it.each([
    ["PENDING", "processing"],
    ["PROCESSING", "processing"],
    ["PAYER_AUTHENTICATION_DEVICE_DATA_REQUIRED", "requires_device_data"],
    ["PAYER_AUTHENTICATION_CHALLENGE_REQUIRED", "requires_challenge"],
    ["ACTION_REQUIRED", "processing"],
    ["AUTHORIZED", "authorized"],
    ["PARTIALLY_AUTHORIZED", "processing"],
    ["COMPLETED", "succeeded"],
    ["PARTIALLY_PAID", "processing"],
    ["FAILED", "failed"],
    ["CANCELLATION_REQUESTED", "processing"],
    ["CANCELLED", "cancelled"],
    ["REFUND_PROCESSING", "processing"],
    ["PARTIALLY_REFUNDED", "partially_refunded"],
    ["REFUNDED", "refunded"],
  ] as const)("maps %s to %s", (cheqpayStatus, ours) => {
    expect(toPaymentStatus(cheqpayStatus)).toBe(ours);
  });

  it("maps a status it does not know to processing, so callers look again instead of guessing", () => {
    expect(toPaymentStatus("SETTLEMENT_HELD")).toBe("processing");
    expect(toPaymentStatus("")).toBe("processing");
  });

  it("reads statuses regardless of case", () => {
    expect(toPaymentStatus("completed")).toBe("succeeded");
    expect(toPaymentStatus("Failed")).toBe("failed");
  });
});

describe("isPaidStatus", () => {
  it.each([
    ["succeeded", true],
    ["authorized", true],
    ["partially_refunded", true],
    ["refunded", true],
    ["processing", false],
    ["requires_device_data", false],
    ["requires_challenge", false],
    ["failed", false],
    ["cancelled", false],
  ] as [CheqpayPaymentStatus, boolean][])("says %s is paid: %s", (status, paid) => {
    expect(isPaidStatus(status)).toBe(paid);
  });
});
