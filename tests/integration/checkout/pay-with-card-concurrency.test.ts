// payWithCard under double submits, parallel tabs and a misbehaving Cheqpay (injected faults): never two
// charges, one answer per submission key.
import { describe, expect, it } from "vitest";
import { payWithCard } from "@/lib/checkout/payment-service";
import { addFault, clientFor, type LogEntry, requestLog, useSandbox, wireOrderOf } from "../../support/cheqpay-sandbox";
import { attemptsOf, cartWith, checkoutForm, ordersOfCart, paymentContextFor, timelineOf, useDatabase } from "../../support/checkout-fixtures";

const sandbox = useSandbox();
const db = useDatabase();
const context = (timeoutMs = 3_000) => paymentContextFor(db, clientFor(sandbox(), { timeoutMs }));

type TimedEntry = LogEntry & { at: string; durationMs: number | null };
const creates = async () => (await requestLog(sandbox(), "createPaymentOrder")) as TimedEntry[];

/** Each create finished before the next one started. */
function oneAtATime(entries: TimedEntry[]): boolean {
  const spans = entries.map((e) => ({ start: Date.parse(e.at), end: Date.parse(e.at) + (e.durationMs ?? 0) })).sort((a, b) => a.start - b.start);
  return spans.every((span, i) => i === 0 || spans[i - 1]!.end <= span.start);
}

async function onlyOrderOf(cartId: string) {
  const orders = await ordersOfCart(db, cartId);
  expect(orders).toHaveLength(1);
  return orders[0]!;
}

describe("the same submission key sent five times at once", () => {
  it("creates one payment order and gives every request the same paid step", async () => {
    const { cartId } = await cartWith(db);
    const form = checkoutForm();
    await addFault(sandbox(), { match: { operation: "createPaymentOrder" }, action: { type: "latency", ms: 200 } });

    const steps = await Promise.all(Array.from({ length: 5 }, () => payWithCard(context(), cartId, form)));

    const order = await onlyOrderOf(cartId);
    expect(steps).toEqual(Array.from({ length: 5 }, () => ({ kind: "paid", orderUrl: `/orders/${order.publicToken}` })));
    expect(await creates()).toHaveLength(1);
    expect((await attemptsOf(db, order.id)).map((a) => [a.status, a.submissionKey])).toEqual([["succeeded", form.submissionKey]]);
  });

  it("gives every request the decline of the one payment, which was tried once", async () => {
    const { cartId } = await cartWith(db);
    const form = checkoutForm({ cardNumber: "4000000000009995" });
    const steps = await Promise.all(Array.from({ length: 5 }, () => payWithCard(context(), cartId, form)));
    expect(steps.map((s) => [s.kind, "code" in s ? s.code : null])).toEqual(Array.from({ length: 5 }, () => ["declined", "INSUFFICIENT_FUNDS"]));
    expect(await creates()).toHaveLength(1);
  });
});

