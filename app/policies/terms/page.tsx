// /policies/terms: the terms of sale (prices in MXN, card payments through Cheqpay, orders, delivery, invoices,
// complaints). Server-rendered text in the shopper's language; no client code.
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { POLICY_PATHS } from "@/lib/policies/policy-links";

// The language comes from the shopper's cookie or Accept-Language: rendered per request.
export const dynamic = "force-dynamic";

const PROFECO_URL = "https://www.gob.mx/profeco";
const LISTS = {
  prices: ["currency", "cards", "storage"],
  order: ["confirmed", "unavailable", "cancellation"],
  delivery: ["shipping", "times"],
} as const;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("policies.terms");
  return { title: t("title") };
}

export default async function TermsOfSalePage() {
  const t = await getTranslations("policies.terms");
  const links = {
    refunds: (chunks: ReactNode) => <Link href={POLICY_PATHS.refunds}>{chunks}</Link>,
    support: (chunks: ReactNode) => <Link href={POLICY_PATHS.support}>{chunks}</Link>,
    profeco: (chunks: ReactNode) => <a href={PROFECO_URL}>{chunks}</a>,
  };
  return (
    <main className="page policy-page">
      <div className="page-intro">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
      </div>
      <div className="card policy">
        {(Object.keys(LISTS) as (keyof typeof LISTS)[]).map((section) => (
          <section key={section}>
            <h2>{t(`${section}.heading`)}</h2>
            <ul>
              {LISTS[section].map((key) => (
                <li key={key}>{t(`${section}.items.${key}`)}</li>
              ))}
            </ul>
          </section>
        ))}
        <section>
          <h2>{t("returns.heading")}</h2>
          <p>{t.rich("returns.body", links)}</p>
        </section>
        <section>
          <h2>{t("invoice.heading")}</h2>
          <p>{t("invoice.body")}</p>
        </section>
        <section>
          <h2>{t("contact.heading")}</h2>
          <p>{t.rich("contact.body", links)}</p>
        </section>
      </div>
    </main>
  );
}
