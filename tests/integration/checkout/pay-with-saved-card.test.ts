// Paying with a saved card (its payment method id and CVC only), end to end: real PostgreSQL and a real sandbox
// process. Only the signed-in account's own, current card is charged; anything else is refused before a row is
// written or Cheqpay is called. A saved card behaves as the card it was saved from (3-D Secure included).
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Account } from "@/lib/accounts/current-account";
import { removeSavedCard, type SavedCard } from "@/lib/accounts/saved-cards";
import { completeChallenge, continueAuthentication, payWithCard } from "@/lib/checkout/payment-service";
import type { PaymentStep } from "@/lib/checkout/payment-step";
import { savedCards } from "@/lib/db/schema";
import { accountOf, makeAccount, savedCardRowsOf } from "../../support/account-fixtures";
import { clientFor, requestLog, useSandbox } from "../../support/cheqpay-sandbox";
import {
  APPROVED_CARD,
  attemptsOf,
  cartWith,
  checkoutForm,
  messages,
  ordersOfCart,
  paymentContextFor,
  TEST_CVC,
  useDatabase,
} from "../../support/checkout-fixtures";
import { answerChallenge, collectDeviceData } from "../../support/three-ds-walker";

const sandbox = useSandbox();
const db = useDatabase();
const context = (account: Account | null) => paymentContextFor(db, clientFor(sandbox()), { account });
const browser = checkoutForm().browser;

function expectKind<K extends PaymentStep["kind"]>(step: PaymentStep | null, kind: K): Extract<PaymentStep, { kind: K }> {
  expect(step?.kind, JSON.stringify(step)).toBe(kind);
  return step as Extract<PaymentStep, { kind: K }>;
}

/** Walks 3-D Secure from the device-data step, answering the challenge with the sandbox's code 1234. */
async function throughChallenge(account: Account, cartId: string, deviceData: Extract<PaymentStep, { kind: "device-data" }>) {
  const page = (step: { attemptId: string; url: string; jwt: string }) => ({ id: step.attemptId, url: step.url, jwt: step.jwt });
  const sessionId = await collectDeviceData(page(deviceData));
  const next = await continueAuthentication(context(account), cartId, { attemptId: deviceData.attemptId, sessionId, browser });
  const form = await answerChallenge(page(expectKind(next, "challenge")), { code: "1234" });
  return completeChallenge(context(account), { attemptId: deviceData.attemptId, transactionId: form.fields.TransactionId!, merchantData: form.fields.MD ?? null });
}

/** The account pays a cart with `card`, asking to save it; answers the account as it now stands and its card. */
async function saveCard(account: Account, cardNumber = APPROVED_CARD, cvc = TEST_CVC): Promise<{ account: Account; card: SavedCard }> {
  const { cartId } = await cartWith(db);
  let step = await payWithCard(context(account), cartId, checkoutForm({ cardNumber, cvc, saveCard: true }));
  if (step.kind === "device-data") step = (await throughChallenge(account, cartId, step))!;
  expect(step.kind).toBe("paid");
  const card = (await savedCardRowsOf(db, account.id)).find((c) => c.last4 === cardNumber.slice(-4));
  if (!card) throw new Error(`the ${cardNumber} card was not saved`);
  return { account: await accountOf(db, account.id), card };
}

/** The form of a saved card: its payment method id and CVC, no card number or expiry. */
const savedCardForm = (paymentMethodId: string, cvc = TEST_CVC) => checkoutForm({ paymentMethodId, cvc, cardNumber: "", expiry: "" });

type CreateBody = { customer: Record<string, unknown>; paymentMethod: Record<string, unknown> };
const createBodies = async () => (await requestLog(sandbox(), "createPaymentOrder")).map((e) => e.body as CreateBody);
const requestCount = async () => (await requestLog(sandbox())).length;

