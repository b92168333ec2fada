// Run-time settings of the sandbox (POST /_sandbox/config) and what the client makes of them.
import { describe, expect, it } from "vitest";
import { CheqpayConflictError, CheqpayDeclinedError } from "@/lib/cheqpay";
import { clientFor, orderInput, rejectionOf, requestLog, useSandbox } from "../../support/cheqpay-sandbox";
import { collectDeviceData } from "../../support/three-ds-walker";

const sandbox = useSandbox();
const configure = async (config: Record<string, unknown>) => {
  const answer = await sandbox().control<Record<string, unknown>>("POST", "/_sandbox/config", config);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
};
const returnUrl = "https://shop.example.com/3ds/return";

describe("POST /_sandbox/config", () => {
  it("skips 3-D Secure below threeDsMinAmount and asks for it from the threshold up", async () => {
    await configure({ threeDsMinAmount: 50000 });
    const client = clientFor(sandbox());
    const small = await client.createPaymentOrder(orderInput({ card: "4000000000002503", amount: 49999 }));
    const large = await client.createPaymentOrder(orderInput({ card: "4000000000002503", amount: 50000 }));
    expect(small).toMatchObject({ status: "succeeded", payerAuthentication: null });
    expect(large.status).toBe("requires_device_data");
  });

  it("leaves a card sale authorized, not captured, when autoCapture is off", async () => {
    await configure({ autoCapture: false });
    const client = clientFor(sandbox());
    const order = await client.createPaymentOrder(orderInput());
    expect(order).toMatchObject({ status: "authorized", cheqpayStatus: "AUTHORIZED" });
    const error = await rejectionOf(client.refundPaymentOrder({ paymentOrderId: order.id, reason: "x" }));
    expect(error).toBeInstanceOf(CheqpayConflictError);
    expect(error.code).toBe("INVALID_STATE");
  });

  it("fails an expired 3-D Secure session, which the client reports as AUTHENTICATION_FAILED", async () => {
    const client = clientFor(sandbox());
    const created = await client.createPaymentOrder(orderInput({ card: "4000000000002503" }));
    const sessionId = await collectDeviceData(created.payerAuthentication!);
    await configure({ threeDsTtlMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const error = await rejectionOf(
      client.initiatePayerAuthentication({ paymentOrderId: created.id, collectionReferenceId: sessionId, returnUrl, device: {} }),
    );
    expect(error).toBeInstanceOf(CheqpayDeclinedError);
    expect(error).toMatchObject({ code: "AUTHENTICATION_FAILED", paymentOrderId: created.id });
    expect((await requestLog(sandbox(), "initiatePayerAuthentication")).map((e) => e.status)).toEqual([409]);
    expect((await client.getPaymentOrder(created.id)).status).toBe("failed");
  });

  it("rate-limits with 429 and Retry-After, which the client waits out", async () => {
    await configure({ rateLimitPerSecond: 2 });
    const client = clientFor(sandbox());
    // The sandbox counts per wall-clock second: start just after one begins, so all three land in the same one.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
    const started = performance.now();
    const pages = await Promise.all([1, 2, 3].map(() => client.listPaymentOrders()));
    expect(pages.map((p) => p.total)).toEqual([0, 0, 0]);
    const statuses = (await requestLog(sandbox(), "listPaymentOrders")).map((e) => e.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("refuses an invalid setting with 400 naming it", async () => {
    const answer = await sandbox().control<{ error: { details: { field: string }[] } }>("POST", "/_sandbox/config", { threeDsMinAmount: -1 });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.map((d) => d.field)).toEqual(["threeDsMinAmount"]);
  });

  it("is restored by reset", async () => {
    await configure({ autoCapture: false, threeDsMinAmount: 7 });
    await sandbox().reset();
    const { body } = await sandbox().control<Record<string, unknown>>("GET", "/_sandbox/config");
    expect(body).toMatchObject({ autoCapture: true, threeDsMinAmount: 0, rateLimitPerSecond: 0 });
  });
});
