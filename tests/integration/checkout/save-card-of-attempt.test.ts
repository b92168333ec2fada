// Paying signed in: the account's Cheqpay customer pays (whatever was typed), and a card the shopper asked to
// save joins the account's saved cards once the payment succeeded. Real PostgreSQL, a real sandbox process.
import { describe, expect, it } from "vitest";
import type { Account } from "@/lib/accounts/current-account";
import { payWithCard } from "@/lib/checkout/payment-service";
import { accountOf, makeAccount, savedCardRowsOf } from "../../support/account-fixtures";
import { addFault, clientFor, requestLog, useSandbox, wireOrderOf } from "../../support/cheqpay-sandbox";
import { attemptsOf, cartWith, checkoutForm, messages, ordersOfCart, paymentContextFor, useDatabase } from "../../support/checkout-fixtures";

const sandbox = useSandbox();
const db = useDatabase();
const context = (account: Account | null) => paymentContextFor(db, clientFor(sandbox()), { account });
const expiryYear = new Date().getFullYear() + 3; // checkoutForm's expiry: 12/(this year + 3)

/** What a shopper typed that is not the account's: the account's name and email must win. */
const typedAsSomeoneElse = { email: "otra.persona@example.com", firstName: "Otra", lastName: "Persona" };

type CreateBody = {
  externalId: string;
  customer: Record<string, unknown>;
  paymentMethod: { type: string; persist?: boolean; paymentMethodId?: string; cvc?: string };
};
const createBodies = async () => (await requestLog(sandbox(), "createPaymentOrder")).map((e) => e.body as CreateBody);

/** Pays a new cart as `account` (null: a guest); answers the step, the order and its one attempt. */
async function pay(account: Account | null, form: Parameters<typeof checkoutForm>[0] = {}) {
  const { cartId } = await cartWith(db);
  const step = await payWithCard(context(account), cartId, checkoutForm(form));
  const [order, ...others] = await ordersOfCart(db, cartId);
  expect(others).toEqual([]);
  const [attempt] = await attemptsOf(db, order!.id);
  return { step, order: order!, attempt: attempt! };
}

describe("a signed-in shopper who asks to save the card", () => {
  it("pays as the account's Cheqpay customer with persist: true, even though another name and email were typed", async () => {
    const account = await makeAccount(db, { firstName: "Berta", lastName: "Ramírez" });
    const { step, order, attempt } = await pay(account, { ...typedAsSomeoneElse, saveCard: true });

    expect(step).toEqual({ kind: "paid", orderUrl: `/orders/${order.publicToken}` });
    const { cheqpayCustomerId } = await accountOf(db, account.id);
    const [body, ...more] = await createBodies();
    expect(more).toEqual([]);
    expect(body!.paymentMethod).toMatchObject({ type: "card", persist: true });
    expect(body!.customer).toEqual({ id: cheqpayCustomerId, externalId: account.id, firstName: "Berta", lastName: "Ramírez", email: account.email });
    expect(attempt).toMatchObject({ status: "succeeded", saveCard: true });
  });

  it("saves the card as the account's default: payment method id, brand, last4 and expiry", async () => {
    const account = await makeAccount(db);
    const { attempt } = await pay(account, { saveCard: true });

    const { cheqpayCustomerId } = await accountOf(db, account.id);
    const customer = await clientFor(sandbox()).getCustomer(cheqpayCustomerId!);
    expect(customer.paymentMethods).toHaveLength(1);
    expect(await savedCardRowsOf(db, account.id)).toEqual([
      expect.objectContaining({
        userId: account.id,
        cheqpayCustomerId,
        paymentMethodId: customer.paymentMethods[0]!.id,
        brand: "visa",
        last4: "1111",
        expiryMonth: 12,
        expiryYear,
        isDefault: true,
        removedAt: null,
      }),
    ]);
    expect(attempt.savedPaymentMethodId).toBe(customer.paymentMethods[0]!.id);
    expect((await wireOrderOf(sandbox(), attempt.externalId)).status).toBe("COMPLETED");
  });

  it("places the order on the account, with the account's email", async () => {
    const account = await makeAccount(db);
    const { order } = await pay(account, { ...typedAsSomeoneElse, saveCard: true });
    expect(order).toMatchObject({ userId: account.id, email: account.email, status: "paid" });
  });

  it("keeps one saved card when the same card is saved again", async () => {
    const account = await makeAccount(db);
    await pay(account, { saveCard: true });
    await pay(await accountOf(db, account.id), { saveCard: true });
    expect((await createBodies()).map((b) => b.paymentMethod.persist)).toEqual([true, true]);
    expect((await savedCardRowsOf(db, account.id)).map((c) => [c.last4, c.isDefault])).toEqual([["1111", true]]);
  });

  it("saves nothing when the card is declined", async () => {
    const account = await makeAccount(db);
    const { step, attempt } = await pay(account, { cardNumber: "4000000000000002", saveCard: true });
    expect(step).toMatchObject({ kind: "declined", code: "DECLINED" });
    expect(step).not.toHaveProperty("savedCard");
    expect(attempt).toMatchObject({ status: "failed", saveCard: true });
    expect(await savedCardRowsOf(db, account.id)).toEqual([]);
  });
});

