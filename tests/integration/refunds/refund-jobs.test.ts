// Refunds through the job queue as the app runs it: pg-boss job runners (startJobRunner with the app's
// jobHandlers) on a database of this file's own, a real sandbox process, and the development mailbox.
// Two pools with a runner each stand for two app processes sharing one database.
import { expect, describe, it } from "vitest";
import { QUEUES, type QueueName } from "@/lib/queue/queues";
import { addFault, clientFor, useSandbox } from "../../support/cheqpay-sandbox";
import { orderById } from "../../support/checkout-fixtures";
import { useIsolatedDatabase } from "../../support/isolated-database";
import { useJobRunners } from "../../support/job-fixtures";
import { acceptedRefund, mailsWithKey, outboxOf, paidOrder, refundById, refundPosts, refundStatusOf } from "../../support/refund-fixtures";

const sandbox = useSandbox();
const iso = useIsolatedDatabase();
const startRunner = useJobRunners();
const cheqpay = () => clientFor(sandbox());

type Ran = { runner: string; queue: QueueName; data: Record<string, string> };

/** A runner on its own pool, recording the jobs it runs in `ran`. */
async function appProcess(name: string, ran: Ran[], pool = iso().newPool()) {
  return startRunner(pool.sql, { db: pool.db, cheqpay: cheqpay(), onJob: (queue, data) => ran.push({ runner: name, queue, data }) });
}

const eventually = { timeout: 15_000, interval: 100 };

describe("a refund requested while a job runner runs", () => {
  it("is processed by its job: refunded at Cheqpay once, SUCCEEDED, the order refunded, the confirmation mailed once", async () => {
    const { db } = iso();
    const ran: Ran[] = [];
    const runner = await appProcess("app", ran, iso());
    const { order, paymentOrderId } = await paidOrder(db, cheqpay());

    const refund = await acceptedRefund(db, runner, order.id);

    await expect.poll(() => refundStatusOf(db, refund.id), eventually).toBe("SUCCEEDED");
    expect((await orderById(db, order.id)).status).toBe("refunded");
    expect(await cheqpay().listRefunds(paymentOrderId)).toEqual([expect.objectContaining({ amount: 68700, status: "succeeded" })]);
    expect(await refundPosts(sandbox())).toHaveLength(1);

    const key = `refund-confirmation:${refund.id}`;
    await expect.poll(async () => (await mailsWithKey(db, key)).length, eventually).toBe(1);
    const [mail] = await mailsWithKey(db, key);
    expect(mail).toMatchObject({ recipient: order.email, subject: `Refund for your order #${order.orderNumber}`, transport: "mailbox" });
    await expect.poll(async () => (await outboxOf(db, order.id)).find((row) => row.eventKey === key)?.sentAt, eventually).toBeInstanceOf(Date);
    expect(ran.filter((job) => job.queue === QUEUES.processRefund).map((job) => job.data)).toEqual([{ refundId: refund.id }]);
  });

  it("that gets a 500 from Cheqpay once is retried by the queue and refunded exactly once", async () => {
    const { db } = iso();
    const ran: Ran[] = [];
    const runner = await appProcess("app", ran, iso());
    const { order, paymentOrderId } = await paidOrder(db, cheqpay(), [[30000, 1]]);
    await addFault(sandbox(), { match: { operation: "refundPaymentOrder" }, action: { type: "error", status: 500 } });

    const refund = await acceptedRefund(db, runner, order.id, 12000);

    // pg-boss waits retryDelay (5 s, with backoff and jitter) before the second try.
    await expect.poll(() => refundStatusOf(db, refund.id), { timeout: 25_000, interval: 200 }).toBe("SUCCEEDED");
    expect((await refundPosts(sandbox())).map((entry) => entry.status)).toEqual([500, 201]);
    expect(await cheqpay().listRefunds(paymentOrderId)).toEqual([expect.objectContaining({ amount: 12000 })]);
    expect(ran.filter((job) => job.queue === QUEUES.processRefund)).toHaveLength(2);
    expect((await orderById(db, order.id)).status).toBe("partially_refunded");
  }, 40_000);
});

describe("two app processes sharing one database", () => {
  it("run each of N refund jobs exactly once between them, and each refund is made once", async () => {
    const { db } = iso();
    const ran: Ran[] = [];
    const runners = await Promise.all([appProcess("A", ran), appProcess("B", ran)]);
    const paid = [];
    for (let i = 0; i < 6; i++) paid.push(await paidOrder(db, cheqpay(), [[10000 + i * 100, 1]]));

    // Each request is made on one process or the other, as staff's requests would land.
    const refunds = await Promise.all(paid.map(({ order }, i) => acceptedRefund(db, runners[i % 2]!, order.id)));

    for (const refund of refunds) await expect.poll(() => refundStatusOf(db, refund.id), eventually).toBe("SUCCEEDED");
    const processRuns = ran.filter((job) => job.queue === QUEUES.processRefund).map((job) => job.data.refundId).sort();
    expect(processRuns).toEqual(refunds.map((refund) => refund.id).sort());
    expect(await refundPosts(sandbox())).toHaveLength(6);
    for (const { order, paymentOrderId } of paid) {
      expect(await cheqpay().listRefunds(paymentOrderId)).toHaveLength(1);
      expect((await orderById(db, order.id)).status).toBe("refunded");
    }
    for (const refund of refunds) {
      await expect.poll(async () => (await mailsWithKey(db, `refund-confirmation:${refund.id}`)).length, eventually).toBe(1);
    }
  }, 40_000);

  it("refund once a refund both of them queue (the request on one, a sweep on the other)", async () => {
    const { db } = iso();
    const ran: Ran[] = [];
    const [a, b] = await Promise.all([appProcess("A", ran), appProcess("B", ran)]);
    const { order, paymentOrderId } = await paidOrder(db, cheqpay());

    const refund = await acceptedRefund(db, a, order.id);
    await b.send(QUEUES.processRefund, { refundId: refund.id }, refund.id);
    await a.send(QUEUES.processRefund, { refundId: refund.id }, refund.id);

    await expect.poll(() => refundStatusOf(db, refund.id), eventually).toBe("SUCCEEDED");
    // Let any second job that was queued while the first ran finish too.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await refundPosts(sandbox())).toHaveLength(1);
    expect(await cheqpay().listRefunds(paymentOrderId)).toHaveLength(1);
    expect((await outboxOf(db, order.id)).filter((row) => row.kind === "refund-confirmation")).toHaveLength(1);
    expect((await refundById(db, refund.id)).amountCentavos).toBe(68700);
  });
});
