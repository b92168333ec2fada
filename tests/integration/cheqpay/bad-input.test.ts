// Bad requests straight to the sandbox with raw fetch: always a 4xx envelope naming the field, never a 5xx.
import { describe, expect, it } from "vitest";
import { orderInput, rawApi, type RawAnswer, useSandbox } from "../../support/cheqpay-sandbox";

const sandbox = useSandbox();

/** A valid wire body for a new card, as the contract shows it. */
function validBody(): Record<string, unknown> {
  const input = orderInput();
  return {
    externalId: input.externalId,
    amount: 124900,
    currency: "MXN",
    customer: { externalId: "user-raw", firstName: "Ana", lastName: "López", email: "ana@example.com" },
    paymentMethod: { type: "card", cardDetails: { number: "4111111111111111", expiryMonth: "12", expiryYear: "30", cvc: "123" }, persist: false },
    billingAddress: { address: "Av. Reforma 222", city: "CDMX", state: "CDMX", postalCode: "06600", country: "MX" },
  };
}

const create = (body: string | object, headers?: Record<string, string>) => rawApi(sandbox(), "POST", "/v2/payment-orders", { body, headers });

function expectEnvelope(answer: RawAnswer, status: number, code: string) {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers.get("content-type")).toMatch(/application\/json/);
  expect(answer.json).toMatchObject({ error: { code, message: expect.any(String) } });
}

const fieldsOf = (answer: RawAnswer): string[] => (answer.json?.error?.details ?? []).map((d: { field: string }) => d.field);

describe("POST /v2/payment-orders with bad input", () => {
  it("accepts the valid body these cases start from", async () => {
    expect((await create(validBody())).status).toBe(201);
  });

  it("answers bad JSON with 400 VALIDATION_ERROR", async () => {
    const answer = await create('{"externalId": "att_1", "amount": ');
    expectEnvelope(answer, 400, "VALIDATION_ERROR");
    expect(fieldsOf(answer)).toEqual(["body"]);
  });

  it("answers a JSON array with 400", async () => {
    expectEnvelope(await create("[]"), 400, "VALIDATION_ERROR");
  });

  it.each([
    ["a missing externalId", (b: Record<string, unknown>) => delete b.externalId, "externalId"],
    ["an empty externalId", (b: Record<string, unknown>) => (b.externalId = ""), "externalId"],
    ["a negative amount", (b: Record<string, unknown>) => (b.amount = -100), "amount"],
    ["a zero amount", (b: Record<string, unknown>) => (b.amount = 0), "amount"],
    ["a fractional amount", (b: Record<string, unknown>) => (b.amount = 1249.5), "amount"],
    ["an amount as a string", (b: Record<string, unknown>) => (b.amount = "124900"), "amount"],
    ["currency MEXICO", (b: Record<string, unknown>) => (b.currency = "MEXICO"), "currency"],
    ["a missing billingAddress for a card", (b: Record<string, unknown>) => delete b.billingAddress, "billingAddress"],
    ["a missing customer", (b: Record<string, unknown>) => delete b.customer, "customer"],
    ["a missing paymentMethod", (b: Record<string, unknown>) => delete b.paymentMethod, "paymentMethod"],
  ])("answers %s with 400 naming the field", async (_, change, field) => {
    const body = validBody();
    change(body);
    const answer = await create(body);
    expectEnvelope(answer, 400, "VALIDATION_ERROR");
    expect(fieldsOf(answer)).toContain(field);
  });

  it.each([
    ["number", { number: "4111-1111" }],
    ["expiryMonth", { expiryMonth: "13" }],
    ["expiryYear", { expiryYear: "203" }],
    ["cvc", { cvc: "12" }],
  ])("answers a bad card %s with 400 naming it", async (key, change) => {
    const body = validBody();
    const method = body.paymentMethod as { cardDetails: Record<string, string> };
    Object.assign(method.cardDetails, change);
    const answer = await create(body);
    expectEnvelope(answer, 400, "VALIDATION_ERROR");
    expect(fieldsOf(answer)).toEqual([`paymentMethod.cardDetails.${key}`]);
    expect(answer.text).not.toContain("4111111111111111");
  });

  it("names every bad field at once", async () => {
    const body = { ...validBody(), amount: -1, currency: "MEXICO" };
    delete (body as Record<string, unknown>).externalId;
    const answer = await create(body);
    expectEnvelope(answer, 400, "VALIDATION_ERROR");
    expect(fieldsOf(answer).sort()).toEqual(["amount", "currency", "externalId"]);
  });

  it("answers a 2 MiB body with 413 PAYLOAD_TOO_LARGE", async () => {
    const body = { ...validBody(), description: "x".repeat(2 * 1024 * 1024) };
    const answer = await create(body);
    expectEnvelope(answer, 413, "PAYLOAD_TOO_LARGE");
  });

  it("stores nothing for a bad request", async () => {
    await create({ ...validBody(), amount: -1 });
    const list = await rawApi(sandbox(), "GET", "/payment-orders");
    expect(list.json).toMatchObject({ total: 0 });
  });
});

describe("other bad requests", () => {
  it("answers an unknown route with a 404 envelope", async () => {
    expectEnvelope(await rawApi(sandbox(), "GET", "/v2/unknown-things"), 404, "NOT_FOUND");
    expectEnvelope(await rawApi(sandbox(), "DELETE", "/v2/payment-orders"), 404, "NOT_FOUND");
  });

  it("answers an unknown order with a 404 envelope", async () => {
    expectEnvelope(await rawApi(sandbox(), "GET", "/v2/payment-orders/does-not-exist"), 404, "NOT_FOUND");
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["offset=-1", "offset"],
    ["startDate=yesterday", "startDate"],
  ])("answers a list with %s with 400 naming the parameter", async (query, field) => {
    const answer = await rawApi(sandbox(), "GET", `/payment-orders?${query}`);
    expectEnvelope(answer, 400, "VALIDATION_ERROR");
    expect(fieldsOf(answer)).toEqual([field]);
  });

  it("answers a refund with a negative amount with 400 naming amount", async () => {
    const order = await create(validBody());
    const answer = await rawApi(sandbox(), "POST", `/v2/payment-orders/${order.json.id}/refund`, { body: { amount: -5 } });
    expectEnvelope(answer, 400, "VALIDATION_ERROR");
    expect(fieldsOf(answer)).toEqual(["amount"]);
  });

  it("answers payer-authentication without its fields with 400 naming each", async () => {
    const order = await create(validBody());
    const answer = await rawApi(sandbox(), "POST", `/v2/payment-orders/${order.json.id}/payer-authentication`, { body: {} });
    expectEnvelope(answer, 400, "VALIDATION_ERROR");
    expect(fieldsOf(answer).sort()).toEqual(["collectionReferenceId", "deviceInformation", "returnUrl"]);
  });

  it("answers a customer without externalId and firstName with 400", async () => {
    const answer = await rawApi(sandbox(), "POST", "/customers/add-update", { body: { email: "not-an-email" } });
    expectEnvelope(answer, 400, "VALIDATION_ERROR");
    expect(fieldsOf(answer).sort()).toEqual(["email", "externalId", "firstName"]);
  });
});
