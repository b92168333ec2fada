// Who is staff: a signed-in account whose email is in ADMIN_EMAILS, or the merchant's systems presenting
// ADMIN_API_TOKEN. Checked on the server by every /admin page, action and API route; anyone else gets 404.
import { bearerTokenMatches } from "@/lib/http/bearer-token";
import type { Account } from "@/lib/accounts/current-account";
import type { AdminConfig } from "@/lib/config";

export function isStaff(account: Pick<Account, "email"> | null, admin: Pick<AdminConfig, "emails">): boolean {
  return account !== null && admin.emails.includes(account.email.toLowerCase());
}

/** `Authorization: Bearer <token>` against ADMIN_API_TOKEN, in constant time. Always false when no token is set. */
export function hasAdminToken(authorization: string | null, admin: Pick<AdminConfig, "apiToken">): boolean {
  return bearerTokenMatches(authorization, admin.apiToken);
}
