// Refunds end to end without the queue: requestRefund writes the PENDING refund and queues its job, and the
// test runs the job's function (processRefund) itself, against real PostgreSQL and a real sandbox process.
import { describe, expect, it } from "vitest";
import { processRefund } from "@/lib/refunds/process-refund";
import { requestRefund } from "@/lib/refunds/request-refund";
import { QUEUES } from "@/lib/queue/queues";
import { clientFor, useSandbox } from "../../support/cheqpay-sandbox";
import { cartWith, checkoutForm, orderById, timelineOf, useDatabase } from "../../support/checkout-fixtures";
import { ensureCheckoutOrder } from "@/lib/checkout/checkout-order";
import { recordingQueue } from "../../support/job-fixtures";
import { acceptedRefund, outboxOf, paidOrder, refundById, refundPosts, refundsOf } from "../../support/refund-fixtures";

const sandbox = useSandbox();
const db = useDatabase();
const cheqpay = () => clientFor(sandbox());
const ask = (orderId: string, amountCentavos?: number) =>
  requestRefund(db, recordingQueue(), { orderId, amountCentavos, reason: "damaged in transit", requestedBy: "api" });

describe("a full refund of a paid order", () => {
  it("is accepted as PENDING for the whole amount and queues its process-refund job keyed by the refund", async () => {
    const { order } = await paidOrder(db, cheqpay());
    const queue = recordingQueue();
    const result = await requestRefund(db, queue, { orderId: order.id, reason: "customer changed their mind", requestedBy: "user_1" });

    expect(result).toMatchObject({ kind: "accepted", refund: { status: "PENDING", amountCentavos: 68700, currency: "MXN", requestedBy: "user_1" } });
    const refund = result.kind === "accepted" ? result.refund : null;
    expect(queue.sent).toEqual([{ queue: QUEUES.processRefund, data: { refundId: refund!.id }, key: refund!.id }]);
    expect(await refundPosts(sandbox())).toEqual([]);
    expect((await orderById(db, order.id)).status).toBe("paid");
  });

  it("is made once at Cheqpay with our refund id in the reason; the refund succeeds and the order is refunded", async () => {
    const { order, paymentOrderId } = await paidOrder(db, cheqpay());
    const refund = await acceptedRefund(db, recordingQueue(), order.id);

    const { refund: processed, outboxIds } = await processRefund(db, cheqpay(), refund.id);

    expect(processed).toMatchObject({ id: refund.id, status: "SUCCEEDED", cheqpayRefundId: expect.any(String), failureReason: null });
    expect(processed!.submittedAt).toBeInstanceOf(Date);
    expect(processed!.completedAt).toBeInstanceOf(Date);
    expect((await orderById(db, order.id)).status).toBe("refunded");
    const atCheqpay = await cheqpay().listRefunds(paymentOrderId);
    expect(atCheqpay).toEqual([expect.objectContaining({ id: processed!.cheqpayRefundId, amount: 68700, status: "succeeded" })]);
    expect(atCheqpay[0]!.reason).toBe(`damaged in transit [ref ${refund.id}]`);
    expect(await cheqpay().getPaymentOrder(paymentOrderId)).toMatchObject({ status: "refunded", refundedAmount: 68700 });
    expect(await refundPosts(sandbox())).toHaveLength(1);

    const outbox = await outboxOf(db, order.id);
    expect(outbox.map((row) => [row.eventKey, row.kind, row.refundId])).toEqual([
      [`order-confirmation:${order.id}`, "order-confirmation", null],
      [`refund-confirmation:${refund.id}`, "refund-confirmation", refund.id],
    ]);
    expect(outboxIds).toEqual([outbox[1]!.id]);
    expect((await timelineOf(db, order.id)).filter((kind) => kind.startsWith("refund."))).toEqual(["refund.requested", "refund.succeeded"]);
  });

  it("is not made again when its job runs a second time", async () => {
    const { order, paymentOrderId } = await paidOrder(db, cheqpay());
    const refund = await acceptedRefund(db, recordingQueue(), order.id);
    await processRefund(db, cheqpay(), refund.id);

    const again = await processRefund(db, cheqpay(), refund.id);

    expect(again).toEqual({ refund: expect.objectContaining({ status: "SUCCEEDED" }), outboxIds: [] });
    expect(await refundPosts(sandbox())).toHaveLength(1);
    expect(await cheqpay().listRefunds(paymentOrderId)).toHaveLength(1);
    expect((await outboxOf(db, order.id)).filter((row) => row.kind === "refund-confirmation")).toHaveLength(1);
  });

  it("is made once when two jobs for it run at the same time", async () => {
    const { order, paymentOrderId } = await paidOrder(db, cheqpay());
    const refund = await acceptedRefund(db, recordingQueue(), order.id);

    const results = await Promise.all([processRefund(db, cheqpay(), refund.id), processRefund(db, cheqpay(), refund.id)]);

    expect(results.map((r) => r.refund?.status)).toEqual(["SUCCEEDED", "SUCCEEDED"]);
    expect(results.flatMap((r) => r.outboxIds)).toHaveLength(1);
    expect(await refundPosts(sandbox())).toHaveLength(1);
    expect(await cheqpay().listRefunds(paymentOrderId)).toHaveLength(1);
  });
});

