// /policies/refunds: when the shop refunds, how to ask (through support) and how the money comes back: to the
// same card, in MXN, in 5–10 business days. Server-rendered text in the shopper's language; no client code.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { POLICY_PATHS } from "@/lib/policies/policy-links";

// The language comes from the shopper's cookie or Accept-Language: rendered per request.
export const dynamic = "force-dynamic";

const PROFECO_URL = "https://www.gob.mx/profeco";
const ELIGIBLE = ["damaged", "changedMind", "food", "cancelled"] as const;
const MONEY = ["sameCard", "timing", "partial", "currency", "late"] as const;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("policies.refunds");
  return { title: t("title") };
}

export default async function RefundPolicyPage() {
  const t = await getTranslations("policies.refunds");
  return (
    <main className="page policy-page">
      <div className="page-intro">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
      </div>
      <div className="card policy">
        <section>
          <h2>{t("eligible.heading")}</h2>
          <ul>
            {ELIGIBLE.map((key) => (
              <li key={key}>{t(`eligible.items.${key}`)}</li>
            ))}
          </ul>
        </section>
        <section>
          <h2>{t("request.heading")}</h2>
          <p>{t.rich("request.body", { support: (chunks) => <Link href={POLICY_PATHS.support}>{chunks}</Link> })}</p>
        </section>
        <section>
          <h2>{t("money.heading")}</h2>
          <ul>
            {MONEY.map((key) => (
              <li key={key}>{t(`money.items.${key}`)}</li>
            ))}
          </ul>
        </section>
        <section>
          <h2>{t("cardData.heading")}</h2>
          <p>{t("cardData.body")}</p>
        </section>
        <section>
          <h2>{t("rights.heading")}</h2>
          <p>{t.rich("rights.body", { profeco: (chunks) => <a href={PROFECO_URL}>{chunks}</a> })}</p>
        </section>
      </div>
    </main>
  );
}
