// Auth.js (next-auth 5) for the App Router: accounts in our database through the drizzle adapter, sessions as
// database rows behind a secure http-only cookie, sign-in by an emailed one-time link (plus Google and GitHub
// when configured). The configuration is built on first use, from the one validated app configuration.
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { eq } from "drizzle-orm";
import NextAuth, { type NextAuthConfig } from "next-auth";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { resolveLocale } from "@/i18n/request";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { authAccounts, sessions, users, verificationTokens } from "@/lib/db/schema";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { nameParts } from "./name-parts";
import { safeRedirect } from "./safe-redirect";
import { sendSignInEmail } from "./sign-in-email";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null };
  }
}

/** The email provider's id: `signIn(EMAIL_PROVIDER_ID, ...)` and the link's `/api/auth/callback/email`. */
export const EMAIL_PROVIDER_ID = "email";

/** Where the shopper is told to look for the link. */
export const CHECK_EMAIL_PATH = "/signin/check-email";

function buildAuthConfig(): NextAuthConfig {
  const config = getConfig();
  const db = getDb();
  const providers: NextAuthConfig["providers"] = [
    {
      id: EMAIL_PROVIDER_ID,
      type: "email",
      name: "Email",
      maxAge: config.auth.signInLinkMaxAgeSeconds,
      async sendVerificationRequest(params) {
        await sendSignInEmail(db, config, params, await shopperLocale());
      },
    },
  ];
  // Google and GitHub verify email addresses, so an OAuth sign-in may join the account of the same email.
  if (config.auth.google) providers.push(Google({ ...config.auth.google, allowDangerousEmailAccountLinking: true }));
  if (config.auth.github) providers.push(GitHub({ ...config.auth.github, allowDangerousEmailAccountLinking: true }));

  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: authAccounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    providers,
    secret: config.auth.secret,
    // Our own server answers on APP_URL; Host is only used for Auth.js's internal URLs, and every URL that
    // leaves the server (the emailed link, redirects) is rebuilt on APP_URL.
    trustHost: true,
    useSecureCookies: config.appUrl.startsWith("https://"),
    session: { strategy: "database", maxAge: 30 * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    pages: { signIn: "/signin", verifyRequest: CHECK_EMAIL_PATH, error: "/signin" },
    callbacks: {
      session({ session, user }) {
        session.user.id = user.id;
        return session;
      },
      redirect({ url }) {
        return safeRedirect(url, config.appUrl);
      },
    },
    events: {
      // An OAuth account brings a name: it becomes the name Cheqpay's customer gets, until the shopper changes it.
      async createUser({ user }) {
        if (!user.id || !user.name) return;
        const { firstName, lastName } = nameParts(user.name);
        await db.update(users).set({ firstName, lastName }).where(eq(users.id, user.id));
      },
    },
  };
}

async function shopperLocale(): Promise<Locale> {
  try {
    return await resolveLocale();
  } catch {
    return DEFAULT_LOCALE;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildAuthConfig());

/**
 * Emails a sign-in link and answers where to send the shopper: the "check your email" page, or /signin with
 * Auth.js's error when the link could not be made or sent. (Auth.js's own redirect would leave its
 * /api/auth/verify-request address in the address bar.)
 */
export async function emailSignInLink(email: string, redirectTo: string): Promise<string> {
  const answer = await signIn(EMAIL_PROVIDER_ID, { email, redirectTo, redirect: false });
  const error = URL.canParse(answer) ? new URL(answer).searchParams.get("error") : null;
  return error ? `/signin?error=${encodeURIComponent(error)}` : CHECK_EMAIL_PATH;
}
