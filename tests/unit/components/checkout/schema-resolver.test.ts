import { describe, expect, it } from "vitest";
import { z } from "zod/mini";
import { issuesToFieldErrors, lazySchemaResolver, schemaResolver } from "@/components/checkout/schema-resolver";
import { loadCheckoutSchema } from "@/components/checkout/load-checkout-schema";
import { checkoutFormSchema } from "@/lib/checkout/checkout-form-schema";

const resolverOptions = { fields: {}, shouldUseNativeValidation: false } as const;

describe("the checkout form's schema resolver", () => {
  it("hands react-hook-form the parsed values when the form is valid", async () => {
    const schema = z.object({ email: z.string().check(z.trim(), z.email("email")) });
    const result = await schemaResolver(schema)({ email: "  ana@example.com " }, undefined, resolverOptions);
    expect(result).toEqual({ values: { email: "ana@example.com" }, errors: {} });
  });

  it("gives each field the first problem found, as a message key, and no values", async () => {
    const schema = z.object({
      email: z.string().check(z.minLength(1, "required"), z.email("email")),
      cvc: z.string().check(z.regex(/^\d{3}$/, "cvc")),
    });
    const result = await schemaResolver(schema)({ email: "", cvc: "1" }, undefined, resolverOptions);
    expect(result.values).toEqual({});
    expect(result.errors).toEqual({
      email: { type: "too_small", message: "required" },
      cvc: { type: "invalid_format", message: "cvc" },
    });
  });

  it("nests problems of nested fields by their path", () => {
    const errors = issuesToFieldErrors([
      { code: "custom", path: ["browser", "screenWidth"], message: "invalid", input: 1 },
      { code: "custom", path: ["browser", "screenWidth"], message: "second", input: 1 },
      { code: "custom", path: [], message: "whole form", input: 1 },
    ]);
    expect(errors).toEqual({ browser: { screenWidth: { type: "custom", message: "invalid" } } });
  });

  it("reports the shared checkout schema's card problems on the card fields", async () => {
    const form = {
      email: "ana@example.com", firstName: "Ana", lastName: "López", address: "Av. Reforma 1", city: "Ciudad de México",
      state: "CMX", postalCode: "06600", country: "MX" as const, cardNumber: "4111 1111 1111 1112", expiry: "13/30", cvc: "",
      submissionKey: "sk_0123456789abcdef",
      browser: { screenWidth: 1, screenHeight: 1, colorDepth: 24, timeZoneOffset: 0, javaEnabled: false, javaScriptEnabled: true, language: "es-MX" },
    };
    const result = await schemaResolver(checkoutFormSchema)(form, undefined, resolverOptions);
    expect(result.errors).toEqual({
      cardNumber: { type: "custom", message: "cardNumber_invalid" },
      expiry: { type: "custom", message: "expiry" },
      cvc: { type: "custom", message: "required" },
    });
  });

  it("validates with a schema loaded on demand", async () => {
    const schema = z.object({ cvc: z.string().check(z.regex(/^\d{3}$/, "cvc")) });
    let loads = 0;
    const resolver = lazySchemaResolver(async () => {
      loads++;
      return schema;
    });
    expect(await resolver({ cvc: "1" }, undefined, resolverOptions)).toEqual({ values: {}, errors: { cvc: { type: "invalid_format", message: "cvc" } } });
    expect(loads).toBe(1);
  });

  it("leaves the checking to the server when the schema cannot be loaded (a deploy removed its chunk)", async () => {
    const resolver = lazySchemaResolver<{ cvc: string }, { cvc: string }>(() => Promise.reject(new Error("ChunkLoadError")));
    expect(await resolver({ cvc: "1" }, undefined, resolverOptions)).toEqual({ values: { cvc: "1" }, errors: {} });
  });

  it("loads the shared checkout schema once for every form on the page", async () => {
    const first = loadCheckoutSchema();
    expect(loadCheckoutSchema()).toBe(first);
    expect(await first).toBe(checkoutFormSchema);
  });
});
