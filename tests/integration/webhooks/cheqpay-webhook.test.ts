// handleCheqpayWebhook against real PostgreSQL: signature first, the event id as the dedupe gate, statuses
// through the same state machine as the API's answers. Bodies are shaped and signed as the sandbox does.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type AttemptRow, applyAttemptStatus } from "@/lib/checkout/apply-attempt-status";
import { applyPaymentOrder, stepForAttempt } from "@/lib/checkout/attempt-outcome";
import { type PaymentOrder, signWebhookBody } from "@/lib/cheqpay";
import { webhookEvents } from "@/lib/db/schema";
import { handleCheqpayWebhook } from "@/lib/webhooks/cheqpay-webhook";
import {
  attemptById,
  insertAttempt,
  messages,
  newExternalId,
  orderById,
  orderWithAttempt,
  timelineOf,
  useDatabase,
} from "../../support/checkout-fixtures";

const db = useDatabase();
const SECRET = "whsec_current";
const PREVIOUS = "whsec_previous";

type EventOptions = { event: string; status: string; externalId: string | null; paymentOrderId?: string; declineReason?: string | null };

/** A webhook body as the sandbox sends it (v2 shape). */
function eventBody({ event, status, externalId, paymentOrderId = randomUUID(), declineReason = null }: EventOptions): { id: string; raw: string } {
  const id = randomUUID();
  const raw = JSON.stringify({
    id,
    event,
    createdAt: new Date().toISOString(),
    data: {
      paymentOrder: { id: paymentOrderId, externalId: externalId ?? undefined, merchantReference: externalId ?? undefined, status, amount: 68700, currency: "MXN", refundedAmount: 0 },
      payment: { id: randomUUID(), status: status === "FAILED" ? "DECLINED" : "CAPTURED", amount: "687.00", refundedAmount: "0.00", declineReason },
      customer: { id: randomUUID(), externalId: null },
      paymentMethod: { type: "card", options: { card: { id: randomUUID(), brand: "MASTERCARD", last4: "4444" } } },
    },
  });
  return { id, raw };
}

const deliver = (raw: string, secret: string | null = SECRET, secrets = [SECRET]) =>
  handleCheqpayWebhook(db, raw, secret === null ? null : signWebhookBody(raw, secret), secrets);

const stored = async (eventId: string) => db.select().from(webhookEvents).where(eq(webhookEvents.eventId, eventId));

describe("a webhook with a bad or missing signature", () => {
  it.each([
    ["no signature", (raw: string) => handleCheqpayWebhook(db, raw, null, [SECRET])],
    ["an empty signature", (raw: string) => handleCheqpayWebhook(db, raw, "", [SECRET])],
    ["another secret's signature", (raw: string) => deliver(raw, "whsec_someone_else")],
    ["a signature of another body", (raw: string) => handleCheqpayWebhook(db, raw, signWebhookBody(`${raw} `, SECRET), [SECRET])],
    ["garbage", (raw: string) => handleCheqpayWebhook(db, raw, "sha256=not-hex", [SECRET])],
  ])("with %s is refused 401 and nothing is stored", async (_, send) => {
    const { order, attempt } = await orderWithAttempt(db, "submitted");
    const { id, raw } = eventBody({ event: "payment.capture.success", status: "COMPLETED", externalId: attempt.externalId });
    expect(await send(raw)).toEqual({ status: 401, body: { received: false, error: "invalid signature" } });
    expect(await stored(id)).toEqual([]);
    expect((await attemptById(db, attempt.id)).status).toBe("submitted");
    expect(await timelineOf(db, order.id)).toEqual([]);
  });
});

