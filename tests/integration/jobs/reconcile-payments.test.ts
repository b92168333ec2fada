// The every-minute reconciliation, on a database of this file's own (it reads every stuck attempt) and a real
// sandbox process: attempts whose answer was lost are read back from Cheqpay, abandoned 3-D Secure steps end,
// and the sweep queues emails and refunds nobody queued. Run by hand, and as the job of a real job runner.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { payWithCard } from "@/lib/checkout/payment-service";
import type { PaymentStep } from "@/lib/checkout/payment-step";
import { emailOutbox, paymentAttempts, refunds } from "@/lib/db/schema";
import { reconcilePayments } from "@/lib/jobs/reconcile-payments";
import { QUEUES } from "@/lib/queue/queues";
import { addFault, clientFor, useSandbox, wireOrderOf } from "../../support/cheqpay-sandbox";
import { attemptById, attemptsOf, cartWith, checkoutForm, orderById, ordersOfCart, paymentContextFor, timelineOf } from "../../support/checkout-fixtures";
import { useIsolatedDatabase } from "../../support/isolated-database";
import { failingQueue, useJobRunners } from "../../support/job-fixtures";
import { acceptedRefund, mailsWithKey, outboxKeysOf, outboxOf, paidOrder, refundStatusOf } from "../../support/refund-fixtures";
import { collectDeviceData } from "../../support/three-ds-walker";
import { continueAuthentication } from "@/lib/checkout/payment-service";

const sandbox = useSandbox();
const iso = useIsolatedDatabase();
const startRunner = useJobRunners();
const cheqpay = () => clientFor(sandbox());
const eventually = { timeout: 15_000, interval: 100 };

/** Pays a cart with a client that does not retry: `fault` eats the create's answer and the read-back gets a 503,
 *  so the attempt is left `submitted`, as after a crash or a timeout the shopper walked away from. */
async function paymentLeftInFlight(fault: "timeout-after-commit" | "drop") {
  const { db } = iso();
  const { cartId } = await cartWith(db);
  await addFault(sandbox(), { match: { operation: "createPaymentOrder" }, action: { type: fault } });
  await addFault(sandbox(), { match: { operation: "getPaymentOrder" }, action: { type: "error", status: 503 } });
  const noRetries = clientFor(sandbox(), { retryPolicy: { maxAttempts: 1 } });
  await payWithCard(paymentContextFor(db, noRetries), cartId, checkoutForm());
  const [order] = await ordersOfCart(db, cartId);
  const [attempt, ...others] = await attemptsOf(db, order!.id);
  expect(others).toEqual([]);
  expect(attempt!.status).toBe("submitted");
  expect(order!.status).toBe("pending");
  return { order: order!, attempt: attempt! };
}

async function age(table: typeof paymentAttempts | typeof refunds, id: string, minutes: number) {
  await iso().db.update(table).set({ updatedAt: sql`now() - make_interval(mins => ${minutes})` }).where(eq(table.id, id));
}

describe("an attempt whose create answer was lost after Cheqpay charged the card", () => {
  it("is settled by the reconciliation: succeeded, the order paid, one order confirmation in the outbox", async () => {
    const { db } = iso();
    const { order, attempt } = await paymentLeftInFlight("timeout-after-commit");
    expect((await wireOrderOf(sandbox(), attempt.externalId)).status).toBe("COMPLETED");
    expect(await outboxOf(db, order.id)).toEqual([]);

    const summary = await reconcilePayments(db, cheqpay(), null, { stuckAfterSeconds: 0 });

    expect(summary).toEqual({ checked: 1, settled: 1, expired: 0, emailsQueued: 0, refundsQueued: 0 });
    expect(await attemptById(db, attempt.id)).toMatchObject({ status: "succeeded", cardLast4: "1111" });
    expect((await orderById(db, order.id)).status).toBe("paid");
    expect(await outboxKeysOf(db, order.id)).toEqual([`order-confirmation:${order.id}`]);

    expect(await reconcilePayments(db, cheqpay(), null, { stuckAfterSeconds: 0 })).toMatchObject({ checked: 0, settled: 0 });
    expect(await outboxKeysOf(db, order.id)).toEqual([`order-confirmation:${order.id}`]);
    expect((await timelineOf(db, order.id)).filter((kind) => kind === "order.paid")).toHaveLength(1);
  });

  it("is left alone while it may still be answered (younger than stuckAfterSeconds)", async () => {
    const { db } = iso();
    const { attempt } = await paymentLeftInFlight("timeout-after-commit");
    expect(await reconcilePayments(db, cheqpay(), null, { stuckAfterSeconds: 120 })).toMatchObject({ checked: 0 });
    expect((await attemptById(db, attempt.id)).status).toBe("submitted");
    await reconcilePayments(db, cheqpay(), null, { stuckAfterSeconds: 0 }); // settle it: no attempt left in flight
  });

  it("is settled by the reconcile-payments job of a running job runner, and its confirmation mailed exactly once", async () => {
    const { db, sql: pool } = iso();
    const runner = await startRunner(pool, { db, cheqpay: cheqpay(), asDefaultQueue: true });
    const { order, attempt } = await paymentLeftInFlight("timeout-after-commit");
    await age(paymentAttempts, attempt.id, 5);

    await runner.send(QUEUES.reconcilePayments, {}, "reconcile-now");

    await expect.poll(async () => (await attemptById(db, attempt.id)).status, eventually).toBe("succeeded");
    const key = `order-confirmation:${order.id}`;
    await expect.poll(async () => (await mailsWithKey(db, key)).length, eventually).toBe(1);
    expect((await mailsWithKey(db, key))[0]).toMatchObject({
      recipient: "ana.lopez@example.com",
      subject: `Your order #${order.orderNumber} is confirmed`,
      transport: "mailbox",
    });
    await expect.poll(async () => (await outboxOf(db, order.id))[0]?.sentAt, eventually).toBeInstanceOf(Date);

    // Another reconciliation (the next minute's) finds nothing to do and mails nothing more.
    await runner.send(QUEUES.reconcilePayments, {}, "reconcile-again");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await mailsWithKey(db, key)).toHaveLength(1);
    expect(await outboxKeysOf(db, order.id)).toEqual([key]);
  });
});

