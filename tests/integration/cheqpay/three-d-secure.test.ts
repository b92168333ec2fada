// 3-D Secure (reference §4) through the sandbox's HTML pages, posted with fetch as a browser would.
import { describe, expect, it } from "vitest";
import {
  type CheqpayClient,
  CheqpayConflictError,
  CheqpayDeclinedError,
  type DeviceInformation,
  type PaymentOrder,
} from "@/lib/cheqpay";
import { addFault, clientFor, orderInput, rejectionOf, requestLog, useSandbox } from "../../support/cheqpay-sandbox";
import type { SandboxProcess } from "../../support/sandbox-process";
import { answerChallenge, collectDeviceData, postForm } from "../../support/three-ds-walker";

const sandbox = useSandbox();
// A query string with & checks that the page escapes the action and that we read it back exactly.
const RETURN_URL = "https://shop.example.com/checkout/3ds/return?attempt=att_1&lang=es";
const device: DeviceInformation = { ipAddress: "203.0.113.7", userAgent: "vitest", language: "es-MX", javaScriptEnabled: true };

/** Create → device-data page → SessionId → initiatePayerAuthentication. */
async function throughDeviceData(client: CheqpayClient, card: string): Promise<PaymentOrder> {
  const created = await client.createPaymentOrder(orderInput({ card }));
  expect(created.status).toBe("requires_device_data");
  expect(created.payerAuthentication?.url).toBe(`${sandbox().url}/3ds/device-data`);
  const sessionId = await collectDeviceData(created.payerAuthentication!);
  return client.initiatePayerAuthentication({ paymentOrderId: created.id, collectionReferenceId: sessionId, returnUrl: RETURN_URL, device });
}

async function toChallenge(client: CheqpayClient, card: string): Promise<PaymentOrder> {
  const challenged = await throughDeviceData(client, card);
  expect(challenged.status).toBe("requires_challenge");
  expect(challenged.payerAuthentication?.url).toBe(`${sandbox().url}/3ds/challenge`);
  return challenged;
}

const validate = (client: CheqpayClient, order: PaymentOrder, transactionId = order.payerAuthentication!.id) =>
  client.validatePayerAuthentication({ paymentOrderId: order.id, authenticationTransactionId: transactionId });

describe("3-D Secure with a challenge", () => {
  it.each(["4000000000002503", "5200000000002151"])("completes %s after the right code", async (card) => {
    const client = clientFor(sandbox());
    const challenged = await toChallenge(client, card);
    const returnForm = await answerChallenge(challenged.payerAuthentication!, { code: "1234" });
    expect(returnForm.action).toBe(RETURN_URL);
    expect(returnForm.method).toBe("post");
    expect(returnForm.fields).toEqual({ TransactionId: challenged.payerAuthentication!.id, MD: challenged.id });
    const paid = await validate(client, challenged, returnForm.fields.TransactionId);
    expect(paid).toMatchObject({ id: challenged.id, status: "succeeded", cheqpayStatus: "COMPLETED", payerAuthentication: null });
    expect((await client.getPaymentOrder(challenged.id)).status).toBe("succeeded");
  });

  it("fails with AUTHENTICATION_FAILED after a wrong code", async () => {
    const client = clientFor(sandbox());
    const challenged = await toChallenge(client, "4000000000002503");
    const returnForm = await answerChallenge(challenged.payerAuthentication!, { code: "0000" });
    expect(returnForm.action).toBe(RETURN_URL);
    const error = await rejectionOf(validate(client, challenged, returnForm.fields.TransactionId));
    expect(error).toBeInstanceOf(CheqpayDeclinedError);
    expect(error).toMatchObject({ code: "AUTHENTICATION_FAILED", declineReason: "authentication_failed", paymentOrderId: challenged.id });
    expect((await client.getPaymentOrder(challenged.id)).status).toBe("failed");
  });

  it("fails with AUTHENTICATION_FAILED when the shopper cancels", async () => {
    const client = clientFor(sandbox());
    const challenged = await toChallenge(client, "5200000000002151");
    const returnForm = await answerChallenge(challenged.payerAuthentication!, { cancel: true });
    expect(returnForm.fields).toEqual({ TransactionId: challenged.payerAuthentication!.id, MD: challenged.id });
    const error = await rejectionOf(validate(client, challenged));
    expect(error).toBeInstanceOf(CheqpayDeclinedError);
    expect(error.code).toBe("AUTHENTICATION_FAILED");
  });

  it("fails with AUTHENTICATION_FAILED for the always-failing card even with the right code", async () => {
    const client = clientFor(sandbox());
    const challenged = await toChallenge(client, "4000000000002370");
    await answerChallenge(challenged.payerAuthentication!, { code: "1234" });
    const error = await rejectionOf(validate(client, challenged));
    expect(error).toBeInstanceOf(CheqpayDeclinedError);
    expect(error.code).toBe("AUTHENTICATION_FAILED");
  });

  it("refuses to validate before the challenge was answered with CheqpayConflictError INVALID_STATE", async () => {
    const client = clientFor(sandbox());
    const challenged = await toChallenge(client, "4000000000002503");
    const error = await rejectionOf(validate(client, challenged));
    expect(error).toBeInstanceOf(CheqpayConflictError);
    expect(error.code).toBe("INVALID_STATE");
    expect((await client.getPaymentOrder(challenged.id)).status).toBe("requires_challenge");
  });

  it("refuses to initiate twice: the second call reads the order, which is past device data", async () => {
    const client = clientFor(sandbox());
    const challenged = await toChallenge(client, "4000000000002503");
    const again = await client.initiatePayerAuthentication({
      paymentOrderId: challenged.id,
      collectionReferenceId: "any",
      returnUrl: RETURN_URL,
      device,
    });
    expect(again).toMatchObject({ id: challenged.id, status: "requires_challenge" });
    expect((await requestLog(sandbox(), "initiatePayerAuthentication")).map((e) => e.status)).toEqual([200, 409]);
  });

  it("still succeeds when the answer to validate is lost after the sandbox committed it", async () => {
    const client = clientFor(sandbox(), { timeoutMs: 1_000 });
    const challenged = await toChallenge(client, "4000000000002503");
    await answerChallenge(challenged.payerAuthentication!, { code: "1234" });
    await addFault(sandbox(), { match: { operation: "validatePayerAuthentication" }, action: { type: "timeout-after-commit" } });
    const paid = await validate(client, challenged);
    expect(paid).toMatchObject({ id: challenged.id, status: "succeeded" });
    const validations = await requestLog(sandbox(), "validatePayerAuthentication");
    expect(validations.map((e) => e.status)).toEqual([null, 409]);
  });
});

