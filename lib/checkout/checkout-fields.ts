// The checkout form's field names, in the order of the page (the error summary lists them so). Apart from the
// schema (checkout-form-schema.ts re-exports them) so the browser has them without loading zod.

export const CHECKOUT_FIELDS = [
  "email",
  "firstName",
  "lastName",
  "phone",
  "address",
  "city",
  "state",
  "postalCode",
  "country",
  "cardNumber",
  "expiry",
  "cvc",
] as const;
export type CheckoutField = (typeof CHECKOUT_FIELDS)[number];
