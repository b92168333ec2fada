// The words the checkout form shows, already translated on the server (messages/<locale>/checkout.json) so
// the browser needs no translation library: only this object travels to the client.
import type { SupportedBrand } from "@/lib/checkout/card-rules";
import type { CheckoutField } from "@/lib/checkout/checkout-form-schema";

export type ThreeDSecureStrings = {
  heading: string;
  explanation: string;
  /** The challenge iframe's title ("3-D Secure verification"). */
  frameTitle: string;
  /** The hidden device-data iframe's title. */
  deviceFrameTitle: string;
  cancel: string;
  cancelling: string;
};

export type CheckoutStrings = {
  sections: { contact: string; billing: string; payment: string };
  fields: Record<CheckoutField, string> & { optional: string; statePlaceholder: string; expiryPlaceholder: string };
  hints: { postalCodeMx: string; cvc: string; cvcAmex: string; cards: string };
  brands: Record<SupportedBrand, string>;
  /** `checkout.errors`: schema message key → sentence. */
  errors: Record<string, string>;
  errorSummaryHeading: string;
  /** "Pay $1,249.00 MXN". */
  pay: string;
  processing: string;
  /** `checkout.declines.AUTHENTICATION_FAILED`: after the shopper cancels 3-D Secure. */
  authenticationFailed: string;
  /** `checkout.declines.GENERIC`: when the server cannot be reached or 3-D Secure times out. */
  generic: string;
  /** A page from an older release (after a deploy): `checkout.newRelease` after the reload that kept the details
   *  (`pay`), its 3-D Secure variant (`authentication`), and "reload in a moment" when it cannot reload (`reload`). */
  newRelease: { pay: string; authentication: string; reload: string };
  threeDSecure: ThreeDSecureStrings;
  savedCards: { legend: string; useNewCard: string; saveCard: string };
};

/** A saved card offered at checkout (signed in): words made on the server, no card data but brand and last4. */
export type SavedCardOption = {
  paymentMethodId: string;
  brand: string;
  /** "Visa ending in 1111". */
  label: string;
  /** "expires 12/28" or "expired 01/24". */
  expiry: string;
  expired: boolean;
  isDefault: boolean;
  /** Where this card's CVC is: "The 3 digits on the back of your Visa ending in 1111." */
  cvcHint: string;
};

export type CountryOption = { code: string; name: string };
