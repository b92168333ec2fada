import { describe, expect, it } from "vitest";
import { parseWebhookEvent } from "@/lib/cheqpay";

const captureBody = JSON.stringify({
  id: "evt-1",
  event: "payment.capture.success",
  createdAt: "2026-11-25T10:00:00.000Z",
  data: {
    paymentOrder: { id: "o1", externalId: "att_1", merchantReference: "att_1", status: "COMPLETED", amount: 124900, currency: "MXN", refundedAmount: 0 },
    payment: { id: "p1", status: "CAPTURED", amount: "1249.00", refundedAmount: "0.00", declineReason: null },
    customer: { id: "c1", externalId: "user-1" },
    paymentMethod: { type: "card", options: { card: { id: "pm1", brand: "VISA", last4: "1111" } } },
  },
});

describe("parseWebhookEvent", () => {
  it("reads a capture event", () => {
    expect(parseWebhookEvent(captureBody)).toEqual({
      id: "evt-1",
      type: "payment.capture.success",
      createdAt: "2026-11-25T10:00:00.000Z",
      paymentOrderId: "o1",
      externalId: "att_1",
      status: "succeeded",
      cheqpayStatus: "COMPLETED",
      amount: 124900,
      currency: "MXN",
      declineReason: null,
      card: { brand: "visa", last4: "1111", expiryMonth: null, expiryYear: null },
      refund: null,
    });
  });

  it("reads a decline's reason and falls back to merchantReference for the external id", () => {
    const body = JSON.stringify({
      id: "evt-2",
      event: "payment.auth.failed",
      data: { paymentOrder: { id: "o2", merchantReference: "att_2", status: "FAILED" }, payment: { declineReason: "insufficient_funds" } },
    });
    expect(parseWebhookEvent(body)).toMatchObject({ externalId: "att_2", status: "failed", declineReason: "insufficient_funds", amount: null });
  });

  it("reads a refund event's refund", () => {
    const body = JSON.stringify({
      id: "evt-3",
      event: "payment.refund.success",
      data: {
        paymentOrder: { id: "o3", status: "PARTIALLY_REFUNDED", amount: 1249, refundedAmount: 200 },
        refund: { id: "r1", amount: 200, status: "COMPLETED", reason: "requested_by_customer", createdAt: "2026-11-25T11:00:00Z" },
      },
    });
    const event = parseWebhookEvent(body, "major");
    expect(event?.status).toBe("partially_refunded");
    expect(event?.amount).toBe(124900);
    expect(event?.refund).toEqual({ id: "r1", amount: 20000, status: "succeeded", reason: "requested_by_customer", createdAt: "2026-11-25T11:00:00Z" });
  });

  it("reads an event without data", () => {
    expect(parseWebhookEvent(JSON.stringify({ id: "evt-4", event: "subscription.plan_changed" }))).toMatchObject({
      id: "evt-4",
      type: "subscription.plan_changed",
      paymentOrderId: null,
      status: null,
    });
  });

  it.each([
    ["not JSON", "{oops"],
    ["JSON without an id", JSON.stringify({ event: "payment.auth.success" })],
    ["an empty event name", JSON.stringify({ id: "evt", event: "" })],
    ["an array", "[]"],
    ["an id of 100 kB", JSON.stringify({ id: "e".repeat(100_000), event: "payment.auth.success" })],
    ["an id with spaces (SQL)", JSON.stringify({ id: "' OR 1=1 --", event: "payment.auth.success" })],
    ["an id of the wrong type", JSON.stringify({ id: 42, event: "payment.auth.success" })],
    ["an event name with markup", JSON.stringify({ id: "evt", event: "<script>alert(1)</script>" })],
    ["a payment order id with NUL", JSON.stringify({ id: "evt", event: "payment.auth.success", data: { paymentOrder: { id: "po\u0000" } } })],
    ["a status with markup", JSON.stringify({ id: "evt", event: "payment.auth.success", data: { paymentOrder: { id: "po_1", status: "<b>PAID</b>" } } })],
    ["an external id of another type", JSON.stringify({ id: "evt", event: "payment.auth.success", data: { paymentOrder: { id: "po_1", externalId: { $ne: 1 } } } })],
    ["NUL in a card's brand", JSON.stringify({ id: "evt", event: "payment.auth.success", data: { paymentMethod: { options: { card: { brand: "VI\u0000SA" } } } } })],
  ])("gives null for %s", (_, body) => {
    expect(parseWebhookEvent(body)).toBeNull();
  });
});