describe("an attempt Cheqpay never received (the create was dropped)", () => {
  it("is failed NOT_PROCESSED by the reconciliation, the order stays payable, and the shopper is told by email", async () => {
    const { db } = iso();
    const { order, attempt } = await paymentLeftInFlight("drop");

    expect(await reconcilePayments(db, cheqpay(), null, { stuckAfterSeconds: 0 })).toMatchObject({ checked: 1, settled: 1 });

    expect(await attemptById(db, attempt.id)).toMatchObject({ status: "failed", declineCode: "NOT_PROCESSED" });
    expect((await orderById(db, order.id)).status).toBe("pending");
    expect(await outboxKeysOf(db, order.id)).toEqual([`payment-failed:${attempt.id}`]);
  });
});

type AuthStep = Extract<PaymentStep, { kind: "device-data" | "challenge" }>;

/** A 3-D Secure payment the shopper left at the device-data step, or at the challenge. */
async function abandonedAuthentication(stage: "device-data" | "challenge") {
  const { db } = iso();
  const { cartId } = await cartWith(db);
  const context = paymentContextFor(db, cheqpay());
  let step = (await payWithCard(context, cartId, checkoutForm({ cardNumber: "4000000000002503" }))) as AuthStep;
  expect(step.kind).toBe("device-data");
  if (stage === "challenge") {
    const sessionId = await collectDeviceData({ id: step.attemptId, url: step.url, jwt: step.jwt });
    step = (await continueAuthentication(context, cartId, { attemptId: step.attemptId, sessionId, browser: checkoutForm().browser })) as AuthStep;
    expect(step.kind).toBe("challenge");
  }
  const [order] = await ordersOfCart(db, cartId);
  return { order: order!, attemptId: step.attemptId };
}

describe.each(["device-data", "challenge"] as const)("a 3-D Secure payment abandoned at the %s step", (stage) => {
  it("is left alone within the session's lifetime, then expired: order still pending, one payment-failed email", async () => {
    const { db } = iso();
    const { order, attemptId } = await abandonedAuthentication(stage);
    const status = stage === "device-data" ? "requires_device_data" : "requires_challenge";

    expect(await reconcilePayments(db, cheqpay(), null)).toMatchObject({ expired: 0 });
    expect((await attemptById(db, attemptId)).status).toBe(status);

    expect(await reconcilePayments(db, cheqpay(), null, { authenticationTtlMs: 0 })).toMatchObject({ checked: 1, settled: 0, expired: 1 });

    expect(await attemptById(db, attemptId)).toMatchObject({ status: "expired", declineCode: "AUTHENTICATION_FAILED" });
    expect((await orderById(db, order.id)).status).toBe("pending");
    expect(await outboxKeysOf(db, order.id)).toEqual([`payment-failed:${attemptId}`]);
    expect(await reconcilePayments(db, cheqpay(), null, { authenticationTtlMs: 0 })).toMatchObject({ checked: 0, expired: 0 });
    expect(await outboxKeysOf(db, order.id)).toEqual([`payment-failed:${attemptId}`]);
  });
});

describe("the reconcile-payments job's sweep", () => {
  it("mails an outbox email that was written but never queued", async () => {
    const { db, sql: pool } = iso();
    const { order, attempt } = await paymentLeftInFlight("timeout-after-commit");
    await reconcilePayments(db, cheqpay(), null, { stuckAfterSeconds: 0 }); // no queue: the email is only in the outbox
    expect((await attemptById(db, attempt.id)).status).toBe("succeeded");
    const key = `order-confirmation:${order.id}`;
    await db.update(emailOutbox).set({ createdAt: sql`now() - interval '1 minute'` }).where(eq(emailOutbox.eventKey, key));
    const runner = await startRunner(pool, { db, cheqpay: cheqpay() });

    await runner.send(QUEUES.reconcilePayments, {}, "sweep");

    await expect.poll(async () => (await mailsWithKey(db, key)).length, eventually).toBe(1);
    await expect.poll(async () => (await outboxOf(db, order.id))[0]?.sentAt, eventually).toBeInstanceOf(Date);
  });

  it("processes a PENDING refund whose job could not be queued", async () => {
    const { db, sql: pool } = iso();
    const { order, paymentOrderId } = await paidOrder(db, cheqpay());
    const refund = await acceptedRefund(db, failingQueue, order.id, 5000);
    await age(refunds, refund.id, 1);
    const runner = await startRunner(pool, { db, cheqpay: cheqpay() });

    await runner.send(QUEUES.reconcilePayments, {}, "sweep");

    await expect.poll(() => refundStatusOf(db, refund.id), eventually).toBe("SUCCEEDED");
    expect(await cheqpay().listRefunds(paymentOrderId)).toEqual([expect.objectContaining({ amount: 5000 })]);
    expect((await orderById(db, order.id)).status).toBe("partially_refunded");
  });
});
