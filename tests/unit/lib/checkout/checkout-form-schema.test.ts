import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  CHECKOUT_FIELDS,
  cardFromForm,
  checkoutFormSchema,
  type CheckoutFormValues,
} from "@/lib/checkout/checkout-form-schema";

const valid: CheckoutFormValues = {
  email: "ana@example.com",
  firstName: "Ana",
  lastName: "López",
  phone: "+52 55 1234 5678",
  address: "Av. Reforma 1",
  city: "Ciudad de México",
  state: "CMX",
  postalCode: "06600",
  country: "MX",
  cardNumber: "4111 1111 1111 1111",
  expiry: "12/30",
  cvc: "123",
  submissionKey: "sk_0123456789abcdef",
  browser: {
    screenWidth: 1920,
    screenHeight: 1080,
    colorDepth: 24,
    timeZoneOffset: 360,
    javaEnabled: false,
    javaScriptEnabled: true,
    language: "es-MX",
  },
};

/** Field → message keys, in order (the form shows the first). */
function errorsOf(values: Partial<CheckoutFormValues> & Record<string, unknown>): Record<string, string[]> {
  const result = checkoutFormSchema.safeParse({ ...valid, ...values });
  const errors: Record<string, string[]> = {};
  for (const issue of result.error?.issues ?? []) (errors[issue.path.join(".")] ??= []).push(issue.message);
  return errors;
}
const firstError = (values: Partial<CheckoutFormValues> & Record<string, unknown>, field: string) => errorsOf(values)[field]?.[0];

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date(2026, 4, 15, 12, 0, 0)); // 15 May 2026
});
afterEach(() => {
  vi.useRealTimers();
});