describe("different submission keys for one cart at once (two tabs)", () => {
  it("charge once: the first payment is waited for and the others answer paid", async () => {
    const { cartId } = await cartWith(db);
    await addFault(sandbox(), { match: { operation: "createPaymentOrder" }, action: { type: "latency", ms: 300 } });

    const steps = await Promise.all(Array.from({ length: 4 }, () => payWithCard(context(), cartId, checkoutForm())));

    const order = await onlyOrderOf(cartId);
    expect(steps).toEqual(Array.from({ length: 4 }, () => ({ kind: "paid", orderUrl: `/orders/${order.publicToken}` })));
    expect((await creates()).map((e) => e.status)).toEqual([201]);
    expect((await attemptsOf(db, order.id)).map((a) => a.status)).toEqual(["succeeded"]);
    expect((await timelineOf(db, order.id)).filter((k) => k === "order.paid")).toHaveLength(1);
  });

  it("send one create at a time when each is declined", async () => {
    const { cartId } = await cartWith(db);
    await addFault(sandbox(), { match: { operation: "createPaymentOrder" }, times: 2, action: { type: "latency", ms: 150 } });
    const forms = [checkoutForm({ cardNumber: "4000000000000002" }), checkoutForm({ cardNumber: "4000000000000002" })];

    const steps = await Promise.all(forms.map((form) => payWithCard(context(), cartId, form)));

    expect(steps.map((s) => s.kind)).toEqual(["declined", "declined"]);
    const log = await creates();
    expect(log.map((e) => e.status)).toEqual([422, 422]);
    expect(oneAtATime(log)).toBe(true);
    const order = await onlyOrderOf(cartId);
    expect((await attemptsOf(db, order.id)).map((a) => a.status)).toEqual(["failed", "failed"]);
  });

  it("never charge twice when one card is declined and the other approved", async () => {
    const { cartId } = await cartWith(db);
    await addFault(sandbox(), { match: { operation: "createPaymentOrder" }, times: 2, action: { type: "latency", ms: 150 } });
    const forms = [checkoutForm({ cardNumber: "4000000000000002" }), checkoutForm(), checkoutForm()];

    await Promise.all(forms.map((form) => payWithCard(context(), cartId, form)));

    const order = await onlyOrderOf(cartId);
    expect(order.status).toBe("paid");
    const log = await creates();
    expect(log.filter((e) => e.status === 201)).toHaveLength(1);
    expect(oneAtATime(log)).toBe(true);
    expect((await attemptsOf(db, order.id)).filter((a) => a.status === "succeeded")).toHaveLength(1);
  });
});

describe("a create whose answer is lost after Cheqpay committed it (timeout-after-commit)", () => {
  it("is retried with the same externalId and paid once", async () => {
    const { cartId } = await cartWith(db);
    await addFault(sandbox(), { match: { operation: "createPaymentOrder" }, action: { type: "timeout-after-commit" } });

    const step = await payWithCard(context(1_000), cartId, checkoutForm());

    const order = await onlyOrderOf(cartId);
    expect(step).toEqual({ kind: "paid", orderUrl: `/orders/${order.publicToken}` });
    const [attempt, ...others] = await attemptsOf(db, order.id);
    expect(others).toEqual([]);
    expect(attempt!.status).toBe("succeeded");
    expect((await wireOrderOf(sandbox(), attempt!.externalId)).payments).toHaveLength(1);
    const log = await creates();
    expect(log.map((e) => e.status)).toEqual([null, 200]);
    expect(new Set(log.map((e) => (e.body as { externalId: string }).externalId))).toEqual(new Set([attempt!.externalId]));
  });
});

describe("a create slower than the client's timeout", () => {
  it("is retried with the same externalId and paid once", async () => {
    const { cartId } = await cartWith(db);
    await addFault(sandbox(), { match: { operation: "createPaymentOrder" }, action: { type: "latency", ms: 1_200 } });

    const step = await payWithCard(context(400), cartId, checkoutForm());

    expect(step.kind).toBe("paid");
    const [attempt] = await attemptsOf(db, (await onlyOrderOf(cartId)).id);
    expect(attempt!.status).toBe("succeeded");
    // The slow first request finishes on its own time: it finds the order its retry made.
    for (let tries = 0; (await creates()).some((e) => e.durationMs === null) && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await creates()).map((e) => e.status)).toEqual([200, 201]);
    expect((await wireOrderOf(sandbox(), attempt!.externalId)).payments).toHaveLength(1);
  });
});

describe("a create answered 503 once", () => {
  it("is retried and paid", async () => {
    const { cartId } = await cartWith(db);
    await addFault(sandbox(), { match: { operation: "createPaymentOrder" }, action: { type: "error", status: 503 } });
    const step = await payWithCard(context(), cartId, checkoutForm());
    expect(step.kind).toBe("paid");
    expect((await creates()).map((e) => e.status)).toEqual([503, 201]);
    const order = await onlyOrderOf(cartId);
    expect(order.status).toBe("paid");
    expect((await wireOrderOf(sandbox(), (await attemptsOf(db, order.id))[0]!.externalId)).payments).toHaveLength(1);
  });
});
