import { describe, expect, it } from "vitest";
import {
  CheqpayAuthError,
  CheqpayBadRequestError,
  CheqpayConflictError,
  CheqpayDeclinedError,
  CheqpayError,
  CheqpayNotFoundError,
  CheqpayRetryLaterError,
  errorFromResponse,
} from "@/lib/cheqpay";

const envelope = (code: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message: `message for ${code}`, ...extra },
});

describe("errorFromResponse", () => {
  it.each(["DECLINED", "INSUFFICIENT_FUNDS", "EXPIRED_CARD", "INVALID_CARD", "AUTHENTICATION_FAILED"])(
    "maps a 422 %s to CheqpayDeclinedError with its decline reason and order id",
    (code) => {
      const body = envelope(code, { declineReason: code.toLowerCase(), paymentOrderId: "order-9" });
      const error = errorFromResponse(422, body, { requestId: "req-1", operation: "createPaymentOrder" });
      expect(error).toBeInstanceOf(CheqpayDeclinedError);
      expect(error).toBeInstanceOf(CheqpayError);
      expect(error).toMatchObject({
        code,
        httpStatus: 422,
        declineReason: code.toLowerCase(),
        paymentOrderId: "order-9",
        retryable: false,
        requestId: "req-1",
        operation: "createPaymentOrder",
        name: "CheqpayDeclinedError",
      });
    },
  );

  it("maps a 422 VALIDATION_ERROR (an over-refund) to CheqpayBadRequestError", () => {
    const error = errorFromResponse(422, envelope("VALIDATION_ERROR"));
    expect(error).toBeInstanceOf(CheqpayBadRequestError);
    expect(error.code).toBe("VALIDATION_ERROR");
    expect(error.retryable).toBe(false);
  });

  it("maps a 400 with details to CheqpayBadRequestError listing each field", () => {
    const body = envelope("VALIDATION_ERROR", {
      details: [
        { field: "amount", message: "Amount must be positive" },
        { field: "currency", message: "Must be 3 letters" },
      ],
    });
    const error = errorFromResponse(400, body);
    expect(error).toBeInstanceOf(CheqpayBadRequestError);
    expect(error.fieldErrors).toEqual([
      { field: "amount", message: "Amount must be positive" },
      { field: "currency", message: "Must be 3 letters" },
    ]);
  });

  it("maps a 413 to CheqpayBadRequestError", () => {
    expect(errorFromResponse(413, envelope("PAYLOAD_TOO_LARGE"))).toBeInstanceOf(CheqpayBadRequestError);
  });

  it.each(["DUPLICATE", "INVALID_STATE"])("maps a 409 %s to CheqpayConflictError", (code) => {
    const error = errorFromResponse(409, envelope(code));
    expect(error).toBeInstanceOf(CheqpayConflictError);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(false);
  });

  it.each([401, 403])("maps a %i to CheqpayAuthError", (status) => {
    const error = errorFromResponse(status, envelope("UNAUTHORIZED"));
    expect(error).toBeInstanceOf(CheqpayAuthError);
    expect(error.retryable).toBe(false);
  });

  it("maps a 404 to CheqpayNotFoundError", () => {
    const error = errorFromResponse(404, envelope("NOT_FOUND"));
    expect(error).toBeInstanceOf(CheqpayNotFoundError);
    expect(error.code).toBe("NOT_FOUND");
  });

  it.each([
    [429, "RATE_LIMITED"],
    [500, "INTERNAL_ERROR"],
    [502, "INTERNAL_ERROR"],
    [503, "SERVICE_UNAVAILABLE"],
    [504, "INTERNAL_ERROR"],
  ])("maps a %i to a retryable CheqpayRetryLaterError", (status, code) => {
    const error = errorFromResponse(status, envelope(code), { retryAfterMs: 1_000 });
    expect(error).toBeInstanceOf(CheqpayRetryLaterError);
    expect(error.retryable).toBe(true);
    expect(error.code).toBe(code);
    expect(error.retryAfterMs).toBe(1_000);
  });

  it("does not treat a 422 decline code on another status as a decline", () => {
    expect(errorFromResponse(400, envelope("DECLINED"))).toBeInstanceOf(CheqpayBadRequestError);
  });

  it("reads a NestJS-shaped body with a list of messages", () => {
    const body = { statusCode: 400, message: ["amount must be positive", "currency must be 3 letters"], error: "Bad Request" };
    const error = errorFromResponse(400, body);
    expect(error).toBeInstanceOf(CheqpayBadRequestError);
    expect(error.code).toBe("VALIDATION_ERROR");
    expect(error.message).toBe("amount must be positive; currency must be 3 letters");
  });

  it("reads a NestJS-shaped body with only an error name", () => {
    const error = errorFromResponse(404, { statusCode: 404, error: "Not Found" });
    expect(error).toBeInstanceOf(CheqpayNotFoundError);
    expect(error.message).toBe("Not Found");
  });

  it.each([
    [502, null, CheqpayRetryLaterError, "INTERNAL_ERROR"],
    [503, "<html>Service Unavailable</html>", CheqpayRetryLaterError, "SERVICE_UNAVAILABLE"],
    [401, null, CheqpayAuthError, "UNAUTHORIZED"],
    [409, undefined, CheqpayConflictError, "DUPLICATE"],
    [418, { unexpected: true }, CheqpayBadRequestError, "UNKNOWN_ERROR"],
  ] as const)("gives a %i with a non-JSON or unknown body a default code", (status, body, type, code) => {
    const error = errorFromResponse(status, body);
    expect(error).toBeInstanceOf(type);
    expect(error.code).toBe(code);
    expect(error.message).toBe(`Cheqpay answered ${status}`);
  });

  it("scrubs a card number inside Cheqpay's message down to its last four digits", () => {
    const body = envelope("INVALID_CARD", { message: "Card 4000000000000127 is not valid" });
    const error = errorFromResponse(422, body);
    expect(error.message).toBe("Card [card ****0127] is not valid");
    expect(JSON.stringify(error)).not.toContain("4000000000000127");
    expect(String(error)).not.toContain("4000000000000127");
    expect(error.stack).not.toContain("4000000000000127");
  });

  it("scrubs a spaced or dashed card number and one inside field details", () => {
    const body = envelope("VALIDATION_ERROR", {
      message: "number 4111 1111 1111 1111 rejected",
      details: [{ field: "paymentMethod.cardDetails.number", message: "5555-5555-5555-4444 is not allowed" }],
    });
    const error = errorFromResponse(400, body);
    expect(error.message).toBe("number [card ****1111] rejected");
    expect(error.fieldErrors[0]?.message).toBe("[card ****4444] is not allowed");
  });

  it("keeps short numbers such as amounts in the message", () => {
    const error = errorFromResponse(422, envelope("VALIDATION_ERROR", { message: "Refund 50000 exceeds 124900" }));
    expect(error.message).toBe("Refund 50000 exceeds 124900");
  });
});

describe("errorFromResponse secrets", () => {
  it("cuts given secrets out of the message and field details", () => {
    const body = envelope("UNAUTHORIZED", { message: "key sk_live_abc is revoked", details: [{ field: "x-api-key", message: "sk_live_abc" }] });
    const error = errorFromResponse(401, body, { secrets: ["sk_live_abc"] });
    expect(error.message).toBe("key [redacted] is revoked");
    expect(error.fieldErrors).toEqual([{ field: "x-api-key", message: "[redacted]" }]);
  });
});
