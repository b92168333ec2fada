// One order confirmation per paid order, however many paths report the payment at once: the create's answer,
// the sandbox's webhooks (handed to handleCheqpayWebhook as the route does) and the reconciliation. The outbox
// key is the gate for the email to exist, the mail module's event key the gate for it to be sent.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyPaymentOrder, reconcileAttempt } from "@/lib/checkout/attempt-outcome";
import { payWithCard } from "@/lib/checkout/payment-service";
import { WEBHOOK_SIGNATURE_HEADER } from "@/lib/cheqpay";
import type { Database } from "@/lib/db/client";
import { sendOutboxEmail } from "@/lib/emails/send-outbox-email";
import { handleCheqpayWebhook } from "@/lib/webhooks/cheqpay-webhook";
import { addFault, clientFor, orderInput, useSandbox } from "../../support/cheqpay-sandbox";
import { attemptById, attemptsOf, cartWith, eventsOf, checkoutForm, orderById, orderWithAttempt, ordersOfCart, paymentContextFor, timelineOf, useDatabase } from "../../support/checkout-fixtures";
import { EMAIL_CONTEXT, mailboxMailer } from "../../support/job-fixtures";
import { mailsWithKey, outboxKeysOf, outboxOf } from "../../support/refund-fixtures";

const sandbox = useSandbox();
const db = useDatabase();
const cheqpay = () => clientFor(sandbox());