describe("a signed webhook", () => {
  it("that is not a Cheqpay event is answered 400 and nothing is stored", async () => {
    expect(await deliver('{"hello":"world"}')).toMatchObject({ status: 400 });
    expect(await deliver("not json")).toMatchObject({ status: 400 });
  });

  it.each([
    ["an event id with NUL", (externalId: string) => ({ id: "evt\u0000", event: "payment.capture.success", data: { paymentOrder: { id: "po_1", externalId, status: "COMPLETED" } } })],
    ["a 100 kB event id", (externalId: string) => ({ id: "e".repeat(100_000), event: "payment.capture.success", data: { paymentOrder: { id: "po_1", externalId, status: "COMPLETED" } } })],
    ["NUL in the card's brand", (externalId: string) => ({ id: randomUUID(), event: "payment.capture.success", data: { paymentOrder: { id: "po_1", externalId, status: "COMPLETED" }, paymentMethod: { options: { card: { brand: "VI\u0000SA", last4: "4444" } } } } })],
    ["a status with markup", (externalId: string) => ({ id: randomUUID(), event: "payment.capture.success", data: { paymentOrder: { id: "po_1", externalId, status: "<b>COMPLETED</b>" } } })],
    ["an external id that is an object", () => ({ id: randomUUID(), event: "payment.capture.success", data: { paymentOrder: { id: "po_1", externalId: { $ne: null }, status: "COMPLETED" } } })],
  ])("with %s about a real attempt is answered 400 and nothing is stored or moved", async (_, body) => {
    const { order, attempt } = await orderWithAttempt(db, "submitted");
    const raw = JSON.stringify(body(attempt.externalId));
    expect(await deliver(raw)).toEqual({ status: 400, body: { received: false, error: "not a Cheqpay event" } });
    expect(await db.select().from(webhookEvents).where(eq(webhookEvents.cheqpayOrderId, "po_1"))).toEqual([]);
    expect((await attemptById(db, attempt.id)).status).toBe("submitted");
    expect(await timelineOf(db, order.id)).toEqual([]);
  });

  it("for a known attempt is answered 200, applied, and its event id stored", async () => {
    const { order, attempt } = await orderWithAttempt(db, "submitted");
    const cheqpayOrderId = randomUUID();
    const { id, raw } = eventBody({ event: "payment.capture.success", status: "COMPLETED", externalId: attempt.externalId, paymentOrderId: cheqpayOrderId });

    expect(await deliver(raw)).toEqual({ status: 200, body: { received: true } });

    expect(await attemptById(db, attempt.id)).toMatchObject({ status: "succeeded", cheqpayOrderId, cardBrand: "mastercard", cardLast4: "4444" });
    expect((await orderById(db, order.id)).status).toBe("paid");
    const [event] = await stored(id);
    expect(event).toMatchObject({ eventId: id, type: "payment.capture.success", cheqpayOrderId });
    expect(event!.processedAt).toBeInstanceOf(Date);
    expect(await timelineOf(db, order.id)).toEqual(["webhook.received", "attempt.status:succeeded", "order.paid"]);
  });

  it("without an externalId finds the attempt by its Cheqpay order id", async () => {
    const { attempt } = await orderWithAttempt(db, "submitted");
    const cheqpayOrderId = randomUUID();
    await applyAttemptStatus(db, attempt.id, { status: "requires_device_data", cheqpayOrderId }, "create-response");
    const { raw } = eventBody({ event: "payment.capture.success", status: "COMPLETED", externalId: null, paymentOrderId: cheqpayOrderId });
    expect(await deliver(raw)).toEqual({ status: 200, body: { received: true } });
    expect((await attemptById(db, attempt.id)).status).toBe("succeeded");
  });

  it("of a 3-D Secure step is recorded but moves nothing (the API's answers drive those steps)", async () => {
    const { order, attempt } = await orderWithAttempt(db, "submitted");
    const { id, raw } = eventBody({ event: "payment.auth.pending", status: "PAYER_AUTHENTICATION_DEVICE_DATA_REQUIRED", externalId: attempt.externalId });
    expect(await deliver(raw)).toEqual({ status: 200, body: { received: true } });
    expect((await attemptById(db, attempt.id)).status).toBe("submitted");
    expect(await stored(id)).toHaveLength(1);
    expect(await timelineOf(db, order.id)).toEqual(["webhook.received"]);
  });

  it("of a decline fails the attempt with the code of its reason", async () => {
    const { order, attempt } = await orderWithAttempt(db, "submitted");
    const { raw } = eventBody({ event: "payment.auth.failed", status: "FAILED", externalId: attempt.externalId, declineReason: "insufficient_funds" });
    expect((await deliver(raw)).status).toBe(200);
    expect(await attemptById(db, attempt.id)).toMatchObject({ status: "failed", declineCode: "INSUFFICIENT_FUNDS", declineReason: "insufficient_funds" });
    expect((await orderById(db, order.id)).status).toBe("pending");
  });

  it("delivered again is answered 200 duplicate and has no second effect", async () => {
    const { order, attempt } = await orderWithAttempt(db, "submitted");
    const { raw } = eventBody({ event: "payment.capture.success", status: "COMPLETED", externalId: attempt.externalId });
    await deliver(raw);
    const timeline = await timelineOf(db, order.id);
    expect(await deliver(raw)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(await timelineOf(db, order.id)).toEqual(timeline);
  });

  it("for an unknown order is answered 404 without storing its id, so a redelivery applies it later", async () => {
    const externalId = newExternalId();
    const { id, raw } = eventBody({ event: "payment.capture.success", status: "COMPLETED", externalId });
    expect(await deliver(raw)).toEqual({ status: 404, body: { received: false, error: "unknown payment order" } });
    expect(await stored(id)).toEqual([]);

    const { order } = await orderWithAttempt(db, "failed");
    const attempt = await insertAttempt(db, order, "submitted", externalId);
    expect(await deliver(raw)).toEqual({ status: 200, body: { received: true } });
    expect((await attemptById(db, attempt.id)).status).toBe("succeeded");
    expect(await stored(id)).toHaveLength(1);
  });

  it("about no payment order (a future event type) is acknowledged once, not retried forever", async () => {
    const id = randomUUID();
    const raw = JSON.stringify({ id, event: "subscription.plan_changed", data: {} });
    expect(await deliver(raw)).toEqual({ status: 200, body: { received: true } });
    expect(await stored(id)).toHaveLength(1);
  });
});

describe("webhooks out of order", () => {
  it.each([
    ["payment.auth.pending", "PAYER_AUTHENTICATION_DEVICE_DATA_REQUIRED"],
    ["payment.auth.failed", "FAILED"],
    ["payment.auth.success", "AUTHORIZED"],
  ])("%s after payment.capture.success leaves the attempt succeeded", async (event, status) => {
    const { order, attempt } = await orderWithAttempt(db, "submitted");
    await deliver(eventBody({ event: "payment.capture.success", status: "COMPLETED", externalId: attempt.externalId }).raw);
    const late = eventBody({ event, status, externalId: attempt.externalId, declineReason: "generic_decline" });
    expect(await deliver(late.raw)).toEqual({ status: 200, body: { received: true } });
    expect(await stored(late.id)).toHaveLength(1);
    expect(await attemptById(db, attempt.id)).toMatchObject({ status: "succeeded", declineCode: null });
    expect((await orderById(db, order.id)).status).toBe("paid");
    expect((await timelineOf(db, order.id)).filter((k) => k !== "webhook.received")).toEqual(["attempt.status:succeeded", "order.paid"]);
  });
});

/** What the create call answered for an approved card (the PaymentOrder the service applies). */
const approvedOrder = (attempt: AttemptRow, cheqpayOrderId: string): PaymentOrder => ({
  id: cheqpayOrderId,
  externalId: attempt.externalId,
  orderNumber: "C26112500001",
  status: "succeeded",
  cheqpayStatus: "COMPLETED",
  amount: attempt.amountCentavos,
  currency: "MXN",
  refundedAmount: 0,
  card: { brand: "mastercard", last4: "4444", expiryMonth: 12, expiryYear: 2030 },
  paymentMethodId: null,
  customerId: null,
  payerAuthentication: null,
  declineReason: null,
  createdAt: new Date().toISOString(),
});

describe("a success webhook that arrives before the create response was applied", () => {
  it("pays the order once; the create response then changes nothing and answers paid", async () => {
    const { order, attempt } = await orderWithAttempt(db, "submitted");
    const cheqpayOrderId = randomUUID();
    await deliver(eventBody({ event: "payment.capture.success", status: "COMPLETED", externalId: attempt.externalId, paymentOrderId: cheqpayOrderId }).raw);

    const current = await applyPaymentOrder(db, attempt, approvedOrder(attempt, cheqpayOrderId), "create-response");

    expect(current).toMatchObject({ id: attempt.id, status: "succeeded", cheqpayOrderId });
    expect(stepForAttempt(current, order.publicToken, messages)).toEqual({ kind: "paid", orderUrl: `/orders/${order.publicToken}` });
    expect(await timelineOf(db, order.id)).toEqual(["webhook.received", "attempt.status:succeeded", "order.paid"]);
  });

  it("racing the create response (20 races) pays the order once", async () => {
    for (let race = 0; race < 20; race++) {
      const { order, attempt } = await orderWithAttempt(db, "submitted");
      const cheqpayOrderId = randomUUID();
      const { raw } = eventBody({ event: "payment.capture.success", status: "COMPLETED", externalId: attempt.externalId, paymentOrderId: cheqpayOrderId });
      const [answer, current] = await Promise.all([
        deliver(raw),
        applyPaymentOrder(db, attempt, approvedOrder(attempt, cheqpayOrderId), "create-response"),
      ]);
      expect(answer.status).toBe(200);
      expect(current.status).toBe("succeeded");
      expect((await timelineOf(db, order.id)).filter((k) => k !== "webhook.received")).toEqual(["attempt.status:succeeded", "order.paid"]);
    }
  });
});

describe("secret rotation", () => {
  it("accepts bodies signed with the current and with the previous secret", async () => {
    const secrets = [SECRET, PREVIOUS];
    const { attempt: first } = await orderWithAttempt(db, "submitted");
    const { attempt: second } = await orderWithAttempt(db, "submitted");
    const oldSigned = eventBody({ event: "payment.capture.success", status: "COMPLETED", externalId: first.externalId });
    const newSigned = eventBody({ event: "payment.capture.success", status: "COMPLETED", externalId: second.externalId });
    expect((await deliver(oldSigned.raw, PREVIOUS, secrets)).status).toBe(200);
    expect((await deliver(newSigned.raw, SECRET, secrets)).status).toBe(200);
    expect((await attemptById(db, first.id)).status).toBe("succeeded");
    expect((await attemptById(db, second.id)).status).toBe("succeeded");
    expect((await deliver(eventBody({ event: "x", status: "COMPLETED", externalId: first.externalId }).raw, PREVIOUS, [SECRET])).status).toBe(401);
  });
});
