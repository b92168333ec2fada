// Auth.js's configuration, built from the validated app configuration and the database: accounts through the
// drizzle adapter, database sessions, the emailed one-time link (plus Google and GitHub when configured), and the
// sign-in link limits. What only a request knows (the shopper's language and IP address) is asked through
// `request`, so the whole flow also runs outside Next (the integration tests call Auth.js with it).
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { eq } from "drizzle-orm";
import type { NextAuthConfig } from "next-auth";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import type { AppConfig } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { authAccounts, sessions, users, verificationTokens } from "@/lib/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { limitAddress } from "@/lib/limits/sliding-window";
import { nameParts } from "./name-parts";
import { safeRedirect } from "./safe-redirect";
import { sendSignInEmail } from "./sign-in-email";
import { reserveSignInLink, signInLimitedPath } from "./sign-in-limits";

/** The email provider's id: `signIn(EMAIL_PROVIDER_ID, ...)` and the link's `/api/auth/callback/email`. */
export const EMAIL_PROVIDER_ID = "email";

/** Where the shopper is told to look for the link. */
export const CHECK_EMAIL_PATH = "/signin/check-email";

export type AuthRequest = { locale(): Promise<Locale>; clientIp(): Promise<string | undefined> };

export function authConfig(config: AppConfig, db: Database, request: AuthRequest): NextAuthConfig {
  const providers: NextAuthConfig["providers"] = [
    {
      id: EMAIL_PROVIDER_ID,
      type: "email",
      name: "Email",
      maxAge: config.auth.signInLinkMaxAgeSeconds,
      async sendVerificationRequest(params) {
        await sendSignInEmail(db, config, params, await request.locale());
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
      // Asked before a sign-in link is made (whether through our form or a direct POST to Auth.js): past the
      // limit, no token is made and no email is sent; the shopper lands on /signin, told how long to wait.
      async signIn({ user, email }) {
        if (!email?.verificationRequest) return true;
        const clientIp = limitAddress(await request.clientIp());
        const verdict = await reserveSignInLink(db, config.limits.signIn, { email: user.email ?? "", clientIp });
        return verdict.kind === "allowed" ? true : signInLimitedPath(verdict.retryAfterSeconds);
      },
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