describe("checkoutFormSchema", () => {
  it("accepts a complete Mexican form and trims what the shopper typed", () => {
    const result = checkoutFormSchema.safeParse({ ...valid, email: "  ana@example.com ", city: " Ciudad de México " });
    expect(result.success).toBe(true);
    expect(result.data?.email).toBe("ana@example.com");
    expect(result.data?.city).toBe("Ciudad de México");
  });

  it("asks for every required field with the key `required`", () => {
    const empty = Object.fromEntries(
      ["email", "firstName", "lastName", "address", "city", "state", "postalCode", "cardNumber", "expiry", "cvc"].map((f) => [f, ""]),
    );
    const errors = errorsOf(empty);
    for (const field of Object.keys(empty)) expect(errors[field]?.[0], field).toBe("required");
    expect(errors.phone).toBeUndefined();
  });

  it("treats blanks as empty", () => {
    expect(firstError({ firstName: "   " }, "firstName")).toBe("required");
    expect(firstError({ cvc: "  " }, "cvc")).toBe("required");
  });

  describe("contact", () => {
    it("checks the email's shape (`email`) and length (`tooLong`)", () => {
      expect(firstError({ email: "ana@" }, "email")).toBe("email");
      expect(firstError({ email: "ana.example.com" }, "email")).toBe("email");
      expect(firstError({ email: `${"a".repeat(250)}@example.com` }, "email")).toBe("tooLong");
    });

    it("limits names (`tooLong`)", () => {
      expect(firstError({ firstName: "a".repeat(61) }, "firstName")).toBe("tooLong");
      expect(firstError({ lastName: "a".repeat(61) }, "lastName")).toBe("tooLong");
      expect(firstError({ firstName: "a".repeat(60) }, "firstName")).toBeUndefined();
    });

    it("refuses names and an address holding a control character (`invalid`), and takes markup, RTL and emoji as text", () => {
      for (const field of ["firstName", "lastName", "address", "city"]) {
        expect(firstError({ [field]: "A\u0000na" }, field), field).toBe("invalid");
        expect(firstError({ [field]: "Ana\nLópez" }, field), field).toBe("invalid");
      }
      expect(firstError({ country: "US", state: "Texas\u0000" }, "state")).toBe("invalid");
      const typed = { firstName: "<img src=x onerror=alert(1)>", lastName: "\u202Eناصر\u200B 🎉", address: `<script>alert(2)</script> & "quotes"` };
      expect(errorsOf(typed)).toEqual({});
    });

    it("takes the phone as optional, and checks it when given (`phone`)", () => {
      expect(errorsOf({ phone: "" }).phone).toBeUndefined();
      expect(errorsOf({ phone: undefined }).phone).toBeUndefined();
      expect(errorsOf({ phone: "(55) 1234-5678" }).phone).toBeUndefined();
      expect(firstError({ phone: "call me" }, "phone")).toBe("phone");
      expect(firstError({ phone: "123" }, "phone")).toBe("phone");
      expect(firstError({ phone: "+52 55 1234 5678 9999 0" }, "phone")).toBe("phone");
    });
  });

  describe("billing address", () => {
    it("limits address and city (`tooLong`)", () => {
      expect(firstError({ address: "a".repeat(121) }, "address")).toBe("tooLong");
      expect(firstError({ city: "a".repeat(81) }, "city")).toBe("tooLong");
    });

    it("in Mexico, wants one of the 32 state codes (`stateMx`)", () => {
      expect(errorsOf({ state: "JAL" }).state).toBeUndefined();
      expect(errorsOf({ state: "YUC" }).state).toBeUndefined();
      expect(firstError({ state: "Jalisco" }, "state")).toBe("stateMx");
      expect(firstError({ state: "CDMX" }, "state")).toBe("stateMx");
      expect(errorsOf({ state: "" }).state).toEqual(["required", "stateMx"]);
    });

    it("in Mexico, wants a 5-digit postal code (`postalCodeMx`)", () => {
      expect(errorsOf({ postalCode: "44100" }).postalCode).toBeUndefined();
      expect(firstError({ postalCode: "4410" }, "postalCode")).toBe("postalCodeMx");
      expect(firstError({ postalCode: "441000" }, "postalCode")).toBe("postalCodeMx");
      expect(firstError({ postalCode: "44 100" }, "postalCode")).toBe("postalCodeMx");
      expect(firstError({ postalCode: "ABCDE" }, "postalCode")).toBe("postalCodeMx");
    });

    it("elsewhere, takes the state as text and a looser postal code (`postalCode`)", () => {
      expect(errorsOf({ country: "US", state: "California", postalCode: "94103" })).toEqual({});
      expect(errorsOf({ country: "CA", state: "Ontario", postalCode: "K1A 0B1" })).toEqual({});
      expect(errorsOf({ country: "ES", state: "Madrid", postalCode: "28013" })).toEqual({});
      expect(firstError({ country: "US", state: "California", postalCode: "!" }, "postalCode")).toBe("postalCode");
      expect(firstError({ country: "US", state: "California", postalCode: "12345678901" }, "postalCode")).toBe("postalCode");
      expect(firstError({ country: "US", state: "" }, "state")).toBe("required");
    });

    it("offers only the listed countries (`country`)", () => {
      expect(firstError({ country: "XX" as CheckoutFormValues["country"] }, "country")).toBe("country");
      expect(firstError({ country: "" as CheckoutFormValues["country"] }, "country")).toBe("country");
    });
  });

  describe("card", () => {
    it("checks the Luhn checksum (`cardNumber_invalid`)", () => {
      expect(errorsOf({ cardNumber: "4111111111111111" }).cardNumber).toBeUndefined();
      expect(firstError({ cardNumber: "4111111111111112" }, "cardNumber")).toBe("cardNumber_invalid");
      expect(firstError({ cardNumber: "5555555555554440" }, "cardNumber")).toBe("cardNumber_invalid");
      expect(firstError({ cardNumber: "4111 1111" }, "cardNumber")).toBe("cardNumber_invalid");
      expect(firstError({ cardNumber: "4".repeat(31) }, "cardNumber")).toBe("cardNumber_invalid");
    });

    it("takes Visa, Mastercard and American Express only (`cardNumber_unsupported`)", () => {
      expect(firstError({ cardNumber: "6011 1111 1111 1117" }, "cardNumber")).toBe("cardNumber_unsupported");
      expect(firstError({ cardNumber: "3530111333300000" }, "cardNumber")).toBe("cardNumber_unsupported");
      expect(errorsOf({ cardNumber: "5555 5555 5555 4444" }).cardNumber).toBeUndefined();
      expect(errorsOf({ cardNumber: "3782 822463 10005", cvc: "1234" }).cardNumber).toBeUndefined();
    });

    it("reads the expiry as MM/YY (`expiry`)", () => {
      expect(firstError({ expiry: "13/30" }, "expiry")).toBe("expiry");
      expect(firstError({ expiry: "1230" }, "expiry")).toBe("expiry");
      expect(firstError({ expiry: "12/2030" }, "expiry")).toBe("expiry");
      expect(firstError({ expiry: "x".repeat(11) }, "expiry")).toBe("expiry");
    });

    it("refuses an expiry in the past, and accepts the current month (`expiryPast`)", () => {
      expect(firstError({ expiry: "04/26" }, "expiry")).toBe("expiryPast");
      expect(firstError({ expiry: "12/25" }, "expiry")).toBe("expiryPast");
      expect(errorsOf({ expiry: "05/26" }).expiry).toBeUndefined();
      expect(errorsOf({ expiry: "06/26" }).expiry).toBeUndefined();
    });

    it("wants a 3-digit CVC for Visa and Mastercard (`cvc`)", () => {
      expect(firstError({ cvc: "12" }, "cvc")).toBe("cvc");
      expect(firstError({ cvc: "1234" }, "cvc")).toBe("cvc");
      expect(firstError({ cvc: "12a" }, "cvc")).toBe("cvc");
      expect(firstError({ cardNumber: "5555555555554444", cvc: "1234" }, "cvc")).toBe("cvc");
    });

    it("wants a 4-digit CVC for American Express (`cvcAmex`)", () => {
      const amex = "378282246310005";
      expect(errorsOf({ cardNumber: amex, cvc: "1234" }).cvc).toBeUndefined();
      expect(firstError({ cardNumber: amex, cvc: "123" }, "cvc")).toBe("cvcAmex");
      expect(firstError({ cardNumber: amex, cvc: "12345" }, "cvc")).toBe("cvcAmex");
      expect(firstError({ cardNumber: amex, cvc: "" }, "cvc")).toBe("required");
    });
  });

  it("needs a well-formed submission key and the browser's data", () => {
    expect(firstError({ submissionKey: "short" }, "submissionKey")).toBe("required");
    expect(firstError({ submissionKey: "has spaces in it, not allowed" }, "submissionKey")).toBe("required");
    expect(errorsOf({ browser: { ...valid.browser, timeZoneOffset: 2000 } })["browser.timeZoneOffset"]).toBeDefined();
    expect(errorsOf({ browser: { ...valid.browser, language: "x".repeat(36) } })["browser.language"]).toBeDefined();
    expect(errorsOf({ browser: { ...valid.browser, language: "es\u0000MX" } })["browser.language"]).toBeDefined();
    for (const language of ["en-US", "zh-Hant-TW", "en_US", ""]) expect(errorsOf({ browser: { ...valid.browser, language } })["browser.language"], language).toBeUndefined();
  });

  it("uses only message keys the checkout translates", async () => {
    const { default: en } = await import("@/messages/en/checkout.json");
    const { default: es } = await import("@/messages/es-MX/checkout.json");
    const keys = [
      "required", "tooLong", "email", "phone", "postalCode", "postalCodeMx", "stateMx", "country",
      "cardNumber_invalid", "cardNumber_unsupported", "expiry", "expiryPast", "cvc", "cvcAmex",
    ];
    for (const key of keys) {
      expect((en.errors as Record<string, string>)[key], `en ${key}`).toBeTruthy();
      expect((es.errors as Record<string, string>)[key], `es-MX ${key}`).toBeTruthy();
    }
    // Everything the schema can say about a visible field is among those keys.
    const samples: Partial<CheckoutFormValues>[] = [
      Object.fromEntries(CHECKOUT_FIELDS.map((f) => [f, ""])) as Partial<CheckoutFormValues>,
      { email: "x", phone: "x", state: "x", postalCode: "x", cardNumber: "4111111111111112", expiry: "x", cvc: "x" },
      { cardNumber: "6011111111111117", expiry: "01/20" },
      { cardNumber: "378282246310005", cvc: "1" },
    ];
    for (const sample of samples) {
      for (const [field, messages] of Object.entries(errorsOf(sample))) {
        if ((CHECKOUT_FIELDS as readonly string[]).includes(field)) for (const m of messages) expect(keys, `${field}: ${m}`).toContain(m);
      }
    }
  });
});

