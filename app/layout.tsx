import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { ErrorPageStringsProvider } from "@/components/errors/error-page";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { currentAccount } from "@/lib/accounts/current-account";
import { readCartId } from "@/lib/cart/cart-cookie";
import { loadCart } from "@/lib/cart/cart-queries";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { withFallbackWhenDatabaseUnavailable } from "@/lib/db/errors";
import { isLocale, DEFAULT_LOCALE } from "@/lib/i18n/locales";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Cheqpay Checkout", template: "%s · Cheqpay Checkout" },
  description: "Pay by card with Cheqpay.",
  icons: { icon: "/favicon.svg" },
};

async function cartItemCount(): Promise<number> {
  const cartId = await readCartId();
  if (!cartId) return 0;
  return (await loadCart(getDb(), cartId))?.itemCount ?? 0;
}

// No NextIntlClientProvider here: server components translate, client islands get their strings as props.
export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: its scripts carry this request's CSP nonce (proxy.ts), which a page
  // prerendered at build time could not know.
  await connection();
  const current = await getLocale();
  const locale = isLocale(current) ? current : DEFAULT_LOCALE;
  // With the database down the frame still renders (no count, signed out), around the page's error page.
  const [t, tError, tAccount, count, account] = await Promise.all([
    getTranslations("common"),
    getTranslations("errorPage"),
    getTranslations("account.header"),
    withFallbackWhenDatabaseUnavailable(cartItemCount(), 0),
    withFallbackWhenDatabaseUnavailable(currentAccount(), null),
  ]);
  const { support } = getConfig();
  return (
    <html lang={locale}>
      <body>
        <a href="#content" className="skip-link">
          {t("skipToContent")}
        </a>
        <SiteHeader
          locale={locale}
          signedIn={account !== null}
          labels={{
            signIn: tAccount("signIn"),
            account: tAccount("account"),
            signOut: tAccount("signOut"),
            shopName: t("shopName"),
            navigation: t("mainNavigation"),
            cart: t("cartLink", { count }),
            language: t("language"),
          }}
        />
        <div id="content" className="site-content" tabIndex={-1}>
          <ErrorPageStringsProvider
            strings={{ title: tError("title"), text: tError("text"), retry: tError("retry"), home: tError("home") }}
          >
            {children}
          </ErrorPageStringsProvider>
        </div>
        <SiteFooter
          email={support.email}
          phone={support.phone}
          labels={{
            heading: t("footer.heading"),
            text: t("footer.text"),
            email: t("footer.email"),
            phone: t("footer.phone"),
            madeIn: t("footer.madeIn"),
            policies: t("footer.policies"),
            refunds: t("footer.refunds"),
            terms: t("footer.terms"),
            support: t("footer.support"),
          }}
        />
      </body>
    </html>
  );
}
