// /admin/dashboard: operations at a glance for the last hour, 24 hours or 7 days (`?period=1h|24h|7d`):
// payments, success rate, revenue, amounts, processing times, declines, 3-D Secure, refunds, a chart over time
// and the Cheqpay API key's age. Rendered on the server, no client JavaScript. Staff only: anyone else gets a 404.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DashboardDeclines, DashboardRefunds } from "@/components/admin/dashboard-breakdowns";
import { DashboardChart } from "@/components/admin/dashboard-chart";
import { DashboardKeyAge } from "@/components/admin/dashboard-key-age";
import { DashboardPeriodTabs } from "@/components/admin/dashboard-period-tabs";
import { DashboardSummary } from "@/components/admin/dashboard-summary";
import { requireStaff } from "@/lib/admin/current-staff";
import { bucketStarts, parsePeriod } from "@/lib/admin/dashboard-chart";
import { loadDashboard } from "@/lib/admin/dashboard-queries";
import { BACK_OFFICE_TIME_ZONE } from "@/lib/admin/order-search";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { keyAgeStatus } from "@/lib/operations/key-age";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  await requireStaff();
  const t = await getTranslations("admin");
  return { title: `${t("dashboard.title")} · ${t("title")}`, robots: { index: false, follow: false }, referrer: "same-origin" };
}

export default async function AdminDashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff();
  const [t, query] = await Promise.all([getTranslations("admin"), searchParams]);
  const period = parsePeriod(query.period);
  const now = new Date();
  const figures = await loadDashboard(getDb(), period, now, bucketStarts(period, now, BACK_OFFICE_TIME_ZONE));

  return (
    <main className="page admin-page">
      <nav aria-label={t("navLabel")} className="admin-breadcrumbs">
        <Link href="/admin">{t("dashboard.orders")}</Link>
      </nav>
      <p className="admin-eyebrow">{t("title")}</p>
      <h1>{t("dashboard.title")}</h1>
      <p className="muted dashboard-lead">{t("dashboard.lead", { currency: figures.currency })}</p>
      <DashboardKeyAge status={keyAgeStatus(getConfig().operations.apiKeyCreatedAt, now)} />
      <DashboardPeriodTabs period={period} />
      <DashboardSummary figures={figures} />
      <DashboardChart figures={figures} period={period} />
      <div className="admin-grid">
        <DashboardDeclines declines={figures.declines} />
        <DashboardRefunds refunds={figures.refunds} currency={figures.currency} />
      </div>
    </main>
  );
}
