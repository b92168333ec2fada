// Each account is one Cheqpay customer (externalId = our user id): made once, even by racing first payments,
// and kept up to date with the account's name. Real PostgreSQL and a real sandbox process.
import { describe, expect, it } from "vitest";
import { updateAccountName } from "@/lib/accounts/account-profile";
import { customerDataOf, ensureCheqpayCustomer } from "@/lib/accounts/cheqpay-customer";
import type { Account } from "@/lib/accounts/current-account";
import { accountOf, makeAccount } from "../../support/account-fixtures";
import { clientFor, requestLog, useSandbox } from "../../support/cheqpay-sandbox";
import { useDatabase } from "../../support/checkout-fixtures";

const sandbox = useSandbox();
const db = useDatabase();
const cheqpay = () => clientFor(sandbox());

type Named = Account & { firstName: string; lastName: string };
const named = (account: Account) => account as Named;
const upserts = async () => (await requestLog(sandbox(), "upsertCustomer")).length;
const customersOf = async (account: Account) => (await cheqpay().listCustomers({ externalId: account.id })).data;

describe("ensureCheqpayCustomer", () => {
  it("makes one customer whose externalId is the user id, with the account's name and email, and stores its id", async () => {
    const account = await makeAccount(db, { firstName: "Berta", lastName: "Ramírez" });
    const customerId = await ensureCheqpayCustomer(db, cheqpay(), named(account));

    expect(await customersOf(account)).toEqual([
      expect.objectContaining({ id: customerId, externalId: account.id, firstName: "Berta", lastName: "Ramírez", email: account.email }),
    ]);
    expect((await accountOf(db, account.id)).cheqpayCustomerId).toBe(customerId);
  });

  it("answers the stored customer afterwards without making another, reading it from Cheqpay each time", async () => {
    const first = await makeAccount(db);
    const customerId = await ensureCheqpayCustomer(db, cheqpay(), named(first));
    const account = named(await accountOf(db, first.id));

    expect(await ensureCheqpayCustomer(db, cheqpay(), account)).toBe(customerId);
    expect(await ensureCheqpayCustomer(db, cheqpay(), account)).toBe(customerId);
    expect(await upserts()).toBe(1);
    // No copy kept in the process: another app instance may change the customer between two payments.
    expect(await requestLog(sandbox(), "getCustomer")).toHaveLength(2);
    expect(await customersOf(account)).toHaveLength(1);
  });

  it("puts the account's name back when another app instance changed Cheqpay's customer in between", async () => {
    const first = named(await makeAccount(db, { firstName: "Berta", lastName: "Ramírez" }));
    const customerId = await ensureCheqpayCustomer(db, cheqpay(), first);
    const account = named(await accountOf(db, first.id));
    expect(await ensureCheqpayCustomer(db, cheqpay(), account)).toBe(customerId);
    // Another instance paid for the account while it was briefly renamed (and the name was changed back since).
    await cheqpay().upsertCustomer({ externalId: account.id, firstName: "Roberta", lastName: "Soto", email: account.email });

    expect(await ensureCheqpayCustomer(db, cheqpay(), account)).toBe(customerId);
    expect(await cheqpay().getCustomer(customerId)).toMatchObject({ firstName: "Berta", lastName: "Ramírez" });
  });

  it("ends with exactly one customer when five first payments race each other", async () => {
    const account = named(await makeAccount(db));
    const ids = await Promise.all(Array.from({ length: 5 }, () => ensureCheqpayCustomer(db, cheqpay(), account)));

    const customers = await customersOf(account);
    expect(customers).toHaveLength(1);
    expect(new Set(ids)).toEqual(new Set([customers[0]!.id]));
    expect((await accountOf(db, account.id)).cheqpayCustomerId).toBe(customers[0]!.id);
  });

  it("pushes a changed account name to Cheqpay on the next call, on the same customer", async () => {
    const first = await makeAccount(db, { firstName: "Berta", lastName: "Ramírez" });
    const customerId = await ensureCheqpayCustomer(db, cheqpay(), named(first));
    expect(await ensureCheqpayCustomer(db, cheqpay(), named(await accountOf(db, first.id)))).toBe(customerId);

    await updateAccountName(db, first.id, { firstName: "Roberta", lastName: "Ramírez Soto" });
    const renamed = named(await accountOf(db, first.id));
    expect(await ensureCheqpayCustomer(db, cheqpay(), renamed)).toBe(customerId);

    expect(await cheqpay().getCustomer(customerId)).toMatchObject({ externalId: first.id, firstName: "Roberta", lastName: "Ramírez Soto" });
    expect(await customersOf(renamed)).toHaveLength(1);
    expect(await upserts()).toBe(2);
  });

  it("makes the customer again when Cheqpay no longer knows it (a restarted sandbox), and the account remembers the new one", async () => {
    const first = await makeAccount(db);
    const lost = await ensureCheqpayCustomer(db, cheqpay(), named(first));
    await sandbox().reset();

    const again = await ensureCheqpayCustomer(db, cheqpay(), named(await accountOf(db, first.id)));

    expect(again).not.toBe(lost);
    expect(await customersOf(first)).toEqual([expect.objectContaining({ id: again, externalId: first.id })]);
    expect((await accountOf(db, first.id)).cheqpayCustomerId).toBe(again);
  });
});

describe("customerDataOf", () => {
  it("names the customer by Cheqpay's id and our user id, with the account's name and email", async () => {
    const account = named(await makeAccount(db, { firstName: "Berta", lastName: "Ramírez" }));
    expect(customerDataOf(account, "cus_1")).toEqual({
      id: "cus_1",
      externalId: account.id,
      firstName: "Berta",
      lastName: "Ramírez",
      email: account.email,
    });
  });
});
