// The account's name: what Cheqpay's customer is called. Set by the first checkout (when the account has no
// name yet) or on /account; a later checkout with another name typed does not change it.
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import type { Account } from "./current-account";

export type NamedAccount = Account & { firstName: string; lastName: string };

/** The account with its stored name, or — only when it has none — with `typed` stored as its name. */
export async function accountWithName(db: Database, account: Account, typed: { firstName: string; lastName: string }): Promise<NamedAccount> {
  if (account.firstName) return { ...account, firstName: account.firstName, lastName: account.lastName ?? "" };
  const [named] = await db
    .update(users)
    .set({ firstName: typed.firstName, lastName: typed.lastName, name: `${typed.firstName} ${typed.lastName}`.trim() })
    .where(and(eq(users.id, account.id), isNull(users.firstName)))
    .returning({ firstName: users.firstName, lastName: users.lastName });
  if (named?.firstName) return { ...account, firstName: named.firstName, lastName: named.lastName ?? "" };
  // A racing request named it first: use that name.
  const [row] = await db.select({ firstName: users.firstName, lastName: users.lastName }).from(users).where(eq(users.id, account.id));
  return { ...account, firstName: row?.firstName ?? typed.firstName, lastName: row?.lastName ?? typed.lastName };
}

export async function updateAccountName(db: Database, userId: string, name: { firstName: string; lastName: string }): Promise<void> {
  await db
    .update(users)
    .set({ firstName: name.firstName, lastName: name.lastName, name: `${name.firstName} ${name.lastName}`.trim() })
    .where(eq(users.id, userId));
}
