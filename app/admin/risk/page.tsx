// /admin/risk: card testing at a glance. For the last hour or 24 hours (`?period=1h|24h`), each client IP that
// paid or was refused: attempts, card declines, refusals by the card-testing limits, distinct cards and emails,
// when it was last seen, and whether its next payment would be refused now. Staff only: anyone else gets a 404.
import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/admin/current-staff";
import { BACK_OFFICE_TIME_ZONE } from "@/lib/admin/order-search";
import { ipRisk, isOverLimitNow, parseRiskPeriod, RISK_PERIODS } from "@/lib/admin/risk-queries";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  await requireStaff();
  const t = await getTranslations("admin");
  return { title: `${t("risk.title")} · ${t("title")}`, robots: { index: false, follow: false }, referrer: "same-origin" };
}

export default async function AdminRiskPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff();
  const [t, locale, query] = await Promise.all([getTranslations("admin"), getLocale(), searchParams]);
  const period = parseRiskPeriod(query.period);
  const limits = getConfig().limits.payment;
  const rows = await ipRisk(getDb(), period, limits);
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: BACK_OFFICE_TIME_ZONE });
  const blocked = rows.filter((row) => isOverLimitNow(row, limits)).length;

  return (
    <main className="page admin-page">
      <nav aria-label={t("navLabel")} className="admin-breadcrumbs">
        <Link href="/admin">{t("risk.back")}</Link>
      </nav>
      <p className="admin-eyebrow">{t("title")}</p>
      <h1>{t("risk.title")}</h1>
      <p className="muted">{t("risk.lead", { ...limits })}</p>
      <nav aria-label={t("risk.periods.label")} className="dashboard-periods">
        <ul>
          {RISK_PERIODS.map((value) => (
            <li key={value}>
              <Link
                href={`/admin/risk?period=${value}`}
                aria-current={value === period ? "page" : undefined}
                className={`dashboard-periods__link${value === period ? " dashboard-periods__link--current" : ""}`}
              >
                {t(`risk.periods.${value}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p role="status" className="admin-count">
        {t("risk.count", { count: rows.length, blocked })}
      </p>
      {rows.length === 0 ? (
        <div className="card">
          <p className="muted">{t("risk.empty")}</p>
        </div>
      ) : (
        <div className="card admin-table-wrap">
          <table className="admin-table">
            <caption className="visually-hidden">{t("risk.table")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("risk.columns.ip")}</th>
                <th scope="col" className="admin-num">{t("risk.columns.attempts")}</th>
                <th scope="col" className="admin-num">{t("risk.columns.declines")}</th>
                <th scope="col" className="admin-num">{t("risk.columns.refusals")}</th>
                <th scope="col" className="admin-num">{t("risk.columns.cards")}</th>
                <th scope="col" className="admin-num">{t("risk.columns.emails")}</th>
                <th scope="col">{t("risk.columns.lastSeen")}</th>
                <th scope="col">{t("risk.columns.state")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const over = isOverLimitNow(row, limits);
                return (
                  <tr key={row.clientIp} data-testid="admin-risk-ip">
                    <th scope="row">{row.clientIp}</th>
                    <td className="admin-num">{row.attempts}</td>
                    <td className="admin-num">{row.declines}</td>
                    <td className="admin-num">{row.refusals}</td>
                    <td className="admin-num">{row.cards}</td>
                    <td className="admin-num">{row.emails}</td>
                    <td>
                      <time dateTime={row.lastSeen.toISOString()}>{dateTime.format(row.lastSeen)}</time>
                    </td>
                    <td>
                      <span className={`admin-refund-status admin-refund-status--${over ? "failed" : "none"}`}>
                        {over ? t("risk.states.blocked") : t("risk.states.allowed")}
                      </span>
                      {row.refusedBy.length > 0 && (
                        <small className="muted" style={{ display: "block" }}>
                          {t("risk.refusedBy", { limits: row.refusedBy.map((limit) => t(`risk.limits.${limit}`)).join(", ") })}
                        </small>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