describe("checkoutFormSchema with a saved card", () => {
  const savedCard = { paymentMethodId: "pm_0b6f3c1e", cardNumber: "", expiry: "", cvc: "123" };

  it("accepts the saved card's payment method id and its CVC, without a card number or expiry", () => {
    expect(errorsOf(savedCard)).toEqual({});
    expect(checkoutFormSchema.parse({ ...valid, ...savedCard })).toMatchObject({ paymentMethodId: "pm_0b6f3c1e", cvc: "123" });
  });

  it("ignores whatever card number and expiry came along with it", () => {
    expect(errorsOf({ ...savedCard, cardNumber: "4111111111111112", expiry: "04/26" })).toEqual({});
  });

  it("still asks for the CVC (`required`)", () => {
    expect(firstError({ ...savedCard, cvc: "" }, "cvc")).toBe("required");
    expect(firstError({ ...savedCard, cvc: "   " }, "cvc")).toBe("required");
  });

  it("takes a CVC of 3 or 4 digits, leaving the exact length to the server, which knows the brand (`cvc`)", () => {
    expect(errorsOf({ ...savedCard, cvc: "123" }).cvc).toBeUndefined();
    expect(errorsOf({ ...savedCard, cvc: " 1234 " }).cvc).toBeUndefined();
    expect(firstError({ ...savedCard, cvc: "12" }, "cvc")).toBe("cvc");
    expect(firstError({ ...savedCard, cvc: "12345" }, "cvc")).toBe("cvc");
    expect(firstError({ ...savedCard, cvc: "12a" }, "cvc")).toBe("cvc");
  });

  it("still checks the contact and billing address", () => {
    expect(firstError({ ...savedCard, email: "ana@" }, "email")).toBe("email");
    expect(firstError({ ...savedCard, postalCode: "4410" }, "postalCode")).toBe("postalCodeMx");
  });

  it("reads an empty payment method id as a new card, whose number and expiry are required", () => {
    const errors = errorsOf({ ...savedCard, paymentMethodId: "" });
    expect(errors.cardNumber?.[0]).toBe("required");
    expect(errors.expiry?.[0]).toBe("required");
  });

  it("refuses a payment method id over 100 characters and a saveCard that is not a boolean", () => {
    expect(errorsOf({ ...savedCard, paymentMethodId: "p".repeat(101) }).paymentMethodId).toBeDefined();
    for (const paymentMethodId of ["pm 1", "pm_\u0000", "' OR 1=1 --", "pm_é"]) {
      expect(errorsOf({ ...savedCard, paymentMethodId }).paymentMethodId, paymentMethodId).toBeDefined();
    }
    expect(errorsOf({ saveCard: "yes" as unknown as boolean }).saveCard).toBeDefined();
    expect(errorsOf({ saveCard: true })).toEqual({});
  });
});

describe("cardFromForm", () => {
  it("gives digits only, the month and the four-digit year", () => {
    const form = checkoutFormSchema.parse({ ...valid, cvc: " 123 " });
    expect(cardFromForm(form)).toEqual({ number: "4111111111111111", expiryMonth: 12, expiryYear: 2030, cvc: "123" });
  });
});
