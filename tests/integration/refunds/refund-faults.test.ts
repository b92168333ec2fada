// A refund call that goes wrong (a 5xx, an answer lost after Cheqpay committed the refund, a dropped request)
// is thrown for the queue to retry, and the retry never refunds twice: it first reads Cheqpay's refunds of
// the payment and looks for our refund id. The job's retries are run here by hand, as pg-boss would.
import { describe, expect, it } from "vitest";
import { CheqpayOutcomeUnknownError, CheqpayRetryLaterError } from "@/lib/cheqpay";
import { processRefund, RefundOutcomePendingError } from "@/lib/refunds/process-refund";
import { addFault, clientFor, rejectionOf, requestLog, useSandbox } from "../../support/cheqpay-sandbox";
import { eventsOf, orderById, useDatabase } from "../../support/checkout-fixtures";
import { recordingQueue } from "../../support/job-fixtures";
import { acceptedRefund, outboxOf, paidOrder, refundById, refundPosts } from "../../support/refund-fixtures";

const sandbox = useSandbox();
const db = useDatabase();
const cheqpay = () => clientFor(sandbox(), { timeoutMs: 1_500 });

async function pendingRefund(amountCentavos?: number) {
  const { order, paymentOrderId } = await paidOrder(db, cheqpay());
  const refund = await acceptedRefund(db, recordingQueue(), order.id, amountCentavos);
  return { order, paymentOrderId, refund };
}

describe("a refund call answered 500 once", () => {
  it("throws for the queue to retry, leaves the refund PENDING but marked submitted, and refunds nothing", async () => {
    const { order, paymentOrderId, refund } = await pendingRefund();
    await addFault(sandbox(), { match: { operation: "refundPaymentOrder" }, action: { type: "error", status: 500 } });

    expect(await rejectionOf(processRefund(db, cheqpay(), refund.id))).toBeInstanceOf(CheqpayRetryLaterError);

    const stored = await refundById(db, refund.id);
    expect(stored).toMatchObject({ status: "PENDING", cheqpayRefundId: null, completedAt: null });
    expect(stored.submittedAt).toBeInstanceOf(Date);
    expect((await orderById(db, order.id)).status).toBe("paid");
    expect(await cheqpay().listRefunds(paymentOrderId)).toEqual([]);
    expect((await refundPosts(sandbox())).map((e) => e.status)).toEqual([500]);
  });

  it("is refunded exactly once by the retry, which first looks at Cheqpay's refunds", async () => {
    const { order, paymentOrderId, refund } = await pendingRefund(20000);
    await addFault(sandbox(), { match: { operation: "refundPaymentOrder" }, action: { type: "error", status: 500 } });
    await processRefund(db, cheqpay(), refund.id).catch(() => undefined);

    // (A 500 may have been processed: the retry reposts only after the wait, here none.)
    const { refund: retried } = await processRefund(db, cheqpay(), refund.id, { resubmitAfterMs: 0 });

    expect(retried?.status).toBe("SUCCEEDED");
    expect((await refundPosts(sandbox())).map((e) => e.status)).toEqual([500, 201]);
    expect(await requestLog(sandbox(), "listRefunds")).toHaveLength(1);
    expect(await cheqpay().listRefunds(paymentOrderId)).toEqual([expect.objectContaining({ amount: 20000, id: retried!.cheqpayRefundId })]);
    expect((await orderById(db, order.id)).status).toBe("partially_refunded");
    expect((await outboxOf(db, order.id)).filter((row) => row.kind === "refund-confirmation")).toHaveLength(1);
    // The order's timeline records each call of the refund: the 500 (not retried by the client), the list, the refund.
    const calls = (await eventsOf(db, order.id)).filter((e) => e.kind === "cheqpay.call" && (e.detail as { refundId?: string }).refundId === refund.id);
    expect(calls.map((e) => [(e.detail as { operation: string }).operation, (e.detail as { httpStatus: number }).httpStatus])).toEqual([
      ["refundPaymentOrder", 500],
      ["listRefunds", 200],
      ["refundPaymentOrder", 201],
    ]);
  });
});

