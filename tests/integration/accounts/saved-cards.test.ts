// An account's saved cards against real PostgreSQL: every change names the account, so another account's user
// id changes nothing; the default moves when it is removed; saving the same method again keeps one row.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Account } from "@/lib/accounts/current-account";
import { listSavedCards, makeDefaultSavedCard, ownSavedCard, removeSavedCard, storeSavedCard } from "@/lib/accounts/saved-cards";
import type { CardSummary } from "@/lib/cheqpay";
import { savedCards } from "@/lib/db/schema";
import { makeAccount, savedCardRowsOf } from "../../support/account-fixtures";
import { useDatabase } from "../../support/checkout-fixtures";

const db = useDatabase();

const visa: CardSummary = { brand: "visa", last4: "1111", expiryMonth: 12, expiryYear: 2030 };
const mastercard: CardSummary = { brand: "mastercard", last4: "4444", expiryMonth: 3, expiryYear: 2031 };

/** Stores a card Cheqpay saved for the account under a new payment method id; answers that id. */
async function store(account: Account, card: CardSummary = visa, paymentMethodId = `pm_${randomUUID()}`) {
  await storeSavedCard(db, { userId: account.id, cheqpayCustomerId: `cus_${account.id}`, paymentMethodId, card });
  return paymentMethodId;
}

const cardOf = async (account: Account, paymentMethodId: string) => {
  const card = await ownSavedCard(db, account.id, paymentMethodId);
  if (!card) throw new Error(`no card ${paymentMethodId}`);
  return card;
};
/** The account's offered cards as [last4, default], as the checkout lists them. */
const offered = async (account: Account) => (await listSavedCards(db, account.id)).map((c) => [c.last4, c.isDefault]);

describe("storeSavedCard", () => {
  it("stores the payment method id, brand, last4 and expiry; the account's first card is its default", async () => {
    const account = await makeAccount(db);
    const paymentMethodId = await store(account, visa);
    expect(await savedCardRowsOf(db, account.id)).toEqual([
      expect.objectContaining({
        userId: account.id,
        cheqpayCustomerId: `cus_${account.id}`,
        paymentMethodId,
        brand: "visa",
        last4: "1111",
        expiryMonth: 12,
        expiryYear: 2030,
        isDefault: true,
        removedAt: null,
      }),
    ]);
  });

  it("keeps the first card the default when another is saved", async () => {
    const account = await makeAccount(db);
    await store(account, visa);
    await store(account, mastercard);
    expect(await offered(account)).toEqual([
      ["1111", true],
      ["4444", false],
    ]);
  });

  it("keeps one row when the same payment method is stored twice", async () => {
    const account = await makeAccount(db);
    const paymentMethodId = await store(account, visa);
    await store(account, { ...visa, expiryYear: 2032 }, paymentMethodId);
    const rows = await savedCardRowsOf(db, account.id);
    expect(rows.map((r) => [r.paymentMethodId, r.expiryYear, r.isDefault])).toEqual([[paymentMethodId, 2032, true]]);
  });

  it("offers a removed card again when it is saved again, as one row", async () => {
    const account = await makeAccount(db);
    await store(account, mastercard);
    const paymentMethodId = await store(account, visa);
    expect(await removeSavedCard(db, account.id, (await cardOf(account, paymentMethodId)).id)).toBe(true);
    expect(await ownSavedCard(db, account.id, paymentMethodId)).toBeNull();

    await store(account, visa, paymentMethodId);
    expect(await ownSavedCard(db, account.id, paymentMethodId)).toMatchObject({ last4: "1111", removedAt: null });
    expect(await savedCardRowsOf(db, account.id)).toHaveLength(2);
  });

  it("makes a card saved again the default when the account has no other card", async () => {
    const account = await makeAccount(db);
    const paymentMethodId = await store(account, visa);
    await removeSavedCard(db, account.id, (await cardOf(account, paymentMethodId)).id);

    await store(account, visa, paymentMethodId);
    expect(await offered(account)).toEqual([["1111", true]]);
  });

  it("never moves another account's payment method to this account", async () => {
    const owner = await makeAccount(db);
    const other = await makeAccount(db);
    const paymentMethodId = await store(owner, visa);
    await store(other, mastercard, paymentMethodId);
    expect(await ownSavedCard(db, other.id, paymentMethodId)).toBeNull();
    expect(await cardOf(owner, paymentMethodId)).toMatchObject({ userId: owner.id, last4: "1111" });
  });

  it("ends with exactly one default when three first cards are saved at the same time", async () => {
    const account = await makeAccount(db);
    await Promise.all([store(account, visa), store(account, mastercard), store(account, { ...visa, last4: "0005" })]);
    const rows = await savedCardRowsOf(db, account.id);
    expect(rows).toHaveLength(3);
    expect(rows.filter((r) => r.isDefault)).toHaveLength(1);
  });

  it("stores nothing for a card without an expiry or with a last4 that is not four digits", async () => {
    const account = await makeAccount(db);
    await store(account, { ...visa, expiryMonth: null });
    await store(account, { ...visa, last4: "11" });
    expect(await savedCardRowsOf(db, account.id)).toEqual([]);
  });
});

