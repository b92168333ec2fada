// Retries, timeouts, events and secrecy of the one HTTP function, through the public client.
import { describe, expect, it } from "vitest";
import {
  CheqpayAuthError,
  type CheqpayClientOptions,
  CheqpayDeclinedError,
  CheqpayError,
  CheqpayOutcomeUnknownError,
  type CheqpayRequestEvent,
  CheqpayRetryLaterError,
  createCheqpayClient,
  type CreatePaymentOrderInput,
} from "@/lib/cheqpay";
import { connectionError, fakeFetch, type ScriptedAnswer, wireOrder } from "../../../support/fake-fetch";

const CARD = "4111111111111111";
const CVC = "739";
const API_KEY = "sk_test_secret_key_0123456789";

function setup(answers: ScriptedAnswer[], options: Partial<CheqpayClientOptions> = {}) {
  const fake = fakeFetch(...answers);
  const sleeps: number[] = [];
  const events: CheqpayRequestEvent[] = [];
  const client = createCheqpayClient({
    baseUrl: "https://api.cheqpay.test/pos/",
    apiKey: API_KEY,
    merchantId: "m_unit",
    fetch: fake.fetch,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    onRequest: (event) => events.push(event),
    ...options,
  });
  return { client, fake, sleeps, events };
}

const input: CreatePaymentOrderInput = {
  externalId: "att_unit_2",
  amount: 5000,
  currency: "MXN",
  customer: { externalId: "user-2", firstName: "Luis", lastName: "Pérez", email: "luis@example.com" },
  source: { kind: "new-card", number: CARD, expiryMonth: 12, expiryYear: 2030, cvc: CVC, save: false },
  billingAddress: { line1: "Calle 1", city: "GDL", state: "JAL", postalCode: "44100", country: "MX" },
};

const failure = (status: number, code: string, extra: Record<string, unknown> = {}): ScriptedAnswer => ({
  status,
  json: { error: { code, message: `failed with ${code}`, ...extra } },
});

async function caught(promise: Promise<unknown>): Promise<CheqpayError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CheqpayError);
  return error as CheqpayError;
}

/** The CVC as a value of its own (not inside a uuid, a duration or a stack's line numbers). */
const CVC_ALONE = new RegExp(`(^|[^\\w.:])${CVC}($|[^\\w.:])`);

function expectNoSecrets(error: CheqpayError, events: CheqpayRequestEvent[]) {
  const texts = [JSON.stringify(error), String(error), JSON.stringify(Object.getOwnPropertyDescriptors(error))];
  const eventText = JSON.stringify(events.map(({ durationMs: _, ...event }) => event));
  for (const text of [...texts, eventText, error.stack ?? ""]) {
    expect(text).not.toContain(CARD);
    expect(text).not.toContain(API_KEY);
  }
  for (const text of [...texts, eventText]) expect(text).not.toMatch(CVC_ALONE);
}

