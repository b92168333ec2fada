// The period's figures: payments and their success rate, amounts, processing times, revenue and 3-D Secure.
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { formatCount, formatDuration, formatPercent, NO_VALUE } from "@/lib/admin/dashboard-chart";
import type { DashboardFigures } from "@/lib/admin/dashboard-queries";
import { formatMoney } from "@/lib/money/format-money";

/** One figure: its name, its value and an optional line under it. */
function Stat({ label, value, note, testId }: { label: string; value: string; note?: ReactNode; testId: string }) {
  return (
    <div className="dashboard-stat" data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        <span className="dashboard-stat__value">{value}</span>
        {note ? <span className="dashboard-stat__note">{note}</span> : null}
      </dd>
    </div>
  );
}

export async function DashboardSummary({ figures }: { figures: DashboardFigures }) {
  const [t, locale] = await Promise.all([getTranslations("admin.dashboard"), getLocale()]);
  // Averages and medians can fall between two centavos: shown to the nearest one.
  const money = (centavos: number | null) => (centavos === null ? NO_VALUE : formatMoney(Math.round(centavos), figures.currency, locale));
  const { payments, amounts, processing, revenue, threeDSecure } = figures;

  return (
    <div className="dashboard-sections">
      <section className="card admin-section" aria-labelledby="dashboard-payments">
        <h2 id="dashboard-payments">{t("payments.heading")}</h2>
        <dl className="dashboard-stats">
          <Stat
            testId="dashboard-payments"
            label={t("payments.total")}
            value={formatCount(payments.total, locale)}
            note={t("payments.breakdown", { succeeded: payments.succeeded, failed: payments.failed, expired: payments.expired })}
          />
          <Stat testId="dashboard-success-rate" label={t("payments.successRate")} value={formatPercent(payments.successRate, locale)} />
          <Stat testId="dashboard-average" label={t("payments.average")} value={money(amounts.averageCentavos)} />
          <Stat testId="dashboard-median" label={t("payments.median")} value={money(amounts.medianCentavos)} />
          <Stat testId="dashboard-p50" label={t("payments.p50")} value={formatDuration(processing.p50Ms, locale)} note={t("payments.processingHint")} />
          <Stat testId="dashboard-p95" label={t("payments.p95")} value={formatDuration(processing.p95Ms, locale)} />
        </dl>
      </section>

      <section className="card admin-section" aria-labelledby="dashboard-revenue">
        <h2 id="dashboard-revenue">{t("revenue.heading")}</h2>
        <dl className="dashboard-stats">
          <Stat testId="dashboard-gross" label={t("revenue.gross")} value={money(revenue.grossCentavos)} note={t("revenue.paidOrders", { count: revenue.paidOrders })} />
          <Stat testId="dashboard-refunded" label={t("revenue.refunded")} value={money(revenue.refundedCentavos)} />
          <Stat testId="dashboard-net" label={t("revenue.net")} value={money(revenue.netCentavos)} />
        </dl>
      </section>

      <section className="card admin-section" aria-labelledby="dashboard-three-d-secure">
        <h2 id="dashboard-three-d-secure">{t("threeDSecure.heading")}</h2>
        <dl className="dashboard-stats">
          <Stat
            testId="dashboard-challenge-rate"
            label={t("threeDSecure.challengeRate")}
            value={formatPercent(threeDSecure.challengeRate, locale)}
            note={t("threeDSecure.challenged", { count: threeDSecure.challenged })}
          />
          <Stat
            testId="dashboard-challenge-outcome"
            label={t("threeDSecure.outcome")}
            value={formatPercent(threeDSecure.challengeSuccessRate, locale)}
            note={t("threeDSecure.outcomeValue", { succeeded: threeDSecure.challengedSucceeded, challenged: threeDSecure.challenged })}
          />
        </dl>
      </section>
    </div>
  );
}
