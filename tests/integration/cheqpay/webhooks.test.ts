// Signed webhooks (reference §9) from a real sandbox process to a local receiver.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseWebhookEvent, verifyWebhookSignature } from "@/lib/cheqpay";
import { addFault, clientFor, orderInput, rejectionOf, useSandbox } from "../../support/cheqpay-sandbox";
import { startWebhookReceiver, type WebhookReceiver } from "../../support/webhook-receiver";

// Compressed retry backoff: 50 ms, 100 ms, ... instead of minutes.
const sandbox = useSandbox({ CHEQPAY_SANDBOX_WEBHOOK_RETRY_BASE_MS: "50", CHEQPAY_SANDBOX_WEBHOOK_TIMEOUT_MS: "300" });
let receiver: WebhookReceiver;

type Delivery = { id: string; eventId: string; event: string; status: string; attempts: { httpStatus: number | null }[]; signature: string; rawBody: string };

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
});
beforeEach(async () => {
  receiver.clear();
  const { status } = await sandbox().control("POST", "/_sandbox/webhooks", { url: receiver.url });
  expect(status).toBe(200);
});

const events = (name: string) => receiver.received.filter((r) => r.json.event === name);
const waitForEvents = (...names: string[]) => receiver.waitFor((all) => names.every((name) => all.some((r) => r.json.event === name && r.status === 200)));

async function deliveries(): Promise<Delivery[]> {
  const { status, body } = await sandbox().control<{ data: Delivery[] }>("GET", "/_sandbox/webhooks/deliveries");
  expect(status).toBe(200);
  return body.data;
}

describe("webhook deliveries", () => {
  it("sends payment.auth.success then payment.capture.success for a card sale, signed with the merchant's secret", async () => {
    const input = orderInput();
    const order = await clientFor(sandbox()).createPaymentOrder(input);
    await waitForEvents("payment.auth.success", "payment.capture.success");
    expect((await deliveries()).map((d) => d.event)).toEqual(["payment.auth.success", "payment.capture.success"]);
    for (const hook of receiver.received) {
      const signature = hook.headers["x-webhook-signature"] as string;
      expect(signature).toMatch(/^[0-9a-f]{64}$/);
      expect(verifyWebhookSignature(hook.rawBody, signature, [sandbox().webhookSecret])).toBe(true);
      expect(verifyWebhookSignature(hook.rawBody, signature, ["whsec_someone_else"])).toBe(false);
      expect(verifyWebhookSignature(`${hook.rawBody} `, signature, [sandbox().webhookSecret])).toBe(false);
      expect(hook.headers["content-type"]).toMatch(/application\/json/);
    }
    const auth = parseWebhookEvent(events("payment.auth.success")[0]!.rawBody);
    const capture = parseWebhookEvent(events("payment.capture.success")[0]!.rawBody);
    expect(auth).toMatchObject({ paymentOrderId: order.id, externalId: input.externalId, status: "authorized", amount: 124900, currency: "MXN" });
    expect(capture).toMatchObject({ paymentOrderId: order.id, externalId: input.externalId, status: "succeeded", card: { brand: "visa", last4: "1111" } });
    expect(auth?.id).not.toBe(capture?.id);
  });

  it("sends payment.auth.failed with the decline reason for a declined card", async () => {
    const error = await rejectionOf(clientFor(sandbox()).createPaymentOrder(orderInput({ card: "4000000000009995" })));
    await waitForEvents("payment.auth.failed");
    const event = parseWebhookEvent(events("payment.auth.failed")[0]!.rawBody);
    expect(event).toMatchObject({ paymentOrderId: error.paymentOrderId, status: "failed", declineReason: "insufficient_funds" });
    expect(events("payment.capture.success")).toHaveLength(0);
  });

  it("sends payment.auth.pending when 3-D Secure starts", async () => {
    const order = await clientFor(sandbox()).createPaymentOrder(orderInput({ card: "4000000000002503" }));
    await waitForEvents("payment.auth.pending");
    expect(parseWebhookEvent(events("payment.auth.pending")[0]!.rawBody)).toMatchObject({ paymentOrderId: order.id, status: "requires_device_data" });
  });

  it("sends payment.refund.success with the refund", async () => {
    const client = clientFor(sandbox());
    const order = await client.createPaymentOrder(orderInput());
    const { refund } = await client.refundPaymentOrder({ paymentOrderId: order.id, amount: 20000, reason: "one ticket" });
    await waitForEvents("payment.refund.success");
    const event = parseWebhookEvent(events("payment.refund.success")[0]!.rawBody);
    expect(event).toMatchObject({ paymentOrderId: order.id, status: "partially_refunded", refund: { id: refund.id, amount: 20000, reason: "one ticket" } });
  });

  it("sends nothing for a replayed externalId", async () => {
    const client = clientFor(sandbox());
    const input = orderInput();
    await client.createPaymentOrder(input);
    await waitForEvents("payment.capture.success");
    await client.createPaymentOrder(input);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receiver.received).toHaveLength(2);
  });

  it("sends one auth and one capture when the create's answer was lost and the client retried", async () => {
    await addFault(sandbox(), { match: { operation: "createPaymentOrder" }, action: { type: "timeout-after-commit" } });
    const order = await clientFor(sandbox()).createPaymentOrder(orderInput());
    await waitForEvents("payment.auth.success", "payment.capture.success");
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receiver.received.map((r) => r.json.event).sort()).toEqual(["payment.auth.success", "payment.capture.success"]);
    expect(receiver.received.every((r) => parseWebhookEvent(r.rawBody)?.paymentOrderId === order.id)).toBe(true);
  });

  it("sends auth.success and capture.success once a 3-D Secure challenge is validated", async () => {
    const client = clientFor(sandbox());
    const created = await client.createPaymentOrder(orderInput({ card: "4000000000002503" }));
    const { body: deviceData } = await sandbox().control<{ sessionId: string }>("POST", `/_sandbox/orders/${created.id}/complete-3ds`, {});
    const challenged = await client.initiatePayerAuthentication({
      paymentOrderId: created.id,
      collectionReferenceId: deviceData.sessionId,
      returnUrl: "https://shop.example.com/3ds/return",
      device: {},
    });
    await sandbox().control("POST", `/_sandbox/orders/${created.id}/complete-3ds`, { outcome: "success" });
    await client.validatePayerAuthentication({ paymentOrderId: created.id, authenticationTransactionId: challenged.payerAuthentication!.id });
    await waitForEvents("payment.auth.pending", "payment.auth.success", "payment.capture.success");
    expect(parseWebhookEvent(events("payment.capture.success")[0]!.rawBody)).toMatchObject({ paymentOrderId: created.id, status: "succeeded" });
  });

  it("signs with the secret set through the control endpoint", async () => {
    await sandbox().control("POST", "/_sandbox/webhooks", { url: receiver.url, secret: "whsec_rotated" });
    await clientFor(sandbox()).createPaymentOrder(orderInput());
    await waitForEvents("payment.capture.success");
    const hook = events("payment.capture.success")[0]!;
    const signature = hook.headers["x-webhook-signature"] as string;
    expect(verifyWebhookSignature(hook.rawBody, signature, ["whsec_rotated"])).toBe(true);
    expect(verifyWebhookSignature(hook.rawBody, signature, [sandbox().webhookSecret])).toBe(false);
    expect(verifyWebhookSignature(hook.rawBody, signature, [sandbox().webhookSecret, "whsec_rotated"])).toBe(true);
  });
});

