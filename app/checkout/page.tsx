// The checkout: the order summary beside the card form. Nothing to pay → a way back to the shop; an order
// already paid → its page. Strings are translated here; the form (the one client island) gets them as props.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { CheckoutForm } from "@/components/checkout/checkout-form";
import { checkoutFormDefaults, firstChoice } from "@/components/checkout/checkout-form-defaults";
// The form's styles as global CSS imported here, not a module of the client components: no class map in their JS.
import "@/components/checkout/checkout-form.css";
import type { CheckoutStrings, CountryOption } from "@/components/checkout/checkout-strings";
import styles from "@/components/checkout/checkout-page.module.css";
import { OrderSummary } from "@/components/checkout/order-summary";
import { PaymentInstructions } from "@/components/checkout/payment-instructions";
import { loadCheckoutPageState } from "@/lib/checkout/checkout-page-state";
import { type Account, currentAccount } from "@/lib/accounts/current-account";
import { lastPaidOrderContact } from "@/lib/accounts/account-orders";
import { brandName, expiryText } from "@/lib/accounts/card-label";
import type { BillingAddressJson } from "@/lib/checkout/checkout-order";
import { isCardExpired, listSavedCards } from "@/lib/accounts/saved-cards";
import { getDb } from "@/lib/db/client";
import type { SavedCardOption } from "@/components/checkout/checkout-strings";
import type { CheckoutFormValues } from "@/lib/checkout/checkout-form-schema";
import { BILLING_COUNTRIES } from "@/lib/checkout/mexican-states";
import { mexicanStateOptions } from "@/lib/checkout/mexican-state-names";
import { getConfig } from "@/lib/config";
import { formatMoneyWithCode } from "@/lib/money/format-money";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("checkout");
  return { title: t("title"), robots: { index: false } };
}

type Translate = Awaited<ReturnType<typeof getTranslations<"checkout">>>;

/** `?payment=<outcome>` only chooses one of these known messages; its text is never shown. */
const PAYMENT_OUTCOME_MESSAGES: Record<string, string> = {
  authentication_failed: "declines.AUTHENTICATION_FAILED",
};

export default async function CheckoutPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [state, t, locale, query, account] = await Promise.all([
    loadCheckoutPageState(),
    getTranslations("checkout"),
    getLocale(),
    searchParams,
    currentAccount(),
  ]);

  if (state.kind === "paid") redirect(state.orderUrl);

  if (state.kind === "empty") {
    return (
      <main className={`page ${styles.page}`}>
        <h1 className={styles.title}>{t("title")}</h1>
        <section className={styles.empty} aria-labelledby="checkout-empty-heading">
          <h2 id="checkout-empty-heading">{t("empty.heading")}</h2>
          <p>{t("empty.body")}</p>
          <p>
            <a href="/">{t("empty.link")}</a>
          </p>
        </section>
      </main>
    );
  }

  const { cart, submissionKey, resume, prefill } = state;
  const total = formatMoneyWithCode(cart.subtotalCentavos, cart.currency, locale);
  const outcome = typeof query.payment === "string" ? PAYMENT_OUTCOME_MESSAGES[query.payment] : undefined;
  const initialAlert = outcome && !resume ? t(outcome) : null;
  const support = supportContact();
  const tAccount = await getTranslations("account.checkout");
  const [savedCards, accountDefaults] = account
    ? await Promise.all([savedCardOptions(account, t), accountPrefill(account, prefill)])
    : [[], prefill];

  return (
    // Named: the 3-D Secure page in the dialog's iframe may have a <main> of its own.
    <main className={`page ${styles.page}`} aria-labelledby="checkout-title">
      <h1 id="checkout-title" className={styles.title}>
        {t("title")}
      </h1>
      <div className={styles.layout}>
        <OrderSummary
          lines={cart.lines}
          subtotalCentavos={cart.subtotalCentavos}
          currency={cart.currency}
          locale={locale}
          labels={{
            heading: t("summary.heading"),
            line: (name, quantity) => t("summary.line", { name, quantity }),
            unavailable: t("summary.unavailable"),
            unavailableNotice: t("problems.cart-unavailable"),
            subtotal: t("summary.subtotal"),
            total: t("summary.total"),
            editCart: t("summary.editCart"),
          }}
        />
        <div className={styles.formColumn}>
          {account ? (
            <p className={styles.signInPrompt}>{tAccount("signedInAs", { email: account.email })}</p>
          ) : (
            <p className={styles.signInPrompt}>
              {tAccount("signInPrompt")} <a href="/signin?callbackUrl=%2Fcheckout">{tAccount("signInLink")}</a>
            </p>
          )}
          <CheckoutForm
            account={account ? { savedCards } : null}
            strings={checkoutStrings(t, total)}
            countries={countryOptions(t)}
            states={mexicanStateOptions()}
            submissionKey={submissionKey}
            defaults={checkoutFormDefaults(withoutCardData(accountDefaults), submissionKey, firstChoice(savedCards))}
            resume={resume}
            initialAlert={initialAlert}
          >
            <PaymentInstructions
              support={support}
              labels={{
                heading: t("instructions.heading"),
                charge: t("instructions.charge", { amount: total }),
                currency: t("instructions.currency"),
                verify: t("instructions.verify"),
                after: t("instructions.after"),
                support: t("instructions.support"),
                supportEmail: t("instructions.supportEmail", { email: support?.email ?? "" }),
                supportPhone: t("instructions.supportPhone", { phone: support?.phone ?? "" }),
                supportFallback: t("instructions.supportFallback"),
                refunds: t("instructions.refunds"),
                refundPolicy: t("instructions.refundPolicy"),
              }}
            />
          </CheckoutForm>
        </div>
      </div>
    </main>
  );
}