describe("a refund whose answer was lost after Cheqpay made it (timeout-after-commit)", () => {
  it("is left PENDING with an unknown outcome, then settled by the retry from Cheqpay's list without a second refund", async () => {
    const { order, paymentOrderId, refund } = await pendingRefund();
    await addFault(sandbox(), { match: { operation: "refundPaymentOrder" }, action: { type: "timeout-after-commit" } });

    expect(await rejectionOf(processRefund(db, cheqpay(), refund.id))).toBeInstanceOf(CheqpayOutcomeUnknownError);
    expect(await refundById(db, refund.id)).toMatchObject({ status: "PENDING", submittedAt: expect.any(Date) });
    const [made] = await cheqpay().listRefunds(paymentOrderId);
    expect(made).toMatchObject({ amount: 68700, status: "succeeded" });

    const { refund: settled, outboxIds } = await processRefund(db, cheqpay(), refund.id);

    expect(settled).toMatchObject({ status: "SUCCEEDED", cheqpayRefundId: made!.id });
    expect(outboxIds).toHaveLength(1);
    expect((await refundPosts(sandbox())).map((e) => e.status)).toEqual([null]);
    expect(await cheqpay().listRefunds(paymentOrderId)).toHaveLength(1);
    expect((await orderById(db, order.id)).status).toBe("refunded");
  });

  it("is not confused with another refund of the same payment made before it", async () => {
    const { order, paymentOrderId, refund: first } = await pendingRefund(10000);
    await processRefund(db, cheqpay(), first.id);
    const second = await acceptedRefund(db, recordingQueue(), order.id, 10000); // same amount, other refund
    await addFault(sandbox(), { match: { operation: "refundPaymentOrder" }, action: { type: "timeout-after-commit" } });
    await processRefund(db, cheqpay(), second.id).catch(() => undefined);

    const { refund: settled } = await processRefund(db, cheqpay(), second.id);

    const atCheqpay = await cheqpay().listRefunds(paymentOrderId);
    expect(atCheqpay).toHaveLength(2);
    expect(settled!.cheqpayRefundId).not.toBe((await refundById(db, first.id)).cheqpayRefundId);
    expect(atCheqpay.map((r) => r.id).sort()).toEqual([settled!.cheqpayRefundId, (await refundById(db, first.id)).cheqpayRefundId].sort());
    expect(await refundPosts(sandbox())).toHaveLength(2);
  });
});

describe("a refund request dropped before Cheqpay processed it", () => {
  it("is sent again by the retry, which finds nothing at Cheqpay, and made once", async () => {
    const { paymentOrderId, refund } = await pendingRefund();
    await addFault(sandbox(), { match: { operation: "refundPaymentOrder" }, action: { type: "drop" } });
    expect(await rejectionOf(processRefund(db, cheqpay(), refund.id))).toBeInstanceOf(CheqpayOutcomeUnknownError);
    expect(await cheqpay().listRefunds(paymentOrderId)).toEqual([]);

    // Right away the retry waits (the first call might still land); once that can no longer happen, it posts.
    await expect(processRefund(db, cheqpay(), refund.id)).rejects.toBeInstanceOf(RefundOutcomePendingError);
    expect((await processRefund(db, cheqpay(), refund.id, { resubmitAfterMs: 0 })).refund?.status).toBe("SUCCEEDED");

    expect((await refundPosts(sandbox())).map((e) => e.status)).toEqual([null, 201]);
    expect(await cheqpay().listRefunds(paymentOrderId)).toHaveLength(1);
  });
});

describe("a retry that cannot read Cheqpay's refunds", () => {
  it("throws without refunding, so it cannot refund twice; a later retry settles it", async () => {
    const { paymentOrderId, refund } = await pendingRefund();
    await addFault(sandbox(), { match: { operation: "refundPaymentOrder" }, action: { type: "timeout-after-commit" } });
    await processRefund(db, cheqpay(), refund.id).catch(() => undefined);
    await addFault(sandbox(), { match: { operation: "listRefunds" }, times: 3, action: { type: "error", status: 503 } });

    expect(await rejectionOf(processRefund(db, cheqpay(), refund.id))).toBeInstanceOf(CheqpayRetryLaterError);
    expect((await refundById(db, refund.id)).status).toBe("PENDING");

    expect((await processRefund(db, cheqpay(), refund.id)).refund?.status).toBe("SUCCEEDED");
    expect(await refundPosts(sandbox())).toHaveLength(1);
    expect(await cheqpay().listRefunds(paymentOrderId)).toHaveLength(1);
  });
});

describe("a refund call slower than the client's timeout (Cheqpay makes the refund after we gave up)", () => {
  it("is not made a second time by a retry that runs before Cheqpay finished the first call", async () => {
    const impatient = clientFor(sandbox(), { timeoutMs: 800 });
    const { paymentOrderId, refund } = await pendingRefund(10000);
    await addFault(sandbox(), { match: { operation: "refundPaymentOrder" }, action: { type: "latency", ms: 2_000 } });
    expect(await rejectionOf(processRefund(db, impatient, refund.id))).toBeInstanceOf(CheqpayOutcomeUnknownError);

    await processRefund(db, impatient, refund.id).catch(() => undefined); // the queue's retry, while Cheqpay still works
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // the slow call lands
    await processRefund(db, cheqpay(), refund.id).catch(() => undefined); // a later retry, if one was still due

    expect(await cheqpay().listRefunds(paymentOrderId)).toHaveLength(1);
  });
});
