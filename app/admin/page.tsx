// /admin: the back office's orders, newest first, searched and filtered through the query string (a plain GET
// form), 25 a page. Staff only: anyone else gets a 404.
import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { OrderSearchForm } from "@/components/admin/order-search-form";
import { Pagination } from "@/components/admin/pagination";
import { brandName } from "@/lib/accounts/card-label";
import { requireStaff } from "@/lib/admin/current-staff";
import { BACK_OFFICE_TIME_ZONE, ORDER_STATUSES, orderSearchQuery, parseOrderSearch, searchOrders } from "@/lib/admin/order-search";
import { getDb } from "@/lib/db/client";
import type { OrderStatus } from "@/lib/db/schema";
import { formatMoney } from "@/lib/money/format-money";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  await requireStaff();
  const t = await getTranslations("admin");
  return { title: `${t("orders.title")} · ${t("title")}`, robots: { index: false, follow: false }, referrer: "same-origin" };
}

export default async function AdminOrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff();
  const [t, locale, query] = await Promise.all([getTranslations("admin"), getLocale(), searchParams]);
  const search = parseOrderSearch(query);
  const result = await searchOrders(getDb(), search);
  const statuses = Object.fromEntries(ORDER_STATUSES.map((s) => [s, t(`statuses.${s}`)])) as Record<OrderStatus, string>;
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: BACK_OFFICE_TIME_ZONE });

  return (
    <main className="page admin-page">
      <p className="admin-eyebrow">{t("title")}</p>
      <h1>{t("orders.title")}</h1>
      <p>
        <Link href="/admin/alerts">{t("alerts.link")}</Link>
        {" · "}<Link href="/admin/dashboard">{t("dashboard.link")}</Link>
        {" · "}<Link href="/admin/risk">{t("risk.link")}</Link>
      </p>
      <OrderSearchForm
        search={search}
        strings={{
          legend: t("orders.search.legend"),
          q: t("orders.search.q"),
          qHint: t("orders.search.qHint"),
          status: t("orders.search.status"),
          anyStatus: t("orders.search.anyStatus"),
          from: t("orders.search.from"),
          to: t("orders.search.to"),
          submit: t("orders.search.submit"),
          clear: t("orders.search.clear"),
          statuses,
        }}
      />
      <p role="status" className="admin-count">
        {result.totalCapped ? t("orders.countCapped", { count: result.total }) : t("orders.count", { count: result.total })}
      </p>
      {result.rows.length === 0 ? (
        <div className="card">
          {result.total === 0 ? (
            <p className="muted">{t("orders.empty")}</p>
          ) : (
            <p className="muted">
              {t("orders.pageEmpty")} <Link href={`/admin${orderSearchQuery(search, 1)}`}>{t("orders.firstPage")}</Link>
            </p>
          )}
        </div>
      ) : (
        <div className="card admin-table-wrap">
          <table className="admin-table admin-table--orders">
            <caption className="visually-hidden">{t("orders.table")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("orders.columns.number")}</th>
                <th scope="col">{t("orders.columns.date")}</th>
                <th scope="col">{t("orders.columns.email")}</th>
                <th scope="col">{t("orders.columns.status")}</th>
                <th scope="col" className="admin-num">
                  {t("orders.columns.total")}
                </th>
                <th scope="col">{t("orders.columns.card")}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((order) => (
                <tr key={order.id} data-testid="admin-order">
                  <th scope="row">
                    <Link href={`/admin/orders/${order.id}`}>{t("orders.open", { number: order.orderNumber })}</Link>
                  </th>
                  <td>
                    <time dateTime={order.createdAt.toISOString()}>{dateFormat.format(order.createdAt)}</time>
                  </td>
                  <td className="admin-email">{order.email}</td>
                  <td>
                    <span className={`admin-status admin-status--${order.status}`}>{statuses[order.status]}</span>
                  </td>
                  <td className="admin-num">{formatMoney(order.totalCentavos, order.currency, locale)}</td>
                  <td>
                    {order.cardLast4
                      ? t("card", { brand: brandName(order.cardBrand ?? "", t("cardGeneric")), last4: order.cardLast4 })
                      : t("orders.noCard")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.rows.length > 0 && (
        <Pagination
          search={search}
          pageCount={result.pageCount}
          hasNext={result.hasNextPage}
          strings={{
            label: t("orders.pagination.label"),
            previous: t("orders.pagination.previous"),
            next: t("orders.pagination.next"),
            page: result.totalCapped
              ? t("orders.pagination.pageOfMany", { page: search.page, pages: result.pageCount })
              : t("orders.pagination.page", { page: search.page, pages: result.pageCount }),
          }}
        />
      )}
    </main>
  );
}