/** Signed in: the account's email always, its name and its last paid order's address and phone until the
 *  shopper typed others at this checkout. */
async function accountPrefill(account: Account, prefill: Partial<CheckoutFormValues>): Promise<Partial<CheckoutFormValues>> {
  const last = prefill.address ? null : await lastPaidOrderContact(getDb(), account.id);
  const address = last?.billingAddress as BillingAddressJson | undefined;
  const fromLastOrder: Partial<CheckoutFormValues> = address
    ? {
        phone: last?.phone ?? "",
        address: address.line1,
        city: address.city,
        state: address.state,
        postalCode: address.postalCode,
        country: address.country as CheckoutFormValues["country"],
      }
    : {};
  return {
    ...fromLastOrder,
    ...prefill,
    email: account.email,
    firstName: prefill.firstName || account.firstName || "",
    lastName: prefill.lastName || account.lastName || "",
  };
}

async function savedCardOptions(account: Account, t: Translate): Promise<SavedCardOption[]> {
  const cards = await listSavedCards(getDb(), account.id);
  return cards.map((card) => {
    const expired = isCardExpired(card);
    const label = t("savedCards.savedCardLabel", { brand: brandName(card.brand, t("brands.card")), last4: card.last4 });
    return {
      paymentMethodId: card.paymentMethodId,
      brand: card.brand,
      label,
      expiry: t(expired ? "savedCards.savedCardExpired" : "savedCards.savedCardExpires", expiryText(card)),
      expired,
      isDefault: card.isDefault,
      cvcHint: t(card.brand === "amex" ? "savedCards.savedCvcHintAmex" : "savedCards.savedCvcHint", { card: label }),
    };
  });
}

function checkoutStrings(t: Translate, total: string): CheckoutStrings {
  return {
    savedCards: { legend: t("savedCards.savedCards"), useNewCard: t("savedCards.useNewCard"), saveCard: t("savedCards.saveCard") },
    sections: { contact: t("sections.contact"), billing: t("sections.billing"), payment: t("sections.payment") },
    fields: {
      email: t("fields.email"),
      firstName: t("fields.firstName"),
      lastName: t("fields.lastName"),
      phone: t("fields.phone"),
      optional: t("fields.optional"),
      address: t("fields.address"),
      city: t("fields.city"),
      state: t("fields.state"),
      statePlaceholder: t("fields.statePlaceholder"),
      postalCode: t("fields.postalCode"),
      country: t("fields.country"),
      cardNumber: t("fields.cardNumber"),
      expiry: t("fields.expiry"),
      expiryPlaceholder: t("fields.expiryPlaceholder"),
      cvc: t("fields.cvc"),
    },
    hints: {
      postalCodeMx: t("hints.postalCodeMx"),
      cvc: t("hints.cvc"),
      cvcAmex: t("hints.cvcAmex"),
      cards: t("hints.cards"),
    },
    brands: { visa: t("brands.visa"), mastercard: t("brands.mastercard"), amex: t("brands.amex") },
    errors: t.raw("errors") as Record<string, string>,
    errorSummaryHeading: t("errorSummary.heading"),
    pay: t("submit.pay", { amount: total }),
    processing: t("submit.processing"),
    authenticationFailed: t("declines.AUTHENTICATION_FAILED"),
    generic: t("declines.GENERIC"),
    newRelease: { pay: t("newRelease"), authentication: t("newReleaseContinue"), reload: t("newReleaseReload") },
    threeDSecure: {
      heading: t("threeDSecure.heading"),
      explanation: t("threeDSecure.explanation"),
      frameTitle: t("threeDSecure.frameTitle"),
      deviceFrameTitle: t("threeDSecure.deviceFrameTitle"),
      cancel: t("threeDSecure.cancel"),
      cancelling: t("threeDSecure.cancelling"),
    },
  };
}

function countryOptions(t: Translate): CountryOption[] {
  return BILLING_COUNTRIES.map((code) => ({ code, name: t(`countries.${code}`) }));
}

/** The prefill is contact and address only: card fields never come from the server. */
function withoutCardData(prefill: Partial<CheckoutFormValues>): Partial<CheckoutFormValues> {
  const { cardNumber: _n, expiry: _e, cvc: _c, submissionKey: _k, browser: _b, ...rest } = prefill;
  return rest;
}

function supportContact(): { email?: string; phone?: string } | null {
  return getConfig().support ?? null;
}
