// The account's name (what its Cheqpay customer is called), against real PostgreSQL.
import { describe, expect, it } from "vitest";
import { accountWithName, updateAccountName } from "@/lib/accounts/account-profile";
import { accountOf, makeAccount } from "../../support/account-fixtures";
import { useDatabase } from "../../support/checkout-fixtures";

const db = useDatabase();
const typed = { firstName: "Ana", lastName: "López" };

describe("accountWithName", () => {
  it("keeps the stored name of a named account, whatever was typed", async () => {
    const account = await makeAccount(db, { firstName: "Berta", lastName: "Ramírez" });
    expect(await accountWithName(db, account, typed)).toMatchObject({ id: account.id, firstName: "Berta", lastName: "Ramírez" });
    expect(await accountOf(db, account.id)).toMatchObject({ firstName: "Berta", lastName: "Ramírez" });
  });

  it("stores the typed name on an account without one", async () => {
    const account = await makeAccount(db, { firstName: null, lastName: null });
    expect(await accountWithName(db, account, typed)).toMatchObject({ id: account.id, firstName: "Ana", lastName: "López" });
    expect(await accountOf(db, account.id)).toMatchObject({ firstName: "Ana", lastName: "López" });
  });

  it("gives two racing first checkouts the same name: the one stored first", async () => {
    const account = await makeAccount(db, { firstName: null, lastName: null });
    const names = await Promise.all([
      accountWithName(db, account, typed),
      accountWithName(db, account, { firstName: "Anita", lastName: "Pérez" }),
    ]);
    const stored = await accountOf(db, account.id);
    expect(names.map((n) => [n.firstName, n.lastName])).toEqual([
      [stored.firstName, stored.lastName],
      [stored.firstName, stored.lastName],
    ]);
  });
});

describe("updateAccountName", () => {
  it("changes the name of that account only", async () => {
    const account = await makeAccount(db, { firstName: "Berta", lastName: "Ramírez" });
    const other = await makeAccount(db, { firstName: "Carla", lastName: "Díaz" });
    await updateAccountName(db, account.id, { firstName: "Roberta", lastName: "Soto" });
    expect(await accountOf(db, account.id)).toMatchObject({ firstName: "Roberta", lastName: "Soto" });
    expect(await accountOf(db, other.id)).toMatchObject({ firstName: "Carla", lastName: "Díaz" });
  });
});
