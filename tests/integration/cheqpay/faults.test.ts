// The client's retries and timeouts against injected faults (POST /_sandbox/faults) in a real sandbox.
import { describe, expect, it } from "vitest";
import {
  CheqpayBadRequestError,
  CheqpayConflictError,
  CheqpayDeclinedError,
  CheqpayOutcomeUnknownError,
  CheqpayRetryLaterError,
} from "@/lib/cheqpay";
import { startWebhookReceiver } from "../../support/webhook-receiver";
import { addFault, clientFor, faultsOf, orderInput, rawApi, rejectionOf, requestLog, useSandbox, wireOrderOf } from "../../support/cheqpay-sandbox";

const sandbox = useSandbox();

/** Polls the request log until `done` holds (a request the client gave up on finishes on its own time). */
async function logUntil(operation: string, done: (statuses: (number | null)[]) => boolean, timeoutMs = 3_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const statuses = (await requestLog(sandbox(), operation)).map((e) => e.status);
    if (done(statuses)) return statuses;
    if (Date.now() > deadline) throw new Error(`request log for ${operation} stayed at ${JSON.stringify(statuses)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function paidOrder() {
  const client = clientFor(sandbox());
  return { client, order: await client.createPaymentOrder(orderInput()) };
}

describe("an error fault", () => {
  it.each([500, 502, 503, 504])("answered %i once is retried and the create succeeds", async (status) => {
    await addFault(sandbox(), { match: { operation: "createPaymentOrder" }, action: { type: "error", status } });
    const order = await clientFor(sandbox()).createPaymentOrder(orderInput());
    expect(order.status).toBe("succeeded");
    expect((await requestLog(sandbox(), "createPaymentOrder")).map((e) => e.status)).toEqual([status, 201]);
    expect((await wireOrderOf(sandbox(), order.id)).payments).toHaveLength(1);
  });

  it("answered 503 three times gives CheqpayRetryLaterError after 3 attempts", async () => {
    await addFault(sandbox(), { match: { operation: "getPaymentOrder" }, times: 3, action: { type: "error", status: 503 } });
    const error = await rejectionOf(clientFor(sandbox()).getPaymentOrder("anything"));
    expect(error).toBeInstanceOf(CheqpayRetryLaterError);
    expect(error.code).toBe("SERVICE_UNAVAILABLE");
    expect(await requestLog(sandbox(), "getPaymentOrder")).toHaveLength(3);
  });

  it("answered 429 with Retry-After 1 is retried after about a second", async () => {
    const { client, order } = await paidOrder();
    await addFault(sandbox(), { match: { operation: "getPaymentOrder" }, action: { type: "error", status: 429, retryAfter: 1 } });
    const started = performance.now();
    await expect(client.getPaymentOrder(order.id)).resolves.toMatchObject({ id: order.id });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect((await requestLog(sandbox(), "getPaymentOrder")).map((e) => e.status)).toEqual([429, 200]);
  });

  it.each([
    [400, CheqpayBadRequestError],
    [409, CheqpayConflictError],
    [422, CheqpayDeclinedError],
  ] as const)("answered %i is not retried", async (status, type) => {
    await addFault(sandbox(), { match: { operation: "createPaymentOrder" }, action: { type: "error", status } });
    const error = await rejectionOf(clientFor(sandbox()).createPaymentOrder(orderInput()));
    expect(error).toBeInstanceOf(type);
    expect(await requestLog(sandbox(), "createPaymentOrder")).toHaveLength(1);
  });

  it("answered 500 on a refund is not retried, and no refund was made", async () => {
    const { client, order } = await paidOrder();
    await addFault(sandbox(), { match: { operation: "refundPaymentOrder" }, action: { type: "error", status: 500 } });
    const error = await rejectionOf(client.refundPaymentOrder({ paymentOrderId: order.id, amount: 1000, reason: "x" }));
    expect(error).toBeInstanceOf(CheqpayRetryLaterError);
    expect(await requestLog(sandbox(), "refundPaymentOrder")).toHaveLength(1);
    expect(await client.listRefunds(order.id)).toEqual([]);
  });

  it("with a NestJS-shaped body is read as a retryable error", async () => {
    const body = JSON.stringify({ statusCode: 502, message: "upstream failed", error: "Bad Gateway" });
    await addFault(sandbox(), { match: { operation: "getPaymentOrder" }, times: 3, action: { type: "error", status: 502, body } });
    const error = await rejectionOf(clientFor(sandbox()).getPaymentOrder("anything"));
    expect(error).toBeInstanceOf(CheqpayRetryLaterError);
    expect(error.message).toBe("upstream failed");
  });

  it("with an HTML body is still an error the client understands", async () => {
    const body = "<html><body>502 Bad Gateway</body></html>";
    await addFault(sandbox(), { match: { operation: "getPaymentOrder" }, times: 3, action: { type: "error", status: 502, body, contentType: "text/html" } });
    const error = await rejectionOf(clientFor(sandbox()).getPaymentOrder("anything"));
    expect(error).toBeInstanceOf(CheqpayRetryLaterError);
    expect(error.code).toBe("INTERNAL_ERROR");
  });
});

describe("a latency fault longer than the client's timeout", () => {
  it("gives CheqpayOutcomeUnknownError TIMEOUT on a refund after one attempt, though the refund happens", async () => {
    const { order } = await paidOrder();
    const client = clientFor(sandbox(), { timeoutMs: 300 });
    await addFault(sandbox(), { match: { operation: "refundPaymentOrder" }, action: { type: "latency", ms: 700 } });
    const error = await rejectionOf(client.refundPaymentOrder({ paymentOrderId: order.id, amount: 1000, reason: "x" }));
    expect(error).toBeInstanceOf(CheqpayOutcomeUnknownError);
    expect(error.code).toBe("TIMEOUT");
    // The outcome really was unknown: the sandbox finishes the refund after the client gave up.
    expect(await logUntil("refundPaymentOrder", (s) => s.length === 1 && s[0] === 201)).toEqual([201]);
    expect(await client.listRefunds(order.id)).toHaveLength(1);
  });

  it("is retried on a create, which returns one order charged once", async () => {
    const client = clientFor(sandbox(), { timeoutMs: 300 });
    await addFault(sandbox(), { match: { operation: "createPaymentOrder" }, action: { type: "latency", ms: 700 } });
    const order = await client.createPaymentOrder(orderInput());
    expect(order.status).toBe("succeeded");
    // The slow first attempt lands later and replays the order the retry created.
    expect(await logUntil("createPaymentOrder", (s) => s.every((x) => x !== null))).toEqual([200, 201]);
    expect((await wireOrderOf(sandbox(), order.id)).payments).toHaveLength(1);
  });

  it("within the timeout only slows the call down", async () => {
    await addFault(sandbox(), { match: { operation: "createPaymentOrder" }, action: { type: "latency", ms: 200 } });
    const started = performance.now();
    await clientFor(sandbox(), { timeoutMs: 1_000 }).createPaymentOrder(orderInput());
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(await requestLog(sandbox(), "createPaymentOrder")).toHaveLength(1);
  });
});

describe("a timeout-after-commit fault", () => {
  it("on a create is retried and returns the same order, charged once", async () => {
    const input = orderInput();
    await addFault(sandbox(), { match: { operation: "createPaymentOrder" }, action: { type: "timeout-after-commit" } });
    const order = await clientFor(sandbox(), { timeoutMs: 500 }).createPaymentOrder(input);
    expect(order).toMatchObject({ externalId: input.externalId, status: "succeeded" });
    expect((await requestLog(sandbox(), "createPaymentOrder")).map((e) => e.status)).toEqual([null, 200]);
    expect((await wireOrderOf(sandbox(), order.id)).payments).toHaveLength(1);
    expect((await clientFor(sandbox()).listPaymentOrders()).total).toBe(1);
  });

  it("on a refund is not retried and leaves the outcome unknown, though the refund was made", async () => {
    const { client, order } = await paidOrder();
    await addFault(sandbox(), { match: { operation: "refundPaymentOrder" }, action: { type: "timeout-after-commit" } });
    const error = await rejectionOf(client.refundPaymentOrder({ paymentOrderId: order.id, amount: 500, reason: "x" }));
    expect(error).toBeInstanceOf(CheqpayOutcomeUnknownError);
    expect(await requestLog(sandbox(), "refundPaymentOrder")).toHaveLength(1);
    expect(await client.listRefunds(order.id)).toHaveLength(1);
  });
});

describe("a drop fault", () => {
  it("on a create is retried and succeeds with one order", async () => {
    await addFault(sandbox(), { match: { operation: "createPaymentOrder" }, action: { type: "drop" } });
    const order = await clientFor(sandbox()).createPaymentOrder(orderInput());
    expect(order.status).toBe("succeeded");
    expect((await requestLog(sandbox(), "createPaymentOrder")).map((e) => e.status)).toEqual([null, 201]);
  });

  it("on a read is retried", async () => {
    const { client, order } = await paidOrder();
    await addFault(sandbox(), { match: { method: "GET", path: `/payment-orders/${order.id}` }, times: 2, action: { type: "drop" } });
    await expect(client.getPaymentOrder(order.id)).resolves.toMatchObject({ id: order.id });
    expect(await requestLog(sandbox(), "getPaymentOrder")).toHaveLength(3);
  });
});

describe("a latency-after-commit fault", () => {
  it("sends the order's webhooks before it answers the request", async () => {
    const receiver = await startWebhookReceiver();
    try {
      await sandbox().control("POST", "/_sandbox/webhooks", { url: receiver.url });
      await addFault(sandbox(), { match: { operation: "createPaymentOrder" }, action: { type: "latency-after-commit", ms: 800 } });
      const answered = clientFor(sandbox()).createPaymentOrder(orderInput()).then((order) => ({ order, at: Date.now() }));
      const webhooks = await receiver.waitFor((received) => received.some((r) => r.json.event === "payment.capture.success"));
      const webhookAt = Date.now();
      const { order, at } = await answered;
      expect(order.status).toBe("succeeded");
      expect(webhooks.map((w) => w.json.event)).toContain("payment.capture.success");
      expect(at - webhookAt).toBeGreaterThan(300);
    } finally {
      await receiver.close();
    }
  });
});

describe("a probabilistic fault (probability 0.3, a seed, several actions)", () => {
  const mixed = {
    match: { operation: "getPaymentOrder" },
    probability: 0.3,
    seed: "contract-1",
    actions: [
      { type: "error", status: 500 },
      { type: "error", status: 503 },
    ],
  } as const;

  /** 300 reads one after the other, without the client's retries: the status each got. */
  async function statusesOf300Reads(): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) statuses.push((await rawApi(sandbox(), "GET", "/v2/payment-orders/none")).status);
    return statuses;
  }

  it("faults about 30 % of matching requests with a mix of its actions, and the others are processed", async () => {
    await addFault(sandbox(), { ...mixed, actions: [...mixed.actions] });
    const statuses = await statusesOf300Reads();
    const faulted = statuses.filter((s) => s !== 404).length;
    expect(faulted).toBeGreaterThan(60);
    expect(faulted).toBeLessThan(120);
    expect(new Set(statuses)).toEqual(new Set([404, 500, 503]));
    const log = await requestLog(sandbox(), "getPaymentOrder");
    expect(log.filter((e) => e.fault === "error").map((e) => e.status)).toEqual(statuses.filter((s) => s !== 404));
    expect(await faultsOf(sandbox())).toEqual([expect.objectContaining({ matched: 300, applied: faulted, remaining: null, seed: "contract-1" })]);
  });

  it("faults the same requests after a reset with the same seed", async () => {
    await addFault(sandbox(), { ...mixed, actions: [...mixed.actions] });
    const first = await statusesOf300Reads();
    await sandbox().reset();
    await addFault(sandbox(), { ...mixed, actions: [...mixed.actions] });
    expect(await statusesOf300Reads()).toEqual(first);
  });

  it("leaves requests of other operations alone", async () => {
    await addFault(sandbox(), { match: { operation: "getPaymentOrder" }, probability: 1, action: { type: "error", status: 503 } });
    const order = await clientFor(sandbox()).createPaymentOrder(orderInput());
    expect(order.status).toBe("succeeded");
    expect((await rawApi(sandbox(), "GET", `/v2/payment-orders/${order.id}`)).status).toBe(503);
  });

  it("is refused with a field error when the probability is out of range", async () => {
    const { status, body } = await sandbox().control("POST", "/_sandbox/faults", { probability: 1.2, action: { type: "drop" } });
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('"field":"probability"');
  });
});
