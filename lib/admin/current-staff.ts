// The signed-in staff member for /admin pages and actions, or a 404 for everyone else (the back office does
// not reveal that it exists).
import { notFound } from "next/navigation";
import { type Account, currentAccount } from "@/lib/accounts/current-account";
import { getConfig } from "@/lib/config";
import { isStaff } from "./staff";

export async function requireStaff(): Promise<Account> {
  const account = await currentAccount();
  if (!account || !isStaff(account, getConfig().admin)) notFound();
  return account;
}
