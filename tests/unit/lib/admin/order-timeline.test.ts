import { describe, expect, it } from "vitest";
import { buildOrderTimeline, eventDetail, type TimelineAttempt, type TimelineEmail, type TimelineEventRow } from "@/lib/admin/order-timeline";

const at = (seconds: number) => new Date(Date.UTC(2025, 2, 1, 12, 0, seconds));

const attempt = (id: string, seconds: number, overrides: Partial<TimelineAttempt> = {}): TimelineAttempt => ({
  id,
  status: "failed",
  amountCentavos: 24900,
  currency: "MXN",
  cardBrand: "visa",
  cardLast4: "0002",
  declineCode: "DECLINED",
  createdAt: at(seconds),
  ...overrides,
});

const event = (id: number, seconds: number, kind: string, detail: unknown = {}, attemptId: string | null = null): TimelineEventRow => ({
  id,
  attemptId,
  kind,
  detail,
  createdAt: at(seconds),
});

const email = (id: string, seconds: number, overrides: Partial<TimelineEmail> = {}): TimelineEmail => ({
  id,
  kind: "order-confirmation",
  recipient: "ana@example.com",
  sentAt: null,
  attempts: 0,
  lastError: null,
  createdAt: at(seconds),
  ...overrides,
});

describe("buildOrderTimeline", () => {
  it("merges the order, attempts, events and emails oldest first", () => {
    const timeline = buildOrderTimeline({
      order: { createdAt: at(0) },
      attempts: [attempt("b", 20, { status: "succeeded", cardLast4: "1111", declineCode: null }), attempt("a", 5)],
      events: [
        event(1, 6, "attempt.status", { status: "failed", source: "create-response", declineCode: "DECLINED" }, "a"),
        event(2, 21, "attempt.status", { status: "succeeded", source: "create-response" }, "b"),
        event(3, 21, "order.paid"),
        event(4, 40, "webhook.received", { eventId: "evt_1", type: "payment_order.succeeded", cheqpayStatus: "COMPLETED" }, "b"),
      ],
      emails: [email("m1", 21, { sentAt: at(30), attempts: 1 })],
    });
    expect(timeline.map((e) => e.key)).toEqual(["order", "attempt:a", "event:1", "attempt:b", "event:2", "event:3", "email:m1", "event:4"]);
    expect(timeline.map((e) => e.at.getTime())).toEqual([...timeline.map((e) => e.at.getTime())].sort((x, y) => x - y));
  });

  it("numbers attempts in the order they were made and names them on their events", () => {
    const timeline = buildOrderTimeline({
      order: { createdAt: at(0) },
      attempts: [attempt("late", 9), attempt("early", 3)],
      events: [event(7, 10, "attempt.status", { status: "failed" }, "late"), event(8, 11, "refund.failed", { reason: "x" }, null)],
      emails: [],
    });
    const attempts = timeline.filter((e) => e.type === "attempt");
    expect(attempts.map((a) => [a.attemptId, a.number])).toEqual([
      ["early", 1],
      ["late", 2],
    ]);
    const events = timeline.filter((e) => e.type === "event");
    expect(events.map((e) => e.attemptNumber)).toEqual([2, null]);
  });

  it("keeps the attempt's status, card and decline code", () => {
    const [, entry] = buildOrderTimeline({ order: { createdAt: at(0) }, attempts: [attempt("a", 1)], events: [], emails: [] });
    expect(entry).toEqual({
      type: "attempt",
      key: "attempt:a",
      at: at(1),
      attemptId: "a",
      number: 1,
      status: "failed",
      amountCentavos: 24900,
      currency: "MXN",
      cardBrand: "visa",
      cardLast4: "0002",
      declineCode: "DECLINED",
    });
  });

  it("places an email when it was sent, else when it was queued, and says which", () => {
    const timeline = buildOrderTimeline({
      order: { createdAt: at(0) },
      attempts: [],
      events: [event(1, 15, "refund.succeeded", { amountCentavos: 5000 })],
      emails: [
        email("sent", 10, { kind: "refund-confirmation", sentAt: at(20), attempts: 1 }),
        email("unsent", 12, { kind: "payment-failed", attempts: 3, lastError: "ConnectionError" }),
      ],
    });
    expect(timeline.map((e) => e.key)).toEqual(["order", "email:unsent", "event:1", "email:sent"]);
    expect(timeline[1]).toMatchObject({ type: "email", emailKind: "payment-failed", sent: false, sentAt: null, attempts: 3, lastError: "ConnectionError" });
    expect(timeline[3]).toMatchObject({ type: "email", emailKind: "refund-confirmation", sent: true, sentAt: at(20), recipient: "ana@example.com" });
  });

  it("orders entries of the same instant: order, attempts, events by id, emails", () => {
    const timeline = buildOrderTimeline({
      order: { createdAt: at(0) },
      attempts: [attempt("a", 0)],
      events: [event(9, 0, "order.paid"), event(3, 0, "attempt.status", {}, "a")],
      emails: [email("m", 0)],
    });
    expect(timeline.map((e) => e.key)).toEqual(["order", "attempt:a", "event:3", "event:9", "email:m"]);
  });

  it("has only the order's creation when nothing else happened", () => {
    expect(buildOrderTimeline({ order: { createdAt: at(0) }, attempts: [], events: [], emails: [] })).toEqual([
      { type: "order-created", key: "order", at: at(0) },
    ]);
  });
});

