// Who Cheqpay is told pays: a guest is the order's contact; a signed-in shopper is always their account's
// Cheqpay customer with the name and email stored on the account (consistent customer data), whatever was
// typed this time. An account without a name yet takes the one typed at its first checkout.
import type { Account } from "@/lib/accounts/current-account";
import { accountWithName } from "@/lib/accounts/account-profile";
import { customerDataOf, ensureCheqpayCustomer } from "@/lib/accounts/cheqpay-customer";
import type { CheqpayClient, CustomerInput } from "@/lib/cheqpay";
import type { Database } from "@/lib/db/client";
import type { OrderRow } from "./checkout-order";

/** The order's contact, as written or about to be (checkout-order.ts `contactOf`). */
type OrderContact = Pick<OrderRow, "firstName" | "lastName" | "email" | "phone">;

export async function payerOf(db: Database, cheqpay: CheqpayClient, order: OrderContact, account: Account | null): Promise<CustomerInput> {
  if (!account) {
    return { firstName: order.firstName, lastName: order.lastName, email: order.email, phone: order.phone ?? undefined };
  }
  const named = await accountWithName(db, account, { firstName: order.firstName, lastName: order.lastName });
  const customerId = await ensureCheqpayCustomer(db, cheqpay, named);
  return customerDataOf(named, customerId);
}