describe("partial refunds", () => {
  it("leave the order partially refunded, each with its own confirmation, until they reach the amount paid", async () => {
    const { order, paymentOrderId } = await paidOrder(db, cheqpay());
    const statuses: string[] = [];
    for (const amount of [18900, 24900, 24900]) {
      const refund = await acceptedRefund(db, recordingQueue(), order.id, amount);
      expect((await processRefund(db, cheqpay(), refund.id)).refund?.status).toBe("SUCCEEDED");
      statuses.push((await orderById(db, order.id)).status);
    }
    expect(statuses).toEqual(["partially_refunded", "partially_refunded", "refunded"]);
    expect((await refundsOf(db, order.id)).map((r) => [r.amountCentavos, r.status])).toEqual([
      [18900, "SUCCEEDED"],
      [24900, "SUCCEEDED"],
      [24900, "SUCCEEDED"],
    ]);
    expect((await cheqpay().listRefunds(paymentOrderId)).map((r) => r.amount).sort()).toEqual([18900, 24900, 24900]);
    expect((await outboxOf(db, order.id)).filter((row) => row.kind === "refund-confirmation")).toHaveLength(3);
    expect(await ask(order.id, 1)).toEqual({ kind: "refused", refusal: "nothing-to-refund", remainingCentavos: 0 });
  });

  it("without an amount refund what remains after the earlier ones", async () => {
    const { order } = await paidOrder(db, cheqpay());
    await processRefund(db, cheqpay(), (await acceptedRefund(db, recordingQueue(), order.id, 18700)).id);
    const rest = await acceptedRefund(db, recordingQueue(), order.id);
    expect(rest.amountCentavos).toBe(50000);
    await processRefund(db, cheqpay(), rest.id);
    expect((await orderById(db, order.id)).status).toBe("refunded");
  });
});

describe("a refund request that asks too much", () => {
  it("is refused with the remaining amount, counting refunds still pending, and writes nothing", async () => {
    const { order } = await paidOrder(db, cheqpay());
    await acceptedRefund(db, recordingQueue(), order.id, 60000); // PENDING: its job has not run

    expect(await ask(order.id, 8701)).toEqual({ kind: "refused", refusal: "amount-exceeds-remaining", remainingCentavos: 8700 });
    expect(await ask(order.id, 68700)).toEqual({ kind: "refused", refusal: "amount-exceeds-remaining", remainingCentavos: 8700 });
    expect(await refundsOf(db, order.id)).toHaveLength(1);
    expect(await refundPosts(sandbox())).toEqual([]);
  });

  it("after the whole amount was refunded is refused: nothing is left to refund", async () => {
    const { order } = await paidOrder(db, cheqpay());
    await processRefund(db, cheqpay(), (await acceptedRefund(db, recordingQueue(), order.id)).id);
    expect(await ask(order.id)).toEqual({ kind: "refused", refusal: "nothing-to-refund", remainingCentavos: 0 });
  });
});

