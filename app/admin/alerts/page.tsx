// /admin/alerts: every success-rate alert and recovery, newest first, with the window's counts, the top decline
// reasons and whether the webhook took it. Staff only: anyone else gets a 404.
import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/admin/current-staff";
import { BACK_OFFICE_TIME_ZONE } from "@/lib/admin/order-search";
import { listAlerts } from "@/lib/alerts/alert-history";
import { isAlerting } from "@/lib/alerts/success-rate";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Badges (the back office's refund-status colours): red while low, green once recovered or delivered. */
const KIND_BADGE = { success_rate_low: "failed", success_rate_recovered: "succeeded" } as const;
const WEBHOOK_BADGE = { delivered: "succeeded", failed: "failed", pending: "pending", not_configured: "none" } as const;

export async function generateMetadata(): Promise<Metadata> {
  await requireStaff();
  const t = await getTranslations("admin");
  return { title: `${t("alerts.title")} · ${t("title")}`, robots: { index: false, follow: false }, referrer: "same-origin" };
}

export default async function AdminAlertsPage() {
  await requireStaff();
  const [t, locale, rows] = await Promise.all([getTranslations("admin"), getLocale(), listAlerts(getDb())]);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: BACK_OFFICE_TIME_ZONE });
  const clock = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone: BACK_OFFICE_TIME_ZONE });
  const when = (date: Date) => <time dateTime={date.toISOString()}>{dateTime.format(date)}</time>;
  const latest = rows[0] ?? null;
  const alerting = isAlerting(latest?.kind ?? null);

  return (
    <main className="page admin-page">
      <nav aria-label={t("navLabel")} className="admin-breadcrumbs">
        <Link href="/admin">{t("alerts.back")}</Link>
      </nav>
      <p className="admin-eyebrow">{t("title")}</p>
      <h1>{t("alerts.title")}</h1>
      <p className="muted">{t("alerts.lead", { threshold: percent.format(getConfig().operations.alert.successRate) })}</p>
      <p role="status" data-testid="admin-alerts-state">
        {alerting && latest ? t("alerts.alerting", { time: dateTime.format(latest.createdAt) }) : t("alerts.notAlerting")}
      </p>
      <p className="admin-count">{t("alerts.count", { count: rows.length })}</p>
      {rows.length === 0 ? (
        <div className="card">
          <p className="muted">{t("alerts.empty")}</p>
        </div>
      ) : (
        <div className="card admin-table-wrap">
          <table className="admin-table">
            <caption className="visually-hidden">{t("alerts.table")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("alerts.columns.time")}</th>
                <th scope="col">{t("alerts.columns.kind")}</th>
                <th scope="col" className="admin-num">
                  {t("alerts.columns.rate")}
                </th>
                <th scope="col">{t("alerts.columns.counts")}</th>
                <th scope="col">{t("alerts.columns.declines")}</th>
                <th scope="col">{t("alerts.columns.webhook")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((alert) => {
                const webhook = alert.webhookStatus ?? "pending";
                return (
                  <tr key={alert.id} data-testid="admin-alert">
                    <th scope="row">{when(alert.createdAt)}</th>
                    <td>
                      <span className={`admin-refund-status admin-refund-status--${KIND_BADGE[alert.kind]}`}>{t(`alerts.kinds.${alert.kind}`)}</span>
                    </td>
                    <td className="admin-num">{percent.format(alert.rate)}</td>
                    <td>
                      {t("alerts.counts", { succeeded: alert.succeeded, failed: alert.failed, total: alert.succeeded + alert.failed })}
                      <br />
                      <small className="muted">
                        {t("alerts.window", { from: clock.format(alert.windowStart), to: clock.format(alert.windowEnd) })}
                      </small>
                    </td>
                    <td>
                      {alert.topDeclines.length === 0 ? (
                        t("alerts.noDeclines")
                      ) : (
                        <ul style={{ margin: 0, paddingLeft: "1rem" }}>
                          {alert.topDeclines.map((decline) => (
                            <li key={decline.code}>{t("alerts.decline", { code: decline.code, count: decline.count })}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      <span className={`admin-refund-status admin-refund-status--${WEBHOOK_BADGE[webhook]}`}>
                        {t(`alerts.webhookStatuses.${webhook}`)}
                      </span>
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
