// The admin API's refund body: what the merchant's systems get back for each mistake (error codes, never
// zod's sentences, also for a body that is not an object at all).
import { describe, expect, it } from "vitest";
import { refundRequestSchema } from "@/lib/refunds/refund-request-schema";

const codesOf = (body: unknown) => {
  const parsed = refundRequestSchema.safeParse(body, { error: () => "invalid" });
  return parsed.success ? null : parsed.error.issues.map((issue) => `${String(issue.path[0] ?? "body")}:${issue.message}`);
};

describe("refundRequestSchema", () => {
  it("takes a whole positive amount in centavos and a trimmed reason", () => {
    expect(refundRequestSchema.parse({ amount: 12345, reason: "  Damaged  " })).toEqual({ amount: 12345, reason: "Damaged" });
    expect(refundRequestSchema.parse({ reason: "All of it" })).toEqual({ reason: "All of it" });
  });

  it("refuses negative, fractional, huge and non-numeric amounts with amount_invalid", () => {
    for (const amount of [-1, 0, 0.5, 1e20, 2 ** 53 + 2, "100", null, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(new Set(codesOf({ amount, reason: "x" })), String(amount)).toEqual(new Set(["amount:amount_invalid"]));
    }
  });

  it("refuses a missing, empty, too long or control-character reason", () => {
    expect(codesOf({ amount: 1 })).toEqual(["reason:reason_required"]);
    expect(codesOf({ amount: 1, reason: "   " })).toEqual(["reason:reason_required"]);
    expect(codesOf({ amount: 1, reason: "x".repeat(201) })).toEqual(["reason:reason_too_long"]);
    expect(codesOf({ amount: 1, reason: "dam\u0000aged" })).toEqual(["reason:reason_invalid"]);
    expect(codesOf({ amount: 1, reason: "Damaged.\nCustomer called." })).toBeNull();
  });

  it("answers `invalid` for a body that is not an object", () => {
    for (const body of [null, 42, "refund", [], true]) expect(codesOf(body), JSON.stringify(body)).toEqual(["body:invalid"]);
  });

  it("ignores extra fields, prototype keys included", () => {
    const body = JSON.parse('{"amount":1,"reason":"x","__proto__":{"isAdmin":true},"orderId":"other"}');
    const parsed = refundRequestSchema.parse(body);
    expect(parsed).toEqual({ amount: 1, reason: "x" });
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});