describe("a refund of an order that cannot be refunded", () => {
  it("is refused when the order was never paid", async () => {
    const { cartId } = await cartWith(db);
    const created = await ensureCheckoutOrder(db, cartId, checkoutForm(), "en");
    if (created.kind !== "order") throw new Error(created.kind);
    const queue = recordingQueue();

    const result = await requestRefund(db, queue, { orderId: created.order.id, reason: "x", requestedBy: "api" });

    expect(result).toEqual({ kind: "refused", refusal: "order-not-paid", remainingCentavos: created.order.totalCentavos });
    expect(queue.sent).toEqual([]);
    expect(await refundsOf(db, created.order.id)).toEqual([]);
  });

  it("is not found for an order id that does not exist", async () => {
    expect(await ask("00000000-0000-4000-8000-000000000000")).toEqual({ kind: "not-found" });
  });
});

describe("two requests for the whole amount at the same time", () => {
  it("accept one and refuse the other: never more than was paid", async () => {
    const { order } = await paidOrder(db, cheqpay());
    const results = await Promise.all([ask(order.id), ask(order.id), ask(order.id, 68700)]);

    expect(results.filter((r) => r.kind === "accepted")).toHaveLength(1);
    expect(results.filter((r) => r.kind === "refused")).toEqual([
      { kind: "refused", refusal: "nothing-to-refund", remainingCentavos: 0 },
      { kind: "refused", refusal: "nothing-to-refund", remainingCentavos: 0 },
    ]);
    expect((await refundsOf(db, order.id)).map((r) => r.amountCentavos)).toEqual([68700]);
  });
});

describe("a refund Cheqpay refuses", () => {
  it("fails with Cheqpay's reason, leaves the order paid and sends no email; the amount can be asked again", async () => {
    const { order, paymentOrderId } = await paidOrder(db, cheqpay());
    // Refunded at Cheqpay behind our back: what we ask for is now more than Cheqpay can refund.
    await cheqpay().refundPaymentOrder({ paymentOrderId, amount: 10000, reason: "out of band" });
    const refund = await acceptedRefund(db, recordingQueue(), order.id);

    const { refund: failed, outboxIds } = await processRefund(db, cheqpay(), refund.id);

    expect(failed).toMatchObject({ status: "FAILED", failureReason: expect.stringMatching(/^VALIDATION_ERROR: /), completedAt: expect.any(Date) });
    expect(outboxIds).toEqual([]);
    expect((await orderById(db, order.id)).status).toBe("paid");
    expect((await outboxOf(db, order.id)).map((row) => row.kind)).toEqual(["order-confirmation"]);
    expect((await timelineOf(db, order.id)).filter((kind) => kind.startsWith("refund."))).toEqual(["refund.requested", "refund.failed"]);
    expect((await refundById(db, refund.id)).status).toBe("FAILED");

    const retry = await acceptedRefund(db, recordingQueue(), order.id, 58700);
    expect((await processRefund(db, cheqpay(), retry.id)).refund?.status).toBe("SUCCEEDED");
    expect((await orderById(db, order.id)).status).toBe("partially_refunded");
  });

  it("processRefund of an unknown refund id does nothing", async () => {
    expect(await processRefund(db, cheqpay(), "00000000-0000-4000-8000-000000000000")).toEqual({ refund: null, outboxIds: [] });
    expect(await refundPosts(sandbox())).toEqual([]);
  });
});
