// End to end: the sandbox delivers its signed webhooks to a small local endpoint that hands the raw body and
// signature to handleCheqpayWebhook (as the route handler does) while the payment service pays the order.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { completeChallenge, continueAuthentication, payWithCard } from "@/lib/checkout/payment-service";
import { WEBHOOK_SIGNATURE_HEADER } from "@/lib/cheqpay";
import { webhookEvents } from "@/lib/db/schema";
import { handleCheqpayWebhook } from "@/lib/webhooks/cheqpay-webhook";
import { clientFor, useSandbox } from "../../support/cheqpay-sandbox";
import { attemptsOf, cartWith, checkoutForm, ordersOfCart, paymentContextFor, timelineOf, useDatabase } from "../../support/checkout-fixtures";
import { answerChallenge, collectDeviceData } from "../../support/three-ds-walker";

const sandbox = useSandbox({ CHEQPAY_SANDBOX_WEBHOOK_RETRY_BASE_MS: "50" });
const db = useDatabase();
const context = () => paymentContextFor(db, clientFor(sandbox()));

let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const signature = request.headers[WEBHOOK_SIGNATURE_HEADER];
      handleCheqpayWebhook(db, Buffer.concat(chunks).toString("utf8"), typeof signature === "string" ? signature : null, [sandbox().webhookSecret]).then(
        (answer) => response.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body)),
        () => response.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/cheqpay`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(async () => {
  expect((await sandbox().control("POST", "/_sandbox/webhooks", { url: endpoint })).status).toBe(200);
});

type Delivery = { eventId: string; event: string; status: string; attempts: { httpStatus: number | null }[] };

/** The sandbox's deliveries for a payment order, once `events` have all been delivered (or failed). */
async function settledDeliveries(paymentOrderId: string, events: string[]): Promise<Delivery[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const { body } = await sandbox().control<{ data: Delivery[] }>("GET", `/_sandbox/webhooks/deliveries?paymentOrderId=${paymentOrderId}`);
    const done = events.every((event) => body.data.some((d) => d.event === event)) && body.data.every((d) => d.status !== "pending");
    if (done || Date.now() > deadline) return body.data;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function onlyAttemptOf(cartId: string) {
  const [order, ...otherOrders] = await ordersOfCart(db, cartId);
  expect(otherOrders).toEqual([]);
  const [attempt, ...others] = await attemptsOf(db, order!.id);
  expect(others).toEqual([]);
  return { order: order!, attempt: attempt! };
}

const storedIds = async (ids: string[]) =>
  (await db.select({ id: webhookEvents.eventId }).from(webhookEvents).where(inArray(webhookEvents.eventId, ids))).map((r) => r.id).sort();

describe("the sandbox's webhooks, delivered to handleCheqpayWebhook", () => {
  it("for a good card are all delivered (200), stored once each, and the order is paid once", async () => {
    const { cartId } = await cartWith(db);
    expect((await payWithCard(context(), cartId, checkoutForm())).kind).toBe("paid");
    const { order, attempt } = await onlyAttemptOf(cartId);

    const deliveries = await settledDeliveries(attempt.cheqpayOrderId!, ["payment.auth.success", "payment.capture.success"]);
    expect(deliveries.map((d) => [d.event, d.status, d.attempts.map((a) => a.httpStatus)]).sort()).toEqual([
      ["payment.auth.success", "delivered", [200]],
      ["payment.capture.success", "delivered", [200]],
    ]);
    expect(await storedIds(deliveries.map((d) => d.eventId))).toEqual(deliveries.map((d) => d.eventId).sort());
    expect(attempt.status).toBe("succeeded");
    const timeline = await timelineOf(db, order.id);
    expect(timeline.filter((k) => k === "order.paid")).toHaveLength(1);
    expect(timeline.filter((k) => k === "webhook.received")).toHaveLength(2);
  });

  it("for a declined card are delivered and leave the attempt failed with its code", async () => {
    const { cartId } = await cartWith(db);
    expect((await payWithCard(context(), cartId, checkoutForm({ cardNumber: "4000000000009995" }))).kind).toBe("declined");
    const { order, attempt } = await onlyAttemptOf(cartId);

    const deliveries = await settledDeliveries(attempt.cheqpayOrderId!, ["payment.auth.failed"]);
    expect(deliveries.map((d) => [d.event, d.status])).toEqual([["payment.auth.failed", "delivered"]]);
    expect(attempt).toMatchObject({ status: "failed", declineCode: "INSUFFICIENT_FUNDS" });
    expect((await attemptsOf(db, order.id))[0]).toMatchObject({ status: "failed", declineCode: "INSUFFICIENT_FUNDS" });
  });

  it("for a 3-D Secure payment are all delivered and the order is paid once", async () => {
    const { cartId } = await cartWith(db);
    const deviceData = await payWithCard(context(), cartId, checkoutForm({ cardNumber: "4000000000002503" }));
    if (deviceData.kind !== "device-data") throw new Error(JSON.stringify(deviceData));
    const sessionId = await collectDeviceData({ id: deviceData.attemptId, url: deviceData.url, jwt: deviceData.jwt });
    const challenge = await continueAuthentication(context(), cartId, { attemptId: deviceData.attemptId, sessionId, browser: checkoutForm().browser });
    if (challenge.kind !== "challenge") throw new Error(JSON.stringify(challenge));
    const form = await answerChallenge({ id: challenge.attemptId, url: challenge.url, jwt: challenge.jwt }, { code: "1234" });
    const done = await completeChallenge(context(), { attemptId: challenge.attemptId, transactionId: form.fields.TransactionId!, merchantData: form.fields.MD! });
    expect(done?.kind).toBe("paid");
    const { order, attempt } = await onlyAttemptOf(cartId);

    const deliveries = await settledDeliveries(attempt.cheqpayOrderId!, ["payment.auth.pending", "payment.auth.success", "payment.capture.success"]);
    expect(deliveries.map((d) => d.status)).toEqual(deliveries.map(() => "delivered"));
    expect(deliveries.map((d) => d.event).sort()).toEqual(["payment.auth.pending", "payment.auth.success", "payment.capture.success"]);
    expect(attempt.status).toBe("succeeded");
    expect((await timelineOf(db, order.id)).filter((k) => k === "order.paid")).toHaveLength(1);
  });
});
