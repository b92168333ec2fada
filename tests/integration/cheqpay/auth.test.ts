// API keys and merchant ids (reference §1.2) against a real sandbox process.
import { describe, expect, it } from "vitest";
import { CheqpayAuthError } from "@/lib/cheqpay";
import { clientFor, orderInput, rawApi, rejectionOf, requestLog, useSandbox } from "../../support/cheqpay-sandbox";

const sandbox = useSandbox();

describe("authentication", () => {
  it("refuses a wrong API key with CheqpayAuthError and does not retry", async () => {
    const client = clientFor(sandbox(), { apiKey: "sk_test_wrong_key" });
    const error = await rejectionOf(client.createPaymentOrder(orderInput()));
    expect(error).toBeInstanceOf(CheqpayAuthError);
    expect(error).toMatchObject({ httpStatus: 401, code: "UNAUTHORIZED", retryable: false });
    const log = await requestLog(sandbox());
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ operation: "createPaymentOrder", status: 401 });
  });

  it("refuses a merchant id that does not match the key with 401", async () => {
    const client = clientFor(sandbox(), { merchantId: "merchant_someone_else" });
    const error = await rejectionOf(client.getPaymentOrder("anything"));
    expect(error).toBeInstanceOf(CheqpayAuthError);
    expect(error.httpStatus).toBe(401);
    expect(await requestLog(sandbox())).toHaveLength(1);
  });

  it("creates nothing when the key is wrong", async () => {
    const input = orderInput();
    await rejectionOf(clientFor(sandbox(), { apiKey: "sk_test_wrong_key" }).createPaymentOrder(input));
    expect((await clientFor(sandbox()).listPaymentOrders()).total).toBe(0);
  });

  it("refuses a request without any key", async () => {
    const answer = await rawApi(sandbox(), "GET", "/payment-orders", { headers: { "x-api-key": "" } });
    expect(answer.status).toBe(401);
    expect(answer.json).toMatchObject({ error: { code: "UNAUTHORIZED" } });
  });

  it("accepts Authorization: Bearer and no x-merchant-id", async () => {
    const response = await fetch(`${sandbox().baseUrl}/payment-orders`, { headers: { authorization: `Bearer ${sandbox().apiKey}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ data: [], total: 0 });
  });

  it("echoes our x-request-id", async () => {
    const answer = await rawApi(sandbox(), "GET", "/payment-orders", { headers: { "x-request-id": "req-auth-1" } });
    expect(answer.headers.get("x-request-id")).toBe("req-auth-1");
  });

  it("serves a second merchant its own key", async () => {
    const second = { merchantId: "merchant_auth_two", apiKey: "sk_test_auth_two", webhookSecret: "whsec_auth_two" };
    expect((await sandbox().control("POST", "/_sandbox/merchants", second)).status).toBe(201);
    const client = clientFor(sandbox(), { apiKey: second.apiKey, merchantId: second.merchantId });
    await expect(client.createPaymentOrder(orderInput())).resolves.toMatchObject({ status: "succeeded" });
    const mismatched = clientFor(sandbox(), { apiKey: second.apiKey });
    await expect(mismatched.listPaymentOrders()).rejects.toBeInstanceOf(CheqpayAuthError);
  });
});