describe("listSavedCards", () => {
  it("lists the account's own cards not removed, the default first, then the newest", async () => {
    const account = await makeAccount(db);
    const other = await makeAccount(db);
    await store(account, visa);
    const removed = await store(account, { ...visa, last4: "0002" });
    await store(account, mastercard);
    await store(other, { ...visa, last4: "9999" });
    await removeSavedCard(db, account.id, (await cardOf(account, removed)).id);

    expect(await offered(account)).toEqual([
      ["1111", true],
      ["4444", false],
    ]);
  });
});

describe("removeSavedCard", () => {
  it("answers false for another account's user id and changes nothing", async () => {
    const owner = await makeAccount(db);
    const intruder = await makeAccount(db);
    const card = await cardOf(owner, await store(owner, visa));
    expect(await removeSavedCard(db, intruder.id, card.id)).toBe(false);
    expect(await savedCardRowsOf(db, owner.id)).toEqual([card]);
  });

  it("answers false for a card already removed or that does not exist", async () => {
    const account = await makeAccount(db);
    const card = await cardOf(account, await store(account, visa));
    expect(await removeSavedCard(db, account.id, card.id)).toBe(true);
    expect(await removeSavedCard(db, account.id, card.id)).toBe(false);
    expect(await removeSavedCard(db, account.id, randomUUID())).toBe(false);
  });

  it("removing the default makes the newest other card the default", async () => {
    const account = await makeAccount(db);
    const first = await store(account, visa);
    await store(account, { ...visa, last4: "0002" });
    await store(account, mastercard);

    expect(await removeSavedCard(db, account.id, (await cardOf(account, first)).id)).toBe(true);
    expect(await offered(account)).toEqual([
      ["4444", true],
      ["0002", false],
    ]);
    const [removed] = await db.select().from(savedCards).where(eq(savedCards.paymentMethodId, first));
    expect(removed).toMatchObject({ isDefault: false, removedAt: expect.any(Date) });
  });

  it("removing another card leaves the default where it was", async () => {
    const account = await makeAccount(db);
    await store(account, visa);
    const second = await store(account, mastercard);
    await removeSavedCard(db, account.id, (await cardOf(account, second)).id);
    expect(await offered(account)).toEqual([["1111", true]]);
  });
});

describe("makeDefaultSavedCard", () => {
  it("makes the account's card its only default", async () => {
    const account = await makeAccount(db);
    await store(account, visa);
    const second = await store(account, mastercard);
    expect(await makeDefaultSavedCard(db, account.id, (await cardOf(account, second)).id)).toBe(true);
    expect(await offered(account)).toEqual([
      ["4444", true],
      ["1111", false],
    ]);
  });

  it("answers false for another account's user id and changes nothing", async () => {
    const owner = await makeAccount(db);
    const intruder = await makeAccount(db);
    await store(intruder, visa);
    await store(owner, visa);
    const second = await cardOf(owner, await store(owner, mastercard));
    const before = [await savedCardRowsOf(db, owner.id), await savedCardRowsOf(db, intruder.id)];

    expect(await makeDefaultSavedCard(db, intruder.id, second.id)).toBe(false);
    expect([await savedCardRowsOf(db, owner.id), await savedCardRowsOf(db, intruder.id)]).toEqual(before);
  });

  it("answers false for a removed card and leaves the default where it was", async () => {
    const account = await makeAccount(db);
    await store(account, visa);
    const second = await cardOf(account, await store(account, mastercard));
    await removeSavedCard(db, account.id, second.id);
    expect(await makeDefaultSavedCard(db, account.id, second.id)).toBe(false);
    expect(await offered(account)).toEqual([["1111", true]]);
  });
});