describe("webhook retries and redelivery", () => {
  it("retries a delivery the receiver answered 500, with the same event id and body", async () => {
    receiver.answerNext(500);
    await clientFor(sandbox()).createPaymentOrder(orderInput());
    await receiver.waitFor((all) => all.filter((r) => r.status === 200).length === 2 && all.length === 3);
    const failed = receiver.received.find((r) => r.status === 500)!;
    const retried = receiver.received.filter((r) => r.json.id === failed.json.id);
    expect(retried.map((r) => r.status)).toEqual([500, 200]);
    expect(retried[1]?.rawBody).toBe(failed.rawBody);
    expect(retried[1]?.headers["x-webhook-signature"]).toBe(failed.headers["x-webhook-signature"]);
    expect(retried.map((r) => r.headers["x-webhook-id"])).toEqual([failed.json.id, failed.json.id]);
    const delivery = (await deliveries()).find((d) => d.eventId === failed.json.id)!;
    expect(delivery.status).toBe("delivered");
    expect(delivery.attempts.map((a) => a.httpStatus)).toEqual([500, 200]);
  });

  it("keeps retrying while the receiver fails and lists every attempt", async () => {
    receiver.answerNext(503, 503, 503);
    await rejectionOf(clientFor(sandbox()).createPaymentOrder(orderInput({ card: "4000000000000002" })));
    await receiver.waitFor((all) => all.length === 4);
    const [delivery] = await deliveries();
    expect(delivery?.event).toBe("payment.auth.failed");
    expect(delivery?.attempts.map((a) => a.httpStatus)).toEqual([503, 503, 503, 200]);
    expect(new Set(receiver.received.map((r) => r.json.id)).size).toBe(1);
  });

  it("retries a delivery the receiver never answered, after the sandbox's timeout", async () => {
    receiver.answerNext(0);
    await rejectionOf(clientFor(sandbox()).createPaymentOrder(orderInput({ card: "4000000000000002" })));
    await receiver.waitFor((all) => all.length === 2 && all[1]!.status === 200);
    expect(receiver.received[1]?.json.id).toBe(receiver.received[0]?.json.id);
    const [delivery] = await deliveries();
    expect(delivery?.status).toBe("delivered");
    expect(delivery?.attempts.map((a) => a.httpStatus)).toEqual([null, 200]);
  });

  it("redelivers an event with the same id, body and signature", async () => {
    await rejectionOf(clientFor(sandbox()).createPaymentOrder(orderInput({ card: "4000000000000002" })));
    await waitForEvents("payment.auth.failed");
    const [delivery] = await deliveries();
    const answer = await sandbox().control<Delivery>("POST", `/_sandbox/webhooks/deliveries/${delivery!.id}/redeliver`);
    expect(answer.status).toBe(200);
    expect(answer.body.attempts).toHaveLength(2);
    await receiver.waitFor((all) => all.length === 2);
    const [first, again] = receiver.received;
    expect(again?.json.id).toBe(first?.json.id);
    expect(again?.rawBody).toBe(first?.rawBody);
    expect(again?.headers["x-webhook-signature"]).toBe(first?.headers["x-webhook-signature"]);
  });

  it("answers 404 for redelivery of an unknown delivery", async () => {
    const answer = await sandbox().control("POST", "/_sandbox/webhooks/deliveries/nope/redeliver");
    expect(answer.status).toBe(404);
  });
});
