// What a checkout submit pays with, decided before anything is written: a new card (saved for next time only
// when a signed-in shopper asks), or one of the signed-in account's own saved cards with its CVC. A saved card
// that is not the account's (whatever id the browser sent), removed, expired or of another Cheqpay customer is
// refused here, so the refusal changes nothing.
import { randomBytes } from "node:crypto";
import type { Account } from "@/lib/accounts/current-account";
import { isCardExpired, ownSavedCard } from "@/lib/accounts/saved-cards";
import type { CardBrand, PaymentSource } from "@/lib/cheqpay";
import type { Database } from "@/lib/db/client";
import { cvcLength, detectBrand, type SupportedBrand } from "./card-rules";
import { type CheckoutForm, type CheckoutField, cardFromForm } from "./checkout-form-schema";
import type { OrderRow } from "./checkout-order";
import type { AttemptValues } from "./payment-limits";

export type PaymentPlan = {
  /** What the attempt records of the card: never its number or CVC. */
  card: { brand: CardBrand; last4: string; expiryMonth: number; expiryYear: number };
  /** Card data in memory only, for the one Cheqpay call. */
  source: PaymentSource;
  saveCard: boolean;
  savedPaymentMethodId: string | null;
};

export type PaymentPlanResult =
  | { kind: "plan"; plan: PaymentPlan }
  | { kind: "invalid"; fieldErrors: Partial<Record<CheckoutField, string>> }
  | { kind: "refused" };

export async function planPayment(db: Database, account: Account | null, form: CheckoutForm): Promise<PaymentPlanResult> {
  if (form.paymentMethodId) return planSavedCard(db, account, form.paymentMethodId, form.cvc.trim());
  const card = cardFromForm(form);
  return {
    kind: "plan",
    plan: {
      card: { brand: detectBrand(card.number) ?? "other", last4: card.number.slice(-4), expiryMonth: card.expiryMonth, expiryYear: card.expiryYear },
      source: { kind: "new-card", ...card, save: account !== null && form.saveCard === true },
      saveCard: account !== null && form.saveCard === true,
      savedPaymentMethodId: null,
    },
  };
}

/** The attempt's row for paying `order` with this plan, with a fresh externalId (Cheqpay's idempotency key for
 *  this attempt, ours before Cheqpay is called). */
export function attemptValuesFor(plan: PaymentPlan, submissionKey: string, order: Pick<OrderRow, "id" | "totalCentavos" | "currency">): AttemptValues {
  return {
    orderId: order.id,
    externalId: `att_${randomBytes(12).toString("hex")}`,
    submissionKey,
    status: "submitted",
    amountCentavos: order.totalCentavos,
    currency: order.currency,
    cardBrand: plan.card.brand,
    cardLast4: plan.card.last4,
    cardExpiryMonth: plan.card.expiryMonth,
    cardExpiryYear: plan.card.expiryYear,
    savedPaymentMethodId: plan.savedPaymentMethodId,
    saveCard: plan.saveCard,
  };
}

async function planSavedCard(db: Database, account: Account | null, paymentMethodId: string, cvc: string): Promise<PaymentPlanResult> {
  if (!account?.cheqpayCustomerId) return { kind: "refused" };
  const saved = await ownSavedCard(db, account.id, paymentMethodId);
  if (!saved || saved.cheqpayCustomerId !== account.cheqpayCustomerId || isCardExpired(saved)) return { kind: "refused" };
  const brand = saved.brand === "visa" || saved.brand === "mastercard" || saved.brand === "amex" ? (saved.brand as SupportedBrand) : null;
  if (!new RegExp(`^\\d{${cvcLength(brand)}}$`).test(cvc)) {
    return { kind: "invalid", fieldErrors: { cvc: brand === "amex" ? "cvcAmex" : "cvc" } };
  }
  return {
    kind: "plan",
    plan: {
      card: { brand: saved.brand as CardBrand, last4: saved.last4, expiryMonth: saved.expiryMonth, expiryYear: saved.expiryYear },
      source: { kind: "saved-card", paymentMethodId: saved.paymentMethodId, cvc },
      saveCard: false,
      savedPaymentMethodId: saved.paymentMethodId,
    },
  };
}
