// The checkout form's starting values: contact and address remembered by the server, cut to size and
// checked, so a stale or odd prefill can never break the form. Card fields always start empty. Made on the server
// (app/checkout/page.tsx): the form gets the result as a prop, this code stays out of the browser's JS.
import type { CheckoutFormValues } from "@/lib/checkout/checkout-form-schema";
import { BILLING_COUNTRIES } from "@/lib/checkout/mexican-states";
import { PLACEHOLDER_BROWSER_INFO } from "./card-input";
import type { SavedCardOption } from "./checkout-strings";

const prefilled = (value: unknown, max = 254) => (typeof value === "string" ? value.slice(0, max) : "");

/** `paymentMethodId`: the saved card chosen first (the default one), or "" for a new card. */
export function checkoutFormDefaults(prefill: Partial<CheckoutFormValues>, submissionKey: string, paymentMethodId = ""): CheckoutFormValues {
  const country = (BILLING_COUNTRIES as readonly string[]).includes(prefill.country ?? "")
    ? (prefill.country as CheckoutFormValues["country"])
    : "MX";
  return {
    email: prefilled(prefill.email),
    firstName: prefilled(prefill.firstName),
    lastName: prefilled(prefill.lastName),
    phone: prefilled(prefill.phone),
    address: prefilled(prefill.address),
    city: prefilled(prefill.city),
    state: prefilled(prefill.state),
    postalCode: prefilled(prefill.postalCode),
    country,
    // Never from the server.
    cardNumber: "",
    expiry: "",
    cvc: "",
    paymentMethodId,
    saveCard: false,
    submissionKey,
    browser: PLACEHOLDER_BROWSER_INFO,
  };
}

/** The default saved card if it can be used, else the newest usable one, else a new card (""). */
export function firstChoice(cards: SavedCardOption[]): string {
  const usable = cards.filter((card) => !card.expired);
  return (usable.find((card) => card.isDefault) ?? usable[0])?.paymentMethodId ?? "";
}
