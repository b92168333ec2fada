// Accounts for the integration tests: users inserted directly (as Auth.js's adapter would), read back as the
// app reads the signed-in account, and the rows their payments leave behind.
import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { Account } from "@/lib/accounts/current-account";
import type { Database } from "@/lib/db/client";
import { savedCards, users } from "@/lib/db/schema";

export type AccountName = { firstName: string | null; lastName: string | null };

/** A new account with a unique email, named Berta Ramírez unless told otherwise (null: no name yet). */
export async function makeAccount(db: Database, name: Partial<AccountName> = {}): Promise<Account> {
  const id = randomUUID();
  await db.insert(users).values({
    id,
    email: `berta.${id.slice(0, 8)}@example.com`,
    firstName: name.firstName === undefined ? "Berta" : name.firstName,
    lastName: name.lastName === undefined ? "Ramírez" : name.lastName,
  });
  return accountOf(db, id);
}

/**
 * The account as the app reads it for a request (the columns `loadAccount` selects). `loadAccount` itself lives
 * beside Auth.js, which cannot be imported outside Next.
 */
export async function accountOf(db: Database, userId: string): Promise<Account> {
  const [row] = await db
    .select({ id: users.id, email: users.email, firstName: users.firstName, lastName: users.lastName, cheqpayCustomerId: users.cheqpayCustomerId })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) throw new Error(`no user ${userId}`);
  return row;
}

/** Every saved card row of the account, removed ones included, oldest first. */
export const savedCardRowsOf = (db: Database, userId: string) =>
  db.select().from(savedCards).where(eq(savedCards.userId, userId)).orderBy(asc(savedCards.createdAt), asc(savedCards.id));
