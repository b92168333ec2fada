// /support: how to reach the shop (email, phone and hours from the configuration) and what to have ready: the
// order number, the email and the card's last 4 digits, never the full card number. No client code.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getConfig } from "@/lib/config";
import { POLICY_PATHS } from "@/lib/policies/policy-links";

// The contact comes from the running configuration and the language from the request.
export const dynamic = "force-dynamic";

const HAVE_READY = ["orderNumber", "email", "last4"] as const;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("policies.support");
  return { title: t("title") };
}

export default async function SupportPage() {
  const t = await getTranslations("policies.support");
  const { email, phone, hours } = getConfig().support;
  return (
    <main className="page policy-page">
      <div className="page-intro">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
      </div>
      <div className="policy-stack">
        <section className="card policy">
          <h2>{t("contact.heading")}</h2>
          <dl className="support-contact">
            <div>
              <dt>{t("contact.email")}</dt>
              <dd>
                <a href={`mailto:${email}`}>{email}</a>
              </dd>
            </div>
            <div>
              <dt>{t("contact.phone")}</dt>
              <dd>
                <a href={`tel:${phone.replace(/[^\d+]/g, "")}`}>{phone}</a>
              </dd>
            </div>
            <div>
              <dt>{t("contact.hours")}</dt>
              {/* A configured SUPPORT_HOURS is the merchant's own text, shown as written in both languages. */}
              <dd>{hours ?? t("contact.defaultHours")}</dd>
            </div>
          </dl>
          <p className="muted">{t("contact.response")}</p>
        </section>
        <section className="card policy">
          <h2>{t("ready.heading")}</h2>
          <p>{t("ready.lead")}</p>
          <ul>
            {HAVE_READY.map((key) => (
              <li key={key}>{t(`ready.items.${key}`)}</li>
            ))}
          </ul>
          <p className="notice notice--warning">{t("ready.warning")}</p>
        </section>
        <section className="card policy">
          <h2>{t("policies.heading")}</h2>
          <p>
            {t.rich("policies.body", {
              refunds: (chunks) => <Link href={POLICY_PATHS.refunds}>{chunks}</Link>,
              terms: (chunks) => <Link href={POLICY_PATHS.terms}>{chunks}</Link>,
            })}
          </p>
        </section>
      </div>
    </main>
  );
}
