// Success rate and volume over the period, drawn on the server as an inline SVG (bars: payments; line: success
// rate), named and described for assistive tech, with a visually hidden table of the same figures.
import { getLocale, getTranslations } from "next-intl/server";
import {
  bucketAxisLabel,
  bucketDateTime,
  bucketLabel,
  CHART,
  chartGeometry,
  formatCount,
  formatPercent,
  type Period,
  PERIOD_SETTINGS,
} from "@/lib/admin/dashboard-chart";
import type { DashboardFigures } from "@/lib/admin/dashboard-queries";
import { BACK_OFFICE_TIME_ZONE } from "@/lib/admin/order-search";

export async function DashboardChart({ figures, period }: { figures: DashboardFigures; period: Period }) {
  const [t, locale] = await Promise.all([getTranslations("admin.dashboard"), getLocale()]);
  const { unit } = PERIOD_SETTINGS[period];
  const unitName = t(`chart.units.${unit}`);
  const chart = chartGeometry(figures.buckets);
  const right = CHART.width - CHART.right;
  const axisLabelY = CHART.height - 8;

  return (
    <section className="card admin-section" aria-labelledby="dashboard-chart">
      <h2 id="dashboard-chart">{t("chart.heading")}</h2>
      <ul className="dashboard-legend" aria-hidden="true">
        <li>
          <span className="dashboard-legend__swatch dashboard-legend__swatch--bar" />
          {t("chart.legendPayments")}
        </li>
        <li>
          <span className="dashboard-legend__swatch dashboard-legend__swatch--line" />
          {t("chart.legendRate")}
        </li>
      </ul>
      <svg
        className="dashboard-chart"
        viewBox={`0 0 ${CHART.width} ${CHART.height}`}
        role="img"
        aria-labelledby="dashboard-chart-title"
        aria-describedby="dashboard-chart-desc"
      >
        <title id="dashboard-chart-title">{t("chart.title", { period: t(`periods.${period}`) })}</title>
        <desc id="dashboard-chart-desc">
          {t("chart.description", { unit: unitName, payments: figures.payments.total, rate: formatPercent(figures.payments.successRate, locale) })}
        </desc>
        {chart.volumeTicks.map((tick, i) => (
          <g key={tick.value}>
            <line className="dashboard-chart__grid" x1={CHART.left} x2={right} y1={tick.y} y2={tick.y} />
            <text className="dashboard-chart__tick" x={CHART.left - 6} y={tick.y + 4} textAnchor="end">
              {formatCount(tick.value, locale)}
            </text>
            <text className="dashboard-chart__tick" x={right + 6} y={tick.y + 4} textAnchor="start">
              {formatPercent(chart.rateTicks[i]!.value, locale)}
            </text>
          </g>
        ))}
        {chart.bars.map((bar, i) => (
          <rect key={i} className="dashboard-chart__bar" x={bar.x} y={bar.y} width={bar.width} height={bar.height} rx={Math.min(3, bar.width / 4)} />
        ))}
        {chart.ratePath && <path className="dashboard-chart__line" d={chart.ratePath} />}
        {chart.points.map((point, i) => point && <circle key={i} className="dashboard-chart__point" cx={point.x} cy={point.y} r={3.5} />)}
        {figures.buckets.map((bucket, i) =>
          i % chart.labelEvery === 0 ? (
            <text key={i} className="dashboard-chart__tick" x={chart.centers[i]} y={axisLabelY} textAnchor="middle">
              {bucketAxisLabel(bucket.start, unit, locale, BACK_OFFICE_TIME_ZONE)}
            </text>
          ) : null,
        )}
      </svg>
      <table className="visually-hidden" data-testid="dashboard-buckets">
        <caption>{t("chart.table", { unit: unitName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("chart.time")}</th>
            <th scope="col">{t("chart.payments")}</th>
            <th scope="col">{t("chart.succeeded")}</th>
            <th scope="col">{t("chart.successRate")}</th>
          </tr>
        </thead>
        <tbody>
          {figures.buckets.map((bucket) => (
            <tr key={bucket.start.toISOString()}>
              <th scope="row">
                <time dateTime={bucketDateTime(bucket.start, unit, BACK_OFFICE_TIME_ZONE)}>{bucketLabel(bucket.start, unit, locale, BACK_OFFICE_TIME_ZONE)}</time>
              </th>
              <td>{formatCount(bucket.payments, locale)}</td>
              <td>{formatCount(bucket.succeeded, locale)}</td>
              <td>{formatPercent(bucket.successRate, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
