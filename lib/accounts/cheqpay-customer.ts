// Each account is one Cheqpay customer whose externalId is our user id. It is created (or updated) through
// Cheqpay's create-or-update, which never duplicates a customer for one externalId, so two first payments racing
// each other end with one customer. Every payment of the account sends the name and email stored on the
// account. What Cheqpay holds is read on every payment of the account, never from a copy in this process: another
// app instance (or Cheqpay) may have changed the customer since, and a stale copy would skip the update.
import { and, eq, isNull } from "drizzle-orm";
import type { CheqpayClient, Customer, CustomerInput } from "@/lib/cheqpay";
import type { Database } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import type { Account } from "./current-account";

/** The customer data every payment of this account sends. */
export function customerDataOf(account: Account & { firstName: string; lastName: string }, customerId: string): CustomerInput {
  return { id: customerId, externalId: account.id, firstName: account.firstName, lastName: account.lastName, email: account.email };
}

/**
 * The account's Cheqpay customer id, creating the customer on first use and updating it when the account's name
 * or email no longer match what Cheqpay holds. The account must have a name.
 */
export async function ensureCheqpayCustomer(
  db: Database,
  cheqpay: CheqpayClient,
  account: Account & { firstName: string; lastName: string },
): Promise<string> {
  if (account.cheqpayCustomerId) {
    const held = await cheqpay.getCustomer(account.cheqpayCustomerId).catch(() => null);
    if (held && matches(held, account)) return account.cheqpayCustomerId;
  }
  const customer = await cheqpay.upsertCustomer({
    externalId: account.id,
    firstName: account.firstName,
    lastName: account.lastName,
    email: account.email,
  });
  if (customer.id !== account.cheqpayCustomerId) {
    // Compared with the id this request read: a racing request got the same customer (same externalId), and a
    // customer Cheqpay no longer knows is replaced by the one it just made.
    const stillRead = account.cheqpayCustomerId ? eq(users.cheqpayCustomerId, account.cheqpayCustomerId) : isNull(users.cheqpayCustomerId);
    await db.update(users).set({ cheqpayCustomerId: customer.id }).where(and(eq(users.id, account.id), stillRead));
  }
  return customer.id;
}

function matches(customer: Customer, account: Account & { firstName: string; lastName: string }): boolean {
  return (
    customer.externalId === account.id &&
    customer.firstName === account.firstName &&
    (customer.lastName ?? "") === account.lastName &&
    (customer.email ?? "").toLowerCase() === account.email.toLowerCase()
  );
}
