// Auth.js (next-auth 5) for the App Router: the configuration (auth-config.ts) is built on first use, from the
// one validated app configuration, with the request's language and IP address read from Next.
import { headers } from "next/headers";
import NextAuth from "next-auth";
import { resolveLocale } from "@/i18n/request";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { clientAddress } from "@/lib/http/client-address";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { authConfig, CHECK_EMAIL_PATH, EMAIL_PROVIDER_ID } from "./auth-config";
import { SIGN_IN_LIMITED_ERROR } from "./sign-in-limits";

export { CHECK_EMAIL_PATH, EMAIL_PROVIDER_ID };

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null };
  }
}

async function shopperLocale(): Promise<Locale> {
  try {
    return await resolveLocale();
  } catch {
    return DEFAULT_LOCALE;
  }
}

async function requestClientIp(): Promise<string | undefined> {
  return clientAddress(await headers(), getConfig().trustProxy);
}

export const { handlers, auth, signIn, signOut } = NextAuth(() =>
  authConfig(getConfig(), getDb(), { locale: shopperLocale, clientIp: requestClientIp }),
);

/**
 * Emails a sign-in link and answers where to send the shopper: the "check your email" page, or /signin with
 * Auth.js's error when the link could not be made or sent (or was refused by its limit, with the minutes to
 * wait). (Auth.js's own redirect would leave its /api/auth/verify-request address in the address bar.)
 */
export async function emailSignInLink(email: string, redirectTo: string): Promise<string> {
  const answer = await signIn(EMAIL_PROVIDER_ID, { email, redirectTo, redirect: false });
  const query = URL.canParse(answer) ? new URL(answer).searchParams : null;
  const error = query?.get("error");
  if (!error) return CHECK_EMAIL_PATH;
  const wait = error === SIGN_IN_LIMITED_ERROR ? query?.get("wait") : null;
  return `/signin?error=${encodeURIComponent(error)}${wait ? `&wait=${encodeURIComponent(wait)}` : ""}`;
}
