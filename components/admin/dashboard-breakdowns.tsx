// Declines by decline code, and refunds requested in the period by status (count and amount).
import { getLocale, getTranslations } from "next-intl/server";
import { formatCount } from "@/lib/admin/dashboard-chart";
import { type DashboardFigures, REFUND_STATUSES } from "@/lib/admin/dashboard-queries";
import { formatMoney } from "@/lib/money/format-money";

export async function DashboardDeclines({ declines }: { declines: DashboardFigures["declines"] }) {
  const [t, locale] = await Promise.all([getTranslations("admin.dashboard.declines"), getLocale()]);
  return (
    <section className="card admin-section" aria-labelledby="dashboard-declines">
      <h2 id="dashboard-declines">{t("heading")}</h2>
      {declines.length === 0 ? (
        <p className="muted">{t("empty")}</p>
      ) : (
        <table className="admin-table" data-testid="dashboard-declines">
          <caption className="visually-hidden">{t("table")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("code")}</th>
              <th scope="col" className="admin-num">
                {t("count")}
              </th>
            </tr>
          </thead>
          <tbody>
            {declines.map((decline) => (
              <tr key={decline.code ?? ""}>
                <th scope="row">{decline.code ? <code>{decline.code}</code> : t("noCode")}</th>
                <td className="admin-num">{formatCount(decline.count, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export async function DashboardRefunds({ refunds, currency }: { refunds: DashboardFigures["refunds"]; currency: string }) {
  const [t, locale] = await Promise.all([getTranslations("admin.dashboard.refunds"), getLocale()]);
  return (
    <section className="card admin-section" aria-labelledby="dashboard-refunds">
      <h2 id="dashboard-refunds">{t("heading")}</h2>
      <p className="muted">{t("lead")}</p>
      <table className="admin-table" data-testid="dashboard-refunds">
        <caption className="visually-hidden">{t("table")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("status")}</th>
            <th scope="col" className="admin-num">
              {t("count")}
            </th>
            <th scope="col" className="admin-num">
              {t("amount")}
            </th>
          </tr>
        </thead>
        <tbody>
          {REFUND_STATUSES.map((status) => (
            <tr key={status}>
              <th scope="row">
                <span className={`admin-refund-status admin-refund-status--${status.toLowerCase()}`}>{t(`statuses.${status}`)}</span>
              </th>
              <td className="admin-num">{formatCount(refunds[status].count, locale)}</td>
              <td className="admin-num">{formatMoney(refunds[status].amountCentavos, currency, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