describe("eventDetail", () => {
  it("keeps a Cheqpay call's operation, HTTP status, duration and retries", () => {
    expect(
      eventDetail("cheqpay.call", {
        operation: "createPaymentOrder",
        method: "POST",
        httpStatus: 503,
        durationMs: 1200,
        attempt: 2,
        errorCode: "SERVICE_UNAVAILABLE",
        willRetry: true,
        requestBody: { card: { number: "4111111111111111", cvc: "123" } },
      }),
    ).toEqual({
      kind: "cheqpay.call",
      operation: "createPaymentOrder",
      method: "POST",
      httpStatus: 503,
      durationMs: 1200,
      attempt: 2,
      errorCode: "SERVICE_UNAVAILABLE",
      willRetry: true,
    });
  });

  it("keeps only whitelisted fields of the expected types", () => {
    expect(eventDetail("cheqpay.call", { operation: 42, httpStatus: "500", durationMs: 1.5, willRetry: "yes" })).toEqual({
      kind: "cheqpay.call",
      operation: null,
      method: null,
      httpStatus: null,
      durationMs: null,
      attempt: null,
      errorCode: null,
      willRetry: null,
    });
    expect(eventDetail("attempt.status", { status: "failed", source: "webhook", declineCode: "DECLINED", cardNumber: "4111111111111111", cvc: "123" })).toEqual({
      kind: "attempt.status",
      status: "failed",
      source: "webhook",
      declineCode: "DECLINED",
    });
    expect(eventDetail("webhook.received", { eventId: "evt_1", type: "payment_order.failed", cheqpayStatus: "FAILED", raw: "{...}" })).toEqual({
      kind: "webhook.received",
      eventId: "evt_1",
      type: "payment_order.failed",
      cheqpayStatus: "FAILED",
    });
    expect(eventDetail("refund.requested", { refundId: "r", amountCentavos: 5000, requestedBy: "user-1" })).toEqual({ kind: "refund.requested", amountCentavos: 5000 });
    expect(eventDetail("refund.succeeded", { amountCentavos: "5000" })).toEqual({ kind: "refund.succeeded", amountCentavos: null });
    expect(eventDetail("refund.failed", { reason: "DECLINED: no" })).toEqual({ kind: "refund.failed", reason: "DECLINED: no" });
    expect(eventDetail("attempt.second_charge", { source: "webhook", cheqpayOrderId: "po_1", externalId: "att_1" })).toEqual({
      kind: "attempt.second_charge",
      source: "webhook",
      cheqpayOrderId: "po_1",
    });
    expect(eventDetail("order.paid", { anything: "else" })).toEqual({ kind: "order.paid" });
  });

  it("shows an unknown kind by its name only, and survives details that are not objects", () => {
    expect(eventDetail("card.tokenized", { number: "4111111111111111" })).toEqual({ kind: "other", name: "card.tokenized" });
    expect(eventDetail("attempt.status", null)).toEqual({ kind: "attempt.status", status: null, source: null, declineCode: null });
    expect(eventDetail("refund.failed", ["reason"])).toEqual({ kind: "refund.failed", reason: null });
    expect(eventDetail("refund.failed", "text")).toEqual({ kind: "refund.failed", reason: null });
  });

  it("cuts long texts", () => {
    const detail = eventDetail("refund.failed", { reason: "x".repeat(1000) });
    expect(detail).toEqual({ kind: "refund.failed", reason: "x".repeat(200) });
  });
});
