// The checkout form's one schema: the browser validates with it as the shopper types (react-hook-form) and
// the Server Action parses with it again. zod/mini keeps the client bundle small. Error messages are keys
// of the `checkout.errors` messages, translated where they are shown.
import { z } from "zod/mini";
import {
  cardNumberProblem,
  cvcLength,
  detectBrand,
  digitsOnly,
  isExpired,
  parseExpiry,
} from "./card-rules";
import { BILLING_COUNTRIES, MEXICAN_STATE_CODES } from "./mexican-states";
import { SINGLE_LINE_TEXT } from "@/lib/validation/plain-text";

// A field that is missing or not text at all (hostile input, never the form) reads as "required".
const field = () => z.string("required");
// Names and the address are stored and shown: a control character (NUL, which PostgreSQL refuses) is "invalid".
const text = (max: number) =>
  field().check(z.trim(), z.minLength(1, "required"), z.maxLength(max, "tooLong"), z.regex(SINGLE_LINE_TEXT, "invalid"));

/** What the page measures about the browser (the server adds IP, user agent and Accept). */
export const browserInfoSchema = z.object({
  screenWidth: z.number().check(z.int(), z.gte(0), z.lte(100_000)),
  screenHeight: z.number().check(z.int(), z.gte(0), z.lte(100_000)),
  colorDepth: z.number().check(z.int(), z.gte(0), z.lte(64)),
  timeZoneOffset: z.number().check(z.int(), z.gte(-900), z.lte(900)),
  javaEnabled: z.boolean(),
  javaScriptEnabled: z.boolean(),
  // A language tag goes to Cheqpay as is: printable ASCII only (a browser's tag always is).
  language: z.string().check(z.maxLength(35), z.regex(/^[\x20-\x7e]*$/)),
});

export const checkoutFormSchema = z
  .object({
    email: field().check(z.trim(), z.minLength(1, "required"), z.maxLength(254, "tooLong"), z.email("email")),
    firstName: text(60),
    lastName: text(60),
    phone: z.optional(
      field().check(z.trim(), z.maxLength(20, "phone"), z.regex(/^$|^\+?\(?[0-9][0-9 ()-]{6,19}$/, "phone")),
    ),
    address: text(120),
    city: text(80),
    state: text(80),
    postalCode: field().check(z.trim(), z.minLength(1, "required"), z.maxLength(10, "postalCode")),
    country: z.enum(BILLING_COUNTRIES, "country"),
    cardNumber: field().check(z.maxLength(30, "cardNumber_invalid")),
    expiry: field().check(z.maxLength(10, "expiry")),
    // The exact length (3, or 4 for American Express) is checked below, where the brand is known.
    cvc: field().check(z.maxLength(10, "cvc")),
    /** A saved card chosen (Cheqpay's payment method id, printable ASCII): then only its CVC is asked. Empty: a new card. */
    paymentMethodId: z.optional(z.string().check(z.maxLength(100, "required"), z.regex(/^$|^[\x21-\x7e]+$/, "required"))),
    /** Signed in, new card: save it for next time (`persist: true`). */
    saveCard: z.optional(z.boolean()),
    /** Made when the page was rendered: a repeated submit with the same key is the same payment. */
    submissionKey: field().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/, "required")),
    browser: browserInfoSchema,
  })
  .check(
    z.superRefine((form, ctx) => {
      const issue = (path: string, message: string) => ctx.issues.push({ code: "custom", input: form, path: [path], message });
      if (form.country === "MX") {
        if (!MEXICAN_STATE_CODES.has(form.state)) issue("state", "stateMx");
        if (!/^\d{5}$/.test(form.postalCode)) issue("postalCode", "postalCodeMx");
      } else if (!/^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/.test(form.postalCode)) {
        issue("postalCode", "postalCode");
      }
      if (form.paymentMethodId) {
        // A saved card: the server checks the CVC's exact length against the card's brand.
        const cvc = form.cvc.trim();
        if (cvc === "") issue("cvc", "required");
        else if (!/^\d{3,4}$/.test(cvc)) issue("cvc", "cvc");
        return;
      }
      const numberProblem = cardNumberProblem(form.cardNumber);
      if (numberProblem) issue("cardNumber", numberProblem === "required" ? "required" : `cardNumber_${numberProblem}`);
      const expiry = parseExpiry(form.expiry);
      if (form.expiry.trim() === "") issue("expiry", "required");
      else if (!expiry) issue("expiry", "expiry");
      else if (isExpired(expiry)) issue("expiry", "expiryPast");
      const cvc = form.cvc.trim();
      if (cvc === "") issue("cvc", "required");
      else if (!new RegExp(`^\\d{${cvcLength(detectBrand(form.cardNumber))}}$`).test(cvc)) {
        issue("cvc", detectBrand(form.cardNumber) === "amex" ? "cvcAmex" : "cvc");
      }
    }),
  );

export type CheckoutFormValues = z.input<typeof checkoutFormSchema>;
export type CheckoutForm = z.output<typeof checkoutFormSchema>;
export type BrowserInfo = z.output<typeof browserInfoSchema>;

/** The card fields the payment needs, normalised (digits only, four-digit year). */
export function cardFromForm(form: CheckoutForm): { number: string; expiryMonth: number; expiryYear: number; cvc: string } {
  const expiry = parseExpiry(form.expiry);
  if (!expiry) throw new Error("cardFromForm needs a validated form");
  return { number: digitsOnly(form.cardNumber), expiryMonth: expiry.month, expiryYear: expiry.year, cvc: form.cvc.trim() };
}

export { CHECKOUT_FIELDS, type CheckoutField } from "./checkout-fields";