describe("3-D Secure without a challenge", () => {
  it("completes a frictionless card at initiatePayerAuthentication", async () => {
    const client = clientFor(sandbox());
    const order = await throughDeviceData(client, "4000000000002701");
    expect(order).toMatchObject({ status: "succeeded", payerAuthentication: null });
  });

  it("rejects a frictionless-rejected card at initiatePayerAuthentication with AUTHENTICATION_FAILED", async () => {
    const client = clientFor(sandbox());
    const error = await rejectionOf(throughDeviceData(client, "4000000000002537"));
    expect(error).toBeInstanceOf(CheqpayDeclinedError);
    expect(error.code).toBe("AUTHENTICATION_FAILED");
    expect((await client.getPaymentOrder(error.paymentOrderId!)).status).toBe("failed");
  });

  it("refuses a SessionId the device-data page did not issue", async () => {
    const client = clientFor(sandbox());
    const created = await client.createPaymentOrder(orderInput({ card: "4000000000002503" }));
    const error = await rejectionOf(
      client.initiatePayerAuthentication({ paymentOrderId: created.id, collectionReferenceId: "made-up", returnUrl: RETURN_URL, device }),
    );
    expect(error).toMatchObject({ httpStatus: 400, code: "VALIDATION_ERROR" });
    expect(error.fieldErrors.map((f) => f.field)).toEqual(["collectionReferenceId"]);
  });
});

describe("the 3-D Secure pages", () => {
  it("refuse a missing or forged JWT with a 400 page", async () => {
    const missing = await postForm(`${sandbox().url}/3ds/device-data`, {});
    const forged = await postForm(`${sandbox().url}/3ds/challenge`, { JWT: "a.b.c" });
    expect(missing.status).toBe(400);
    expect(forged.status).toBe(400);
    expect(forged.html).not.toContain("<form");
  });

  it("refuse the device-data JWT on the challenge page", async () => {
    const created = await clientFor(sandbox()).createPaymentOrder(orderInput({ card: "4000000000002503" }));
    const page = await postForm(`${sandbox().url}/3ds/challenge`, { JWT: created.payerAuthentication!.jwt });
    expect(page.status).toBe(400);
  });
});

describe("the complete-3ds control", () => {
  const complete = (s: SandboxProcess, id: string, outcome: string) =>
    s.control<Record<string, string>>("POST", `/_sandbox/orders/${id}/complete-3ds`, { outcome });

  it("walks both stages without the pages and the order completes", async () => {
    const client = clientFor(sandbox());
    const created = await client.createPaymentOrder(orderInput({ card: "4000000000002503" }));
    const deviceData = await complete(sandbox(), created.id, "success");
    expect(deviceData.status).toBe(200);
    expect(deviceData.body).toMatchObject({ stage: "device-data" });
    const challenged = await client.initiatePayerAuthentication({
      paymentOrderId: created.id,
      collectionReferenceId: deviceData.body.sessionId!,
      returnUrl: RETURN_URL,
      device,
    });
    const challenge = await complete(sandbox(), created.id, "success");
    expect(challenge.body).toMatchObject({
      stage: "challenge",
      transactionId: challenged.payerAuthentication!.id,
      md: created.id,
      returnUrl: RETURN_URL,
    });
    await expect(validate(client, challenged, challenge.body.transactionId)).resolves.toMatchObject({ status: "succeeded" });
  });

  it("records a failure outcome that validate turns into AUTHENTICATION_FAILED", async () => {
    const client = clientFor(sandbox());
    const challenged = await toChallenge(client, "4000000000002503");
    expect((await complete(sandbox(), challenged.id, "failure")).body).toMatchObject({ stage: "challenge" });
    const error = await rejectionOf(validate(client, challenged));
    expect(error.code).toBe("AUTHENTICATION_FAILED");
  });

  it("answers 409 INVALID_STATE for an order that is not waiting for 3-D Secure", async () => {
    const paid = await clientFor(sandbox()).createPaymentOrder(orderInput());
    const answer = await complete(sandbox(), paid.id, "success");
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ error: { code: "INVALID_STATE" } });
  });
});