describe("a signed-in shopper who does not ask to save the card", () => {
  it("pays as the account's customer with persist: false and saves nothing", async () => {
    const account = await makeAccount(db);
    const { step, attempt } = await pay(account);
    expect(step.kind).toBe("paid");
    const [body] = await createBodies();
    expect(body!.paymentMethod).toMatchObject({ type: "card", persist: false });
    expect(body!.customer).toMatchObject({ externalId: account.id, email: account.email });
    expect(attempt.saveCard).toBe(false);
    expect(await savedCardRowsOf(db, account.id)).toEqual([]);
  });
});

describe("when Cheqpay cannot make the account's customer", () => {
  it("answers processor-unavailable, charges nothing, and the next try pays", async () => {
    const account = await makeAccount(db);
    const { cartId } = await cartWith(db);
    await addFault(sandbox(), { match: { operation: "upsertCustomer" }, times: 3, action: { type: "error", status: 503 } });

    const step = await payWithCard(context(account), cartId, checkoutForm({ saveCard: true }));
    expect(step).toEqual({ kind: "problem", code: "processor-unavailable", message: messages.decline("GENERIC"), nextSubmissionKey: expect.any(String) });
    // The payer is made before anything is written: no order, no attempt, no create.
    expect(await ordersOfCart(db, cartId)).toEqual([]);
    expect(await createBodies()).toEqual([]);
    expect((await accountOf(db, account.id)).cheqpayCustomerId).toBeNull();

    const retry = await payWithCard(context(account), cartId, checkoutForm({ saveCard: true, submissionKey: step.kind === "problem" ? step.nextSubmissionKey : "" }));
    const [order, ...others] = await ordersOfCart(db, cartId);
    expect(others).toEqual([]);
    expect(retry).toEqual({ kind: "paid", orderUrl: `/orders/${order!.publicToken}` });
    expect(await attemptsOf(db, order!.id)).toHaveLength(1);
    expect(await savedCardRowsOf(db, account.id)).toHaveLength(1);
  });
});

describe("an account without a name yet", () => {
  it("takes the name typed at its first checkout, which later checkouts do not change", async () => {
    const account = await makeAccount(db, { firstName: null, lastName: null });
    await pay(account, { firstName: "Carla", lastName: "Díaz" });
    expect(await accountOf(db, account.id)).toMatchObject({ firstName: "Carla", lastName: "Díaz" });

    await pay(await accountOf(db, account.id), { firstName: "Otra", lastName: "Persona" });
    const customers = (await createBodies()).map((b) => [b.customer.firstName, b.customer.lastName]);
    expect(customers).toEqual([
      ["Carla", "Díaz"],
      ["Carla", "Díaz"],
    ]);
    expect(await accountOf(db, account.id)).toMatchObject({ firstName: "Carla", lastName: "Díaz" });
  });
});

describe("a guest", () => {
  it("pays as the typed contact with persist: false even when saveCard is sent, and the order has no account", async () => {
    const { step, order, attempt } = await pay(null, { ...typedAsSomeoneElse, saveCard: true });
    expect(step.kind).toBe("paid");
    const [body] = await createBodies();
    expect(body!.paymentMethod).toMatchObject({ type: "card", persist: false });
    expect(body!.customer).toEqual({ firstName: "Otra", lastName: "Persona", email: "otra.persona@example.com", phoneNumber: "+52 55 1234 5678" });
    expect(attempt.saveCard).toBe(false);
    expect(order.userId).toBeNull();
    expect(await requestLog(sandbox(), "upsertCustomer")).toEqual([]);
  });
});
