// Plain links, not next/link: the header is on every page, and next/link would add 3 KB gzip to the checkout's
// first load (issue 9's budget) for a prefetch the server-rendered pages hardly need.
import { signOutAction } from "@/app/auth-actions";
import type { Locale } from "@/lib/i18n/locales";
import { LanguageSwitch } from "./language-switch";

export type SiteHeaderLabels = {
  shopName: string;
  navigation: string;
  cart: string;
  language: string;
  signIn: string;
  account: string;
  signOut: string;
};

/** Signed in: the account link and a sign-out button (a plain form: works without JavaScript). */
export function SiteHeader({ locale, labels, signedIn }: { locale: Locale; labels: SiteHeaderLabels; signedIn: boolean }) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <a href="/" className="site-header__brand">
          <svg aria-hidden="true" width="28" height="28" viewBox="0 0 28 28">
            <rect width="28" height="28" rx="7" fill="#4f46e5" />
            <path d="M8 14.5l4 4 8-9" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" />
          </svg>
          {labels.shopName}
        </a>
        <nav aria-label={labels.navigation} className="site-header__nav">
          <a href="/cart" className="site-header__cart">
            {labels.cart}
          </a>
          {signedIn ? (
            <>
              <a href="/account" className="site-header__link">
                {labels.account}
              </a>
              <form action={signOutAction} className="site-header__signout">
                <button type="submit" className="button button--link">
                  {labels.signOut}
                </button>
              </form>
            </>
          ) : (
            <a href="/signin" className="site-header__link">
              {labels.signIn}
            </a>
          )}
        </nav>
        <LanguageSwitch current={locale} label={labels.language} />
      </div>
    </header>
  );
}
