// /signin: the email field and "Email me a sign-in link"; Google and GitHub only when configured. An error
// from Auth.js (`?error=Verification`: a link used twice or expired; `?error=TooManyLinks&wait=12`: the sign-in
// link limit) is shown as a known, clear message.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signInWithProvider } from "@/app/signin/actions";
import { SignInForm } from "@/components/account/sign-in-form";
import { currentAccount } from "@/lib/accounts/current-account";
import { configuredOAuthProviders, OAUTH_PROVIDER_NAMES } from "@/lib/auth/auth-providers";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";
import { SIGN_IN_LIMITED_ERROR, waitMinutesOf } from "@/lib/auth/sign-in-limits";
import { getConfig } from "@/lib/config";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.signIn");
  return { title: t("title"), robots: { index: false } };
}

const KNOWN_ERRORS = new Set(["Verification", "OAuthAccountNotLinked", "AccessDenied", "Configuration", SIGN_IN_LIMITED_ERROR]);

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [query, t, account] = await Promise.all([searchParams, getTranslations("account.signIn"), currentAccount()]);
  const callbackUrl = safeCallbackPath(query.callbackUrl, "/account");
  const errorCode = typeof query.error === "string" ? (KNOWN_ERRORS.has(query.error) ? query.error : "Default") : null;
  const providers = configuredOAuthProviders(getConfig().auth);
  // Too many links asked for: how long to wait (the whole window when the query does not say).
  const minutes = waitMinutesOf(query.wait) ?? getConfig().limits.signIn.windowMinutes;
  return (
    <main className="page narrow-page">
      <h1>{t("title")}</h1>
      {errorCode && (
        <p role="alert" className="notice notice--error">
          {t(`errors.${errorCode}`, { minutes })}
        </p>
      )}
      {account ? (
        <p>
          {t("signedInAs", { email: account.email })} <Link href="/account">{t("goToAccount")}</Link>
        </p>
      ) : null}
      <section className="card">
        <p className="muted">{t("lead")}</p>
        <SignInForm
          callbackUrl={callbackUrl}
          strings={{ email: t("email"), submit: t("submit"), sending: t("sending"), errors: t.raw("errors") as Record<string, string> }}
        />
        {providers.length > 0 && (
          <>
            <p className="divider-text">{t("or")}</p>
            {providers.map((provider) => (
              <form key={provider} action={signInWithProvider} className="stack-form">
                <input type="hidden" name="provider" value={provider} />
                <input type="hidden" name="callbackUrl" value={callbackUrl} />
                <button type="submit" className="button button--secondary button--block">
                  {t("continueWith", { provider: OAUTH_PROVIDER_NAMES[provider] })}
                </button>
              </form>
            ))}
          </>
        )}
      </section>
    </main>
  );
}