describe("a saved card with its CVC", () => {
  it("pays the order, sending only the payment method id and CVC for the account's customer", async () => {
    const { account, card } = await saveCard(await makeAccount(db));
    const { cartId } = await cartWith(db);

    const step = await payWithCard(context(account), cartId, savedCardForm(card.paymentMethodId));

    const [order] = await ordersOfCart(db, cartId);
    expect(step).toEqual({ kind: "paid", orderUrl: `/orders/${order!.publicToken}` });
    expect(order).toMatchObject({ status: "paid", userId: account.id });
    const body = (await createBodies()).at(-1)!;
    expect(body.paymentMethod).toEqual({ type: "payment_method_id", paymentMethodId: card.paymentMethodId, cvc: "***" });
    expect(body.customer).toMatchObject({ id: account.cheqpayCustomerId, externalId: account.id, email: account.email });
    expect(await attemptsOf(db, order!.id)).toEqual([
      expect.objectContaining({ status: "succeeded", savedPaymentMethodId: card.paymentMethodId, saveCard: false, cardBrand: "visa", cardLast4: "1111" }),
    ]);
    expect(await savedCardRowsOf(db, account.id)).toEqual([card]);
  });

  it("declined answers a decline of the saved card, with the hint to choose another card", async () => {
    const { account, card } = await saveCard(await makeAccount(db));
    const { cartId } = await cartWith(db, [[900051, 1]]); // the sandbox declines 9000.51 as insufficient funds

    const step = await payWithCard(context(account), cartId, savedCardForm(card.paymentMethodId));

    expect(step).toEqual({
      kind: "declined",
      code: "INSUFFICIENT_FUNDS",
      message: `${messages.decline("INSUFFICIENT_FUNDS")} ${messages.savedCardDeclinedHint}`,
      nextSubmissionKey: expect.any(String),
      savedCard: true,
    });
    const [order] = await ordersOfCart(db, cartId);
    expect(order!.status).toBe("pending");
    expect((await attemptsOf(db, order!.id)).map((a) => [a.status, a.declineCode, a.savedPaymentMethodId])).toEqual([
      ["failed", "INSUFFICIENT_FUNDS", card.paymentMethodId],
    ]);
  });

  it("of a 3-D Secure card goes through 3-D Secure again, then pays", async () => {
    const { account, card } = await saveCard(await makeAccount(db), "4000000000002503");
    expect(card).toMatchObject({ last4: "2503", isDefault: true });
    const { cartId } = await cartWith(db);

    const deviceData = expectKind(await payWithCard(context(account), cartId, savedCardForm(card.paymentMethodId)), "device-data");
    const step = await throughChallenge(account, cartId, deviceData);

    const [order] = await ordersOfCart(db, cartId);
    expect(step).toEqual({ kind: "paid", orderUrl: `/orders/${order!.publicToken}` });
    expect((await createBodies()).at(-1)!.paymentMethod).toMatchObject({ type: "payment_method_id", paymentMethodId: card.paymentMethodId });
    expect(await requestLog(sandbox(), "validatePayerAuthentication")).toHaveLength(2); // saving it, then paying with it
  });

  it("with a CVC of the wrong length for its brand is invalid and calls no one", async () => {
    const { account, card } = await saveCard(await makeAccount(db));
    const { card: amex } = await saveCard(account, "378282246310005", "7391");
    const before = await requestCount();
    const { cartId } = await cartWith(db);

    expect(await payWithCard(context(account), cartId, savedCardForm(card.paymentMethodId, "7391"))).toEqual({ kind: "invalid", fieldErrors: { cvc: "cvc" } });
    expect(await payWithCard(context(account), cartId, savedCardForm(amex.paymentMethodId, "739"))).toEqual({ kind: "invalid", fieldErrors: { cvc: "cvcAmex" } });
    expect(await ordersOfCart(db, cartId)).toEqual([]);
    expect(await requestCount()).toBe(before);
  });
});

describe("a saved card that is not the shopper's to use", () => {
  const unavailable = { kind: "problem", code: "saved-card-unavailable", message: messages.problem("saved-card-unavailable"), nextSubmissionKey: expect.any(String) };

  /** Pays a new cart with the saved card `paymentMethodId` as `account`: refused, with nothing written or sent. */
  async function expectRefused(account: Account | null, paymentMethodId: string) {
    const { cartId } = await cartWith(db);
    const before = await requestCount();
    expect(await payWithCard(context(account), cartId, savedCardForm(paymentMethodId))).toEqual(unavailable);
    expect(await ordersOfCart(db, cartId)).toEqual([]);
    expect(await requestCount()).toBe(before);
  }

  it("another account's card is refused, and nothing changes", async () => {
    const { account: ana, card: anasCard } = await saveCard(await makeAccount(db, { firstName: "Ana", lastName: "López" }));
    const { account: beto, card: betosCard } = await saveCard(await makeAccount(db, { firstName: "Beto", lastName: "Soto" }), "5555555555554444");
    const cardsBefore = [await savedCardRowsOf(db, ana.id), await savedCardRowsOf(db, beto.id)];

    await expectRefused(beto, anasCard.paymentMethodId);

    expect([await savedCardRowsOf(db, ana.id), await savedCardRowsOf(db, beto.id)]).toEqual(cardsBefore);
    expect(cardsBefore[1]).toEqual([betosCard]);
  });

  it("a guest sending a payment method id is refused", async () => {
    const { card } = await saveCard(await makeAccount(db));
    await expectRefused(null, card.paymentMethodId);
  });

  it("a payment method id no account saved is refused", async () => {
    const { account } = await saveCard(await makeAccount(db));
    await expectRefused(account, "pm_never_saved");
  });

  it("a removed card is refused", async () => {
    const { account, card } = await saveCard(await makeAccount(db));
    expect(await removeSavedCard(db, account.id, card.id)).toBe(true);
    await expectRefused(account, card.paymentMethodId);
  });

  it("an expired card is refused", async () => {
    const { account, card } = await saveCard(await makeAccount(db));
    const lastMonth = new Date(new Date().getFullYear(), new Date().getMonth() - 1, 1);
    await db
      .update(savedCards)
      .set({ expiryMonth: lastMonth.getMonth() + 1, expiryYear: lastMonth.getFullYear() })
      .where(eq(savedCards.id, card.id));
    await expectRefused(account, card.paymentMethodId);
  });

  it("a card saved for another Cheqpay customer than the account's is refused", async () => {
    const { account, card } = await saveCard(await makeAccount(db));
    await db.update(savedCards).set({ cheqpayCustomerId: "cus_someone_else" }).where(eq(savedCards.id, card.id));
    await expectRefused(account, card.paymentMethodId);
  });

  it("an account that has no Cheqpay customer yet is refused", async () => {
    const { card } = await saveCard(await makeAccount(db));
    await expectRefused(await makeAccount(db), card.paymentMethodId);
  });
});