describe("sendCheqpayRequest", () => {
  it("retries a 503 and succeeds on the next attempt, reporting both attempts", async () => {
    const { client, fake, sleeps, events } = setup([failure(503, "SERVICE_UNAVAILABLE"), { status: 201, json: wireOrder() }]);
    const order = await client.createPaymentOrder(input, { requestId: "req-7" });
    expect(order.status).toBe("succeeded");
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]?.body).toEqual(fake.requests[0]?.body);
    expect(sleeps).toEqual([125]);
    expect(events.map((e) => [e.operation, e.method, e.path, e.attempt, e.httpStatus, e.errorCode, e.willRetry, e.requestId])).toEqual([
      ["createPaymentOrder", "POST", "/v2/payment-orders", 1, 503, "SERVICE_UNAVAILABLE", true, "req-7"],
      ["createPaymentOrder", "POST", "/v2/payment-orders", 2, 201, null, false, "req-7"],
    ]);
    expect(events.every((e) => e.durationMs >= 0)).toBe(true);
  });

  it("gives up after three attempts with CheqpayRetryLaterError and backs off between them", async () => {
    const { client, fake, sleeps, events } = setup([failure(500, "INTERNAL_ERROR")]);
    const error = await caught(client.createPaymentOrder(input));
    expect(error).toBeInstanceOf(CheqpayRetryLaterError);
    expect(error.code).toBe("INTERNAL_ERROR");
    expect(fake.requests).toHaveLength(3);
    expect(sleeps).toEqual([125, 250]);
    expect(events.map((e) => e.willRetry)).toEqual([true, true, false]);
  });

  it("keeps the same x-request-id on every attempt", async () => {
    const { client, fake } = setup([failure(502, "INTERNAL_ERROR"), { status: 200, json: wireOrder() }]);
    await client.getPaymentOrder("att_unit_2");
    const ids = fake.requests.map((r) => r.headers["x-request-id"]);
    expect(ids[0]).toBeTruthy();
    expect(ids[1]).toBe(ids[0]);
  });

  it("waits for a 429's Retry-After before trying again", async () => {
    const { client, fake, sleeps } = setup([
      { ...failure(429, "RATE_LIMITED"), headers: { "retry-after": "2" } },
      { status: 200, json: wireOrder() },
    ]);
    await client.getPaymentOrder("att_unit_2");
    expect(fake.requests).toHaveLength(2);
    expect(sleeps).toEqual([2_000]);
  });

  it("does not wait for a Retry-After beyond the cap and returns the error with it", async () => {
    const { client, fake } = setup([{ ...failure(429, "RATE_LIMITED"), headers: { "retry-after": "60" } }]);
    const error = await caught(client.getPaymentOrder("att_unit_2"));
    expect(error).toBeInstanceOf(CheqpayRetryLaterError);
    expect(error.retryAfterMs).toBe(60_000);
    expect(fake.requests).toHaveLength(1);
  });

  it("does not retry a refund answered 500, since it has no idempotency key", async () => {
    const { client, fake } = setup([failure(500, "INTERNAL_ERROR")]);
    const error = await caught(client.refundPaymentOrder({ paymentOrderId: "o1", reason: "duplicate" }));
    expect(error).toBeInstanceOf(CheqpayRetryLaterError);
    expect(fake.requests).toHaveLength(1);
  });

  it.each([
    [400, "VALIDATION_ERROR"],
    [401, "UNAUTHORIZED"],
    [404, "NOT_FOUND"],
    [409, "DUPLICATE"],
    [422, "DECLINED"],
  ])("does not retry a %i", async (status, code) => {
    const { client, fake, sleeps } = setup([failure(status, code)]);
    await caught(client.createPaymentOrder(input));
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("turns a timeout into CheqpayOutcomeUnknownError TIMEOUT after retrying an idempotent call", async () => {
    const { client, fake, events } = setup([{ hang: true }], { timeoutMs: 20 });
    const error = await caught(client.getPaymentOrder("att_unit_2"));
    expect(error).toBeInstanceOf(CheqpayOutcomeUnknownError);
    expect(error.code).toBe("TIMEOUT");
    expect(error.httpStatus).toBeNull();
    expect(fake.requests).toHaveLength(3);
    expect(events.map((e) => e.errorCode)).toEqual(["TIMEOUT", "TIMEOUT", "TIMEOUT"]);
  });

  it("tries a refund that timed out only once", async () => {
    const { client, fake } = setup([{ hang: true }], { timeoutMs: 20 });
    const error = await caught(client.refundPaymentOrder({ paymentOrderId: "o1", amount: 100, reason: "r" }, { timeoutMs: 10 }));
    expect(error).toBeInstanceOf(CheqpayOutcomeUnknownError);
    expect(error.code).toBe("TIMEOUT");
    expect(fake.requests).toHaveLength(1);
  });

  it("reports a refused connection as CheqpayRetryLaterError and retries even a refund", async () => {
    const { client, fake } = setup([{ throws: connectionError("ECONNREFUSED") }]);
    const error = await caught(client.refundPaymentOrder({ paymentOrderId: "o1", reason: "r" }));
    expect(error).toBeInstanceOf(CheqpayRetryLaterError);
    expect(error.code).toBe("NETWORK_ERROR");
    expect(error.message).toContain("ECONNREFUSED");
    expect(fake.requests).toHaveLength(3);
  });

  it("reports a connection reset as CheqpayOutcomeUnknownError and does not repeat a refund", async () => {
    const { client, fake } = setup([{ throws: connectionError("ECONNRESET") }]);
    const error = await caught(client.refundPaymentOrder({ paymentOrderId: "o1", reason: "r" }));
    expect(error).toBeInstanceOf(CheqpayOutcomeUnknownError);
    expect(error.code).toBe("NETWORK_ERROR");
    expect(fake.requests).toHaveLength(1);
  });

  it("retries a connection reset on a create and returns the order", async () => {
    const { client, fake } = setup([{ throws: connectionError("ECONNRESET") }, { status: 200, json: wireOrder() }]);
    const order = await client.createPaymentOrder(input);
    expect(order.id).toBe(wireOrder().id);
    expect(fake.requests).toHaveLength(2);
  });

  it.each([
    ["an order without an id", { status: 201, json: wireOrder({ id: undefined }) }],
    ["an HTML page", { status: 200, text: "<html>maintenance</html>" }],
    ["an empty body", { status: 200 }],
    ["an amount that is not a number", { status: 200, json: wireOrder({ amount: "lots" }) }],
  ] as [string, ScriptedAnswer][])("answers a 2xx with %s with CheqpayOutcomeUnknownError MALFORMED_RESPONSE", async (_, answer) => {
    const { client, fake } = setup([answer]);
    const error = await caught(client.createPaymentOrder(input));
    expect(error).toBeInstanceOf(CheqpayOutcomeUnknownError);
    expect(error.code).toBe("MALFORMED_RESPONSE");
    expect(error.retryable).toBe(false);
    expect(fake.requests).toHaveLength(1);
  });

  it("keeps calling when an onRequest observer throws", async () => {
    const { client } = setup([{ status: 200, json: wireOrder() }], {
      onRequest: () => {
        throw new Error("observer broke");
      },
    });
    await expect(client.getPaymentOrder("x")).resolves.toMatchObject({ status: "succeeded" });
  });

  it("builds list queries without undefined parameters", async () => {
    const { client, fake } = setup([{ status: 200, json: { data: [wireOrder()], total: 41, limit: 1, offset: 40 } }]);
    const page = await client.listPaymentOrders({ limit: 1, offset: 40, status: "COMPLETED", startDate: new Date("2026-11-01T00:00:00Z") });
    expect(fake.requests[0]?.url).toBe(
      "https://api.cheqpay.test/pos/payment-orders?limit=1&offset=40&status=COMPLETED&startDate=2026-11-01T00%3A00%3A00.000Z",
    );
    expect(page).toMatchObject({ total: 41, limit: 1, offset: 40 });
    expect(page.data).toHaveLength(1);
  });
});

