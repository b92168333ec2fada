// The period switch: a link per period (a plain GET: `?period=`), the current one marked for assistive tech.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PERIODS, type Period } from "@/lib/admin/dashboard-chart";

export async function DashboardPeriodTabs({ period }: { period: Period }) {
  const t = await getTranslations("admin.dashboard.periods");
  return (
    <nav aria-label={t("label")} className="dashboard-periods">
      <ul>
        {PERIODS.map((value) => (
          <li key={value}>
            <Link
              href={`/admin/dashboard?period=${value}`}
              aria-current={value === period ? "page" : undefined}
              className={`dashboard-periods__link${value === period ? " dashboard-periods__link--current" : ""}`}
            >
              {t(value)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
