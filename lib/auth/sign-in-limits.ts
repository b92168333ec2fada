// How many sign-in links may be emailed: at most so many per address and per client IP within a window, counted
// in PostgreSQL (every instance sees the same totals). Every request is stored, refused ones too, under advisory
// locks on the email and the IP, so concurrent requests are counted one after the other. Past a limit no link
// is made and no email is sent; the refusal is logged and counted.
import { sql } from "drizzle-orm";
import type { SignInLimits } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { signInLinkRequests } from "@/lib/db/schema";
import { decideLimits, type LimitVerdict, minutesToWait } from "@/lib/limits/sliding-window";
import { advisoryLock, countedColumns, DATABASE_NOW_MS, limitCountOf, windowInterval } from "@/lib/limits/window-count-sql";
import { recordEvent } from "@/lib/observability/events";

export type SignInLimitName = "links-per-email" | "links-per-ip";

export type SignInLimitVerdict = LimitVerdict<SignInLimitName>;

/** The /signin error Auth.js is sent to when a link is refused (see `signInLimitedPath`). */
export const SIGN_IN_LIMITED_ERROR = "TooManyLinks";

/** Counts the links of the window and, when allowed, records this one: the caller then makes and sends it. */
export async function reserveSignInLink(db: Database, limits: SignInLimits, request: { email: string; clientIp: string | null }): Promise<SignInLimitVerdict> {
  const email = request.email.trim().toLowerCase();
  const { clientIp } = request;
  const verdict = await db.transaction(async (tx) => {
    await tx.execute(advisoryLock(`sign-in-limit:email:${email}`));
    if (clientIp) await tx.execute(advisoryLock(`sign-in-limit:ip:${clientIp}`));
    const byEmail = sql`r.email = ${email}::text`;
    const byIp = sql`r.client_ip = ${clientIp}::text`;
    const [row] = (await tx.execute(sql`
      select ${DATABASE_NOW_MS} as now_ms,
             ${countedColumns("email", byEmail, limits.linksPerEmail, limits.windowMinutes)},
             ${countedColumns("ip", byIp, limits.linksPerIp, limits.windowMinutes)}
      from sign_in_link_requests r
      where not r.refused and r.created_at > now() - ${windowInterval(limits.windowMinutes)} and (${byEmail} or ${byIp})`)) as unknown as Record<
      string,
      unknown
    >[];
    const checks = [
      { name: "links-per-email" as const, maximum: limits.linksPerEmail, counted: limitCountOf(row!, "email") },
      { name: "links-per-ip" as const, maximum: limits.linksPerIp, counted: clientIp ? limitCountOf(row!, "ip") : null },
    ];
    const decided = decideLimits(checks, limits.windowMinutes, Number(row!.now_ms));
    await tx.insert(signInLinkRequests).values({ email, clientIp, refused: decided.kind === "limited" });
    return decided;
  });
  if (verdict.kind === "limited") {
    recordEvent("signin.limited", { limit: verdict.limit, clientIp, retryAfterSeconds: verdict.retryAfterSeconds });
  }
  return verdict;
}

/** Where a refused request is sent: /signin says how long to wait (in minutes). */
export function signInLimitedPath(retryAfterSeconds: number): string {
  return `/signin?error=${SIGN_IN_LIMITED_ERROR}&wait=${minutesToWait(retryAfterSeconds)}`;
}

/** The `wait` of /signin's query string, when it is a sane number of minutes. */
export function waitMinutesOf(value: unknown): number | null {
  if (typeof value !== "string" || !/^\d{1,4}$/.test(value)) return null;
  const minutes = Number(value);
  return minutes >= 1 && minutes <= 24 * 60 ? minutes : null;
}