describe("secrecy", () => {
  it("never puts the card number, CVC or API key in an error from any kind of failure", async () => {
    const answers: ScriptedAnswer[][] = [
      [failure(422, "DECLINED", { declineReason: "generic_decline", paymentOrderId: "o1", message: `Card ${CARD} declined` })],
      [failure(400, "VALIDATION_ERROR", { details: [{ field: "paymentMethod.cardDetails.number", message: `${CARD} invalid` }] })],
      [failure(500, "INTERNAL_ERROR")],
      [{ status: 201, json: { echo: { number: CARD, cvc: CVC } } }],
      [{ throws: connectionError("ECONNRESET") }],
      [{ hang: true }],
    ];
    for (const scripted of answers) {
      const { client, events } = setup(scripted, { timeoutMs: 10 });
      const error = await caught(client.createPaymentOrder(input, { requestId: "req-secrecy" }));
      expectNoSecrets(error, events);
    }
  });

  it("does not keep the API key when Cheqpay's message echoes it", async () => {
    const { client, events } = setup([failure(401, "UNAUTHORIZED", { message: `Invalid API key ${API_KEY}` })]);
    const error = await caught(client.getPaymentOrder("x", { requestId: "req-secrecy" }));
    expect(error).toBeInstanceOf(CheqpayAuthError);
    expect(error.message).toBe("Invalid API key [redacted]");
    expectNoSecrets(error, events);
  });

  it("keeps the decline details a caller needs", async () => {
    const { client } = setup([failure(422, "INSUFFICIENT_FUNDS", { declineReason: "insufficient_funds", paymentOrderId: "o1" })]);
    const error = await caught(client.createPaymentOrder(input));
    expect(error).toBeInstanceOf(CheqpayDeclinedError);
    expect(error).toMatchObject({ declineReason: "insufficient_funds", paymentOrderId: "o1", operation: "createPaymentOrder" });
  });
});
