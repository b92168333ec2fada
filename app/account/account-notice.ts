// The notice /account shows after a card action: `?notice=removed&card=<id>` names the account's own card
// (looked up with the account, so another account's id shows nothing).
import { and, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { savedCards } from "@/lib/db/schema";
import { isUuid } from "@/lib/cart/cart-ids";

type Notice = { tone: "success" | "error"; text: string };
type Words = (key: "cards.removed" | "cards.madeDefault" | "cards.notFound", card?: { brand: string; last4: string }) => string;

export async function noticeFor(
  db: Database,
  userId: string,
  query: Record<string, string | string[] | undefined>,
  words: Words,
): Promise<Notice | null> {
  if (query.notice === "not-found") return { tone: "error", text: words("cards.notFound") };
  if (query.notice !== "removed" && query.notice !== "made-default") return null;
  const cardId = typeof query.card === "string" && isUuid(query.card) ? query.card : null;
  if (!cardId) return null;
  const [card] = await db
    .select({ brand: savedCards.brand, last4: savedCards.last4 })
    .from(savedCards)
    .where(and(eq(savedCards.id, cardId), eq(savedCards.userId, userId)));
  if (!card) return null;
  return { tone: "success", text: words(query.notice === "removed" ? "cards.removed" : "cards.madeDefault", card) };
}
