import Link from "next/link";
import type { Locale } from "@/lib/i18n/locales";
import { LanguageSwitch } from "./language-switch";

export type SiteHeaderLabels = { shopName: string; navigation: string; cart: string; language: string };

export function SiteHeader({ locale, labels }: { locale: Locale; labels: SiteHeaderLabels }) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="site-header__brand">
          <svg aria-hidden="true" width="28" height="28" viewBox="0 0 28 28">
            <rect width="28" height="28" rx="7" fill="#4f46e5" />
            <path d="M8 14.5l4 4 8-9" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" />
          </svg>
          {labels.shopName}
        </Link>
        <nav aria-label={labels.navigation} className="site-header__nav">
          <Link href="/cart" className="site-header__cart">
            {labels.cart}
          </Link>
        </nav>
        <LanguageSwitch current={locale} label={labels.language} />
      </div>
    </header>
  );
}
