import { describe, expect, it } from "vitest";
import { z } from "zod/mini";
import { fieldErrorsOf, validatedAction } from "@/lib/actions/validated-action";
import { checkoutFormSchema } from "@/lib/checkout/checkout-form-schema";

describe("validatedAction", () => {
  it("calls the handler with the parsed input when it is valid", async () => {
    const action = validatedAction(z.object({ quantity: z.number() }), async ({ quantity }) => ({ kind: "ok", doubled: quantity * 2 }));
    expect(await action({ quantity: 2 })).toEqual({ kind: "ok", doubled: 4 });
  });

  it("answers field errors and never calls the handler when the input is invalid", async () => {
    let called = false;
    const action = validatedAction(checkoutFormSchema, async () => {
      called = true;
      return { kind: "paid" };
    });
    const answer = await action({ email: "not an email", cardNumber: "4111 1111 1111 1112" });
    expect(called).toBe(false);
    expect(answer).toMatchObject({ kind: "invalid", fieldErrors: { email: "email", firstName: "required" } });
  });

  it("refuses input that is not an object at all, with the message key `invalid`", async () => {
    const action = validatedAction(checkoutFormSchema, async () => ({ kind: "paid" }));
    for (const input of [null, "pay", 42, [], undefined]) {
      expect(await action(input)).toEqual({ kind: "invalid", fieldErrors: { form: "invalid" } });
    }
  });

  it("answers message keys, never zod's sentences, for nested objects and fields of the wrong type", async () => {
    const action = validatedAction(checkoutFormSchema, async () => ({ kind: "paid" }));
    const answer = await action({ email: 42, browser: "a string", saveCard: "yes", paymentMethodId: ["x"] });
    expect(answer).toMatchObject({ kind: "invalid", fieldErrors: { email: "required", browser: "invalid", saveCard: "invalid", paymentMethodId: "invalid" } });
    const nested = await action({ browser: { screenWidth: "1920", screenHeight: Number.NaN } });
    expect(nested).toMatchObject({ fieldErrors: { browser: "invalid" } });
    for (const message of Object.values((answer as { fieldErrors: Record<string, string> }).fieldErrors)) {
      expect(message).toMatch(/^[A-Za-z_]+$/);
    }
  });
});

describe("fieldErrorsOf", () => {
  it("keeps the first message of each top-level field and puts the rest under form", () => {
    expect(
      fieldErrorsOf([
        { path: ["email"], message: "required" },
        { path: ["email"], message: "email" },
        { path: ["browser", "screenWidth"], message: "number" },
        { path: [], message: "object" },
      ]),
    ).toEqual({ email: "required", browser: "number", form: "object" });
  });
});
