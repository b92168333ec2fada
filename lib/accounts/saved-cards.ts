// An account's saved cards. Every query names the account: a card id or payment method id from the browser
// finds nothing unless it is the signed-in account's own card.
import { and, desc, eq, isNull, ne, sql } from "drizzle-orm";
import type { CardSummary } from "@/lib/cheqpay";
import type { Database } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { savedCards } from "@/lib/db/schema";

export type SavedCard = typeof savedCards.$inferSelect;

/** A card is expired after the last day of its expiry month. */
export function isCardExpired(card: Pick<SavedCard, "expiryMonth" | "expiryYear">, now = new Date()): boolean {
  // UTC, as Cheqpay decides it: the server's own time zone must not make a card usable a few hours longer.
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  return card.expiryYear < year || (card.expiryYear === year && card.expiryMonth < month);
}

/** The account's cards still offered, the default first, then newest first. */
export async function listSavedCards(db: Database, userId: string): Promise<SavedCard[]> {
  return db
    .select()
    .from(savedCards)
    .where(and(eq(savedCards.userId, userId), isNull(savedCards.removedAt)))
    .orderBy(desc(savedCards.isDefault), desc(savedCards.createdAt), desc(savedCards.id));
}

/** The account's own, not removed card with this Cheqpay payment method id; null for anyone else's. */
export async function ownSavedCard(db: Database, userId: string, paymentMethodId: string): Promise<SavedCard | null> {
  const [card] = await db
    .select()
    .from(savedCards)
    .where(and(eq(savedCards.userId, userId), eq(savedCards.paymentMethodId, paymentMethodId), isNull(savedCards.removedAt)));
  return card ?? null;
}

/** Removes the account's card at once. When it was the default, the newest other card becomes the default. */
export async function removeSavedCard(db: Database, userId: string, cardId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .update(savedCards)
      .set({ removedAt: sql`now()`, isDefault: false })
      .where(and(eq(savedCards.id, cardId), eq(savedCards.userId, userId), isNull(savedCards.removedAt)))
      .returning();
    if (!removed) return false;
    const [hasDefault] = await tx
      .select({ id: savedCards.id })
      .from(savedCards)
      .where(and(eq(savedCards.userId, userId), eq(savedCards.isDefault, true), isNull(savedCards.removedAt)));
    if (!hasDefault) {
      const [next] = await tx
        .select({ id: savedCards.id })
        .from(savedCards)
        .where(and(eq(savedCards.userId, userId), isNull(savedCards.removedAt), ne(savedCards.id, cardId)))
        .orderBy(desc(savedCards.createdAt), desc(savedCards.id))
        .limit(1);
      if (next) await tx.update(savedCards).set({ isDefault: true }).where(eq(savedCards.id, next.id));
    }
    return true;
  });
}

/** Makes the account's card its default (the one preselected at checkout). */
export async function makeDefaultSavedCard(db: Database, userId: string, cardId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: savedCards.id })
      .from(savedCards)
      .where(and(eq(savedCards.id, cardId), eq(savedCards.userId, userId), isNull(savedCards.removedAt)))
      .for("update");
    if (!target) return false;
    await tx
      .update(savedCards)
      .set({ isDefault: false })
      .where(and(eq(savedCards.userId, userId), eq(savedCards.isDefault, true)));
    await tx.update(savedCards).set({ isDefault: true }).where(eq(savedCards.id, cardId));
    return true;
  });
}

/**
 * Stores a card Cheqpay saved (`persist: true`) for the account: the payment method id, brand, last4 and
 * expiry, nothing else. Saving the same method again (a repeated answer, the card saved twice) keeps one row and
 * offers it again if it had been removed. The account's first card becomes its default.
 */
export async function storeSavedCard(
  db: Database,
  input: { userId: string; cheqpayCustomerId: string; paymentMethodId: string; card: CardSummary },
): Promise<void> {
  const { card } = input;
  if (card.expiryMonth === null || card.expiryYear === null || !/^\d{4}$/.test(card.last4)) return;
  const values = {
    userId: input.userId,
    cheqpayCustomerId: input.cheqpayCustomerId,
    paymentMethodId: input.paymentMethodId,
    brand: card.brand,
    last4: card.last4,
    expiryMonth: card.expiryMonth,
    expiryYear: card.expiryYear,
  };
  const upsert = (isDefault: boolean) =>
    db
      .insert(savedCards)
      .values({ ...values, isDefault })
      .onConflictDoUpdate({
        target: savedCards.paymentMethodId,
        // Saved again after being removed: offered again, and the default when the account has none.
        set: {
          removedAt: null,
          expiryMonth: values.expiryMonth,
          expiryYear: values.expiryYear,
          isDefault: sql`case when ${savedCards.removedAt} is null then ${savedCards.isDefault} else excluded.is_default end`,
        },
        // A payment method id belongs to one account: never move it to another.
        setWhere: eq(savedCards.userId, input.userId),
      });
  const [current] = await db
    .select({ id: savedCards.id })
    .from(savedCards)
    .where(and(eq(savedCards.userId, input.userId), eq(savedCards.isDefault, true), isNull(savedCards.removedAt)));
  try {
    await upsert(!current);
  } catch (error) {
    // Another card of the account became its default at the same moment: this one is saved without it.
    if (!isUniqueViolation(error, "saved_cards_one_default_per_user")) throw error;
    await upsert(false);
  }
}

