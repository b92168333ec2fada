// After "Email me a sign-in link": where to look next. On a development server without SMTP, a way to the
// development mailbox.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getConfig } from "@/lib/config";
import { mailboxEnabled } from "@/lib/mail/mailbox";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.checkEmail");
  return { title: t("title"), robots: { index: false } };
}

export default async function CheckEmailPage() {
  const t = await getTranslations("account.checkEmail");
  const config = getConfig();
  const hours = Math.round(config.auth.signInLinkMaxAgeSeconds / 3600);
  return (
    <main className="page narrow-page">
      <h1>{t("title")}</h1>
      <section className="card">
        <p role="status">{t("body")}</p>
        <p className="muted">{t("expiry", { hours })}</p>
        {mailboxEnabled(config) && (
          <p>
            <Link href="/dev/mailbox">{t("mailbox")}</Link>
          </p>
        )}
        <p>
          <Link href="/signin">{t("again")}</Link>
        </p>
      </section>
    </main>
  );
}