type Delivery = { event: string; paymentOrderId: string | null; raw: string; signature: string | null };
/** The webhook endpoint: records every delivery and, when `applying`, hands it to handleCheqpayWebhook. */
const deliveries: Delivery[] = [];
let applying = true;
let server: Server;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const signature = typeof request.headers[WEBHOOK_SIGNATURE_HEADER] === "string" ? (request.headers[WEBHOOK_SIGNATURE_HEADER] as string) : null;
      const body = JSON.parse(raw) as { event: string; data: { paymentOrder?: { id?: string } } };
      deliveries.push({ event: body.event, paymentOrderId: body.data.paymentOrder?.id ?? null, raw, signature });
      if (!applying) return void response.writeHead(200).end("ok");
      handleCheqpayWebhook(db, raw, signature, [sandbox().webhookSecret]).then(
        (answer) => response.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body)),
        () => response.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(async () => {
  deliveries.length = 0;
  applying = true;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/cheqpay`;
  expect((await sandbox().control("POST", "/_sandbox/webhooks", { url })).status).toBe(200);
});

/** The sandbox's webhooks for a payment order, once all of `events` were answered by our endpoint. */
async function deliveredFor(paymentOrderId: string, events: string[]): Promise<Delivery[]> {
  type Row = { event: string; status: string };
  await expect
    .poll(async () => {
      const { body } = await sandbox().control<{ data: Row[] }>("GET", `/_sandbox/webhooks/deliveries?paymentOrderId=${paymentOrderId}`);
      return events.every((event) => body.data.some((d) => d.event === event && d.status === "delivered"));
    }, { timeout: 5_000, interval: 20 })
    .toBe(true);
  return deliveries.filter((d) => d.paymentOrderId === paymentOrderId);
}

/** Every outbox email of the order sent by two send-email jobs at once, twice over. */
async function sendAllTwiceConcurrently(database: Database, orderId: string) {
  const mailer = mailboxMailer();
  const ids = (await outboxOf(database, orderId)).map((row) => row.id);
  const send = () => Promise.all(ids.flatMap((id) => [sendOutboxEmail(database, mailer, EMAIL_CONTEXT, id), sendOutboxEmail(database, mailer, EMAIL_CONTEXT, id)]));
  return [...(await send()), ...(await send())];
}

describe("a payment whose webhooks arrive before the create's answer", () => {
  it("writes one order confirmation and mails it once", async () => {
    const { cartId } = await cartWith(db);
    // Cheqpay commits and sends its webhooks at once, but answers the create only 1.5 s later.
    await addFault(sandbox(), { match: { operation: "createPaymentOrder" }, action: { type: "latency-after-commit", ms: 1_500 } });

    expect((await payWithCard(paymentContextFor(db, cheqpay()), cartId, checkoutForm())).kind).toBe("paid");

    const [order] = await ordersOfCart(db, cartId);
    const [attempt] = await attemptsOf(db, order!.id);
    await deliveredFor(attempt!.cheqpayOrderId!, ["payment.auth.success", "payment.capture.success"]);
    const timeline = await timelineOf(db, order!.id);
    expect(timeline.filter((kind) => kind === "webhook.received")).toHaveLength(2);
    const succeeded = (await eventsOf(db, order!.id)).filter((e) => e.kind === "attempt.status" && (e.detail as { status: string }).status === "succeeded");
    expect(succeeded.map((e) => (e.detail as { source: string }).source)).toEqual(["webhook"]); // the webhook won the race
    expect(timeline.filter((kind) => kind === "order.paid")).toHaveLength(1);
    const key = `order-confirmation:${order!.id}`;
    expect(await outboxKeysOf(db, order!.id)).toEqual([key]);

    const results = await sendAllTwiceConcurrently(db, order!.id);

    expect(results.filter((r) => r === "sent")).toHaveLength(1);
    expect(results.filter((r) => r === "already-sent")).toHaveLength(3);
    expect(await mailsWithKey(db, key)).toHaveLength(1);
  });
});

describe("the same success applied at once by every path", () => {
  it("(webhooks twice, the create's answer, two reconciliations) pays the order once with one confirmation, mailed once", async () => {
    const { order, attempt } = await orderWithAttempt(db, "submitted");
    applying = false; // the webhooks are only recorded here, and replayed below at the same time as the rest
    const paymentOrder = await cheqpay().createPaymentOrder(orderInput({ externalId: attempt.externalId, amount: order.totalCentavos }));
    const webhooks = await deliveredFor(paymentOrder.id, ["payment.auth.success", "payment.capture.success"]);
    const capture = webhooks.find((d) => d.event === "payment.capture.success")!;
    const deliver = (d: Delivery) => handleCheqpayWebhook(db, d.raw, d.signature, [sandbox().webhookSecret]);

    const outcomes = await Promise.all([
      ...webhooks.map(deliver),
      deliver(capture),
      applyPaymentOrder(db, attempt, paymentOrder, "create-response"),
      reconcileAttempt(db, cheqpay(), attempt, "reconciliation"),
      reconcileAttempt(db, cheqpay(), attempt, "reconciliation"),
    ]);

    expect(outcomes.slice(0, 3).map((answer) => (answer as { status: number }).status)).toEqual([200, 200, 200]);
    expect(await attemptById(db, attempt.id)).toMatchObject({ status: "succeeded", cheqpayOrderId: paymentOrder.id });
    expect((await orderById(db, order.id)).status).toBe("paid");
    expect((await timelineOf(db, order.id)).filter((kind) => kind === "order.paid")).toHaveLength(1);
    const key = `order-confirmation:${order.id}`;
    expect(await outboxKeysOf(db, order.id)).toEqual([key]);

    const results = await sendAllTwiceConcurrently(db, order.id);

    expect(results.filter((r) => r === "sent")).toHaveLength(1);
    expect(await mailsWithKey(db, key)).toHaveLength(1);
    expect((await mailsWithKey(db, key))[0]).toMatchObject({ recipient: order.email, subject: `Your order #${order.orderNumber} is confirmed` });
    expect((await outboxOf(db, order.id))[0]).toMatchObject({ sentAt: expect.any(Date), attempts: 1, lastError: null });
  });
});

describe("a failure webhook for an attempt still in flight", () => {
  it("writes one payment-failed email for the attempt, however often it is delivered", async () => {
    const { order, attempt } = await orderWithAttempt(db, "submitted");
    applying = false;
    await cheqpay()
      .createPaymentOrder(orderInput({ externalId: attempt.externalId, amount: order.totalCentavos, card: "4000000000000002" }))
      .catch(() => undefined);
    await expect.poll(() => deliveries.some((d) => d.event === "payment.auth.failed"), { timeout: 5_000, interval: 20 }).toBe(true);
    const failed = deliveries.find((d) => d.event === "payment.auth.failed")!;

    const answers = await Promise.all([1, 2, 3].map(() => handleCheqpayWebhook(db, failed.raw, failed.signature, [sandbox().webhookSecret])));

    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(await attemptById(db, attempt.id)).toMatchObject({ status: "failed", declineCode: "DECLINED" });
    expect(await outboxKeysOf(db, order.id)).toEqual([`payment-failed:${attempt.id}`]);
    await sendAllTwiceConcurrently(db, order.id);
    const [mail, ...others] = await mailsWithKey(db, `payment-failed:${attempt.id}`);
    expect(others).toEqual([]);
    expect(mail!.subject).toBe(`The payment for your order #${order.orderNumber} didn't go through`);
  });
});
