import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/actions/validated-action";
import { refundFormSchema } from "@/lib/admin/refund-form-schema";

const ORDER_ID = "0b7c4a4e-8d0f-4b5e-9c1a-2f3d4e5f6a7b";

const errorsOf = (input: unknown) => {
  const parsed = refundFormSchema.safeParse(input);
  return parsed.success ? null : fieldErrorsOf(parsed.error.issues);
};

describe("refundFormSchema", () => {
  it("turns pesos into centavos and trims the reason", () => {
    expect(refundFormSchema.parse({ orderId: ORDER_ID, amount: "123.45", reason: "  Damaged in transit " })).toEqual({
      orderId: ORDER_ID,
      amount: 12345,
      reason: "Damaged in transit",
    });
  });

  it("names the amount's problem as a message key", () => {
    expect(errorsOf({ orderId: ORDER_ID, amount: "1.234", reason: "x" })).toEqual({ amount: "tooManyDecimals" });
    expect(errorsOf({ orderId: ORDER_ID, amount: "-1", reason: "x" })).toEqual({ amount: "negative" });
    expect(errorsOf({ orderId: ORDER_ID, amount: "0", reason: "x" })).toEqual({ amount: "zero" });
    expect(errorsOf({ orderId: ORDER_ID, amount: "ten", reason: "x" })).toEqual({ amount: "invalid" });
    expect(errorsOf({ orderId: ORDER_ID, amount: "", reason: "x" })).toEqual({ amount: "required" });
    expect(errorsOf({ orderId: ORDER_ID, amount: null, reason: "x" })).toEqual({ amount: "required" });
  });

  it("refuses a reason with a control character (`reasonInvalid`) and keeps line breaks", () => {
    expect(errorsOf({ orderId: ORDER_ID, amount: "1", reason: "dam\u0000aged" })).toEqual({ reason: "reasonInvalid" });
    expect(errorsOf({ orderId: ORDER_ID, amount: "1", reason: "Damaged.\nCustomer called." })).toBeNull();
  });

  it("requires a reason of at most 200 characters", () => {
    expect(errorsOf({ orderId: ORDER_ID, amount: "1", reason: "   " })).toEqual({ reason: "reasonRequired" });
    expect(errorsOf({ orderId: ORDER_ID, amount: "1", reason: null })).toEqual({ reason: "reasonRequired" });
    expect(errorsOf({ orderId: ORDER_ID, amount: "1", reason: "x".repeat(201) })).toEqual({ reason: "reasonTooLong" });
    expect(errorsOf({ orderId: ORDER_ID, amount: "1", reason: "x".repeat(200) })).toBeNull();
  });

  it("reports every field at once, and an order id that is not one", () => {
    expect(errorsOf({ orderId: "42", amount: "abc", reason: "" })).toEqual({ orderId: "notFound", amount: "invalid", reason: "reasonRequired" });
  });
});
