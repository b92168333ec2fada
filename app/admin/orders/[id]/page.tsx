// /admin/orders/[id]: one order for staff: summary, items, customer, billing address, card, refunds (with the
// refund form) and the timeline of everything that happened. Staff only: anyone else gets a 404.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { OrderTimelineList } from "@/components/admin/order-timeline-list";
import { PendingRefresh } from "@/components/admin/pending-refresh";
import { RefundForm } from "@/components/admin/refund-form";
import { brandName } from "@/lib/accounts/card-label";
import { requireStaff } from "@/lib/admin/current-staff";
import { centavosToPesosInput } from "@/lib/admin/money-input";
import { loadOrderDetail } from "@/lib/admin/order-detail";
import { BACK_OFFICE_TIME_ZONE } from "@/lib/admin/order-search";
import { getDb } from "@/lib/db/client";
import { formatMoney } from "@/lib/money/format-money";
import { refundableStatus } from "@/lib/refunds/refund-rules";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  await requireStaff();
  const t = await getTranslations("admin");
  return { title: `${t("orders.title")} · ${t("title")}`, robots: { index: false, follow: false }, referrer: "same-origin" };
}

const REFUND_FORM_ERRORS = ["required", "invalid", "tooManyDecimals", "negative", "zero", "tooLarge", "reasonRequired", "reasonTooLong", "reasonInvalid", "notFound"] as const;

export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff();
  const { id } = await params;
  const detail = await loadOrderDetail(getDb(), id);
  if (!detail) notFound();
  const [t, locale] = await Promise.all([getTranslations("admin"), getLocale()]);
  const { order, billingAddress: address, account, card } = detail;
  const money = (centavos: number) => formatMoney(centavos, order.currency, locale);
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: BACK_OFFICE_TIME_ZONE });
  const when = (date: Date) => <time dateTime={date.toISOString()}>{dateTime.format(date)}</time>;
  const cardText = card ? t("card", { brand: brandName(card.brand ?? "", t("cardGeneric")), last4: card.last4 }) : t("order.payment.noCard");
  const unavailable = !refundableStatus(order.status)
    ? t("refund.unavailableNotPaid")
    : detail.remainingCentavos === 0
      ? t("refund.unavailableNothingLeft")
      : null;
  const hasPendingRefund = detail.refunds.some((refund) => refund.status === "PENDING");

  return (
    <main className="page admin-page">
      <nav aria-label={t("navLabel")} className="admin-breadcrumbs">
        <Link href="/admin">{t("order.back")}</Link>
      </nav>
      <h1>{t("order.title", { number: order.orderNumber })}</h1>
      <p>
        <span className={`admin-status admin-status--${order.status}`} data-testid="admin-order-status">
          {t(`statuses.${order.status}`)}
        </span>
      </p>
      {hasPendingRefund && (
        <>
          <p className="muted">{t("order.refunds.processing")}</p>
          <PendingRefresh />
        </>
      )}

      <div className="admin-grid">
        <section className="card admin-section" aria-labelledby="admin-summary">
          <h2 id="admin-summary">{t("order.summary.heading")}</h2>
          <dl className="admin-facts">
            <dt>{t("order.summary.status")}</dt>
            <dd>{t(`statuses.${order.status}`)}</dd>
            <dt>{t("order.summary.placed")}</dt>
            <dd>{when(order.createdAt)}</dd>
            {order.paidAt && (
              <>
                <dt>{t("order.summary.paid")}</dt>
                <dd>{when(order.paidAt)}</dd>
              </>
            )}
            <dt>{t("order.summary.total")}</dt>
            <dd>{money(order.totalCentavos)}</dd>
            <dt>{t("order.summary.refunded")}</dt>
            <dd data-testid="admin-refunded">{money(detail.refundedCentavos)}</dd>
            {detail.pendingRefundCentavos > 0 && (
              <>
                <dt>{t("order.summary.pendingRefunds")}</dt>
                <dd>{money(detail.pendingRefundCentavos)}</dd>
              </>
            )}
            <dt>{t("order.summary.remaining")}</dt>
            <dd data-testid="admin-remaining">{money(detail.remainingCentavos)}</dd>
            <dt>{t("order.summary.locale")}</dt>
            <dd>{t.has(`order.summary.locales.${order.locale}`) ? t(`order.summary.locales.${order.locale}`) : order.locale}</dd>
          </dl>
        </section>

        <section className="card admin-section" aria-labelledby="admin-customer">
          <h2 id="admin-customer">{t("order.customer.heading")}</h2>
          <dl className="admin-facts">
            <dt>{t("order.customer.name")}</dt>
            <dd>
              {order.firstName} {order.lastName}
            </dd>
            <dt>{t("order.customer.email")}</dt>
            <dd className="admin-email">{order.email}</dd>
            <dt>{t("order.customer.phone")}</dt>
            <dd>{order.phone || t("order.customer.noPhone")}</dd>
            <dt>{t("order.customer.account")}</dt>
            <dd>{account ? t("order.customer.accountValue", { email: account.email }) : t("order.customer.guest")}</dd>
          </dl>
          <h3>{t("order.billing.heading")}</h3>
          <address className="admin-address">
            {order.firstName} {order.lastName}
            <br />
            {address.line1}
            <br />
            {[address.city, address.state, address.postalCode].filter(Boolean).join(", ")}
            <br />
            {address.country}
          </address>
          <h3>{t("order.payment.heading")}</h3>
          <p data-testid="admin-card">{cardText}</p>
        </section>
      </div>

      <section className="card admin-section" aria-labelledby="admin-items">
        <h2 id="admin-items">{t("order.items.heading")}</h2>
        {/* Scrolls sideways on a narrow screen: focusable, so a keyboard can scroll it too. */}
        <div className="admin-table-wrap" role="region" aria-label={t("order.items.table")} tabIndex={0}>
          <table className="admin-table">
            <caption className="visually-hidden">{t("order.items.table")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("order.items.item")}</th>
                <th scope="col" className="admin-num">
                  {t("order.items.unitPrice")}
                </th>
                <th scope="col" className="admin-num">
                  {t("order.items.quantity")}
                </th>
                <th scope="col" className="admin-num">
                  {t("order.items.lineTotal")}
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.lines.map((line) => (
                <tr key={line.id}>
                  <td>{line.name}</td>
                  <td className="admin-num">{money(line.unitPriceCentavos)}</td>
                  <td className="admin-num">{line.quantity}</td>
                  <td className="admin-num">{money(line.lineTotalCentavos)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              {order.subtotalCentavos !== order.totalCentavos && (
                <tr>
                  <th scope="row" colSpan={3}>
                    {t("order.items.subtotal")}
                  </th>
                  <td className="admin-num">{money(order.subtotalCentavos)}</td>
                </tr>
              )}
              <tr>
                <th scope="row" colSpan={3}>
                  {t("order.items.total")}
                </th>
                <td className="admin-num">{money(order.totalCentavos)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <section className="card admin-section" aria-labelledby="admin-refunds">
        <h2 id="admin-refunds">{t("order.refunds.heading")}</h2>
        {detail.refunds.length === 0 ? (
          <p className="muted">{t("order.refunds.empty")}</p>
        ) : (
          <div className="admin-table-wrap" role="region" aria-label={t("order.refunds.table")} tabIndex={0}>
            <table className="admin-table">
              <caption className="visually-hidden">{t("order.refunds.table")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="admin-num">
                    {t("order.refunds.amount")}
                  </th>
                  <th scope="col">{t("order.refunds.reason")}</th>
                  <th scope="col">{t("order.refunds.status")}</th>
                  <th scope="col">{t("order.refunds.requested")}</th>
                  <th scope="col">{t("order.refunds.completed")}</th>
                </tr>
              </thead>
              <tbody>
                {detail.refunds.map((refund) => (
                  <tr key={refund.id} data-testid="admin-refund">
                    <td className="admin-num">{formatMoney(refund.amountCentavos, refund.currency, locale)}</td>
                    <td>{refund.reason}</td>
                    <td>
                      <span className={`admin-refund-status admin-refund-status--${refund.status.toLowerCase()}`}>
                        {t(`order.refunds.statuses.${refund.status}`)}
                      </span>
                      {refund.status === "FAILED" && refund.failureReason && (
                        <span className="admin-refund-failure">{t("order.refunds.failure", { reason: refund.failureReason })}</span>
                      )}
                    </td>
                    <td>{when(refund.createdAt)}</td>
                    <td>{refund.completedAt ? when(refund.completedAt) : t("order.refunds.notCompleted")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <RefundForm
        orderId={order.id}
        defaultAmount={centavosToPesosInput(detail.remainingCentavos)}
        strings={{
          heading: t("refund.heading"),
          amount: t("refund.amount"),
          amountHint: t("refund.amountHint", { remaining: money(detail.remainingCentavos) }),
          reason: t("refund.reason"),
          reasonHint: t("refund.reasonHint"),
          submit: t("refund.submit"),
          sending: t("refund.sending"),
          unavailable,
          errors: Object.fromEntries(REFUND_FORM_ERRORS.map((key) => [key, t(`refund.errors.${key}`)])),
        }}
      />

      <section className="card admin-section" aria-labelledby="admin-timeline">
        <h2 id="admin-timeline">{t("timeline.heading")}</h2>
        <p className="muted">{t("timeline.lead")}</p>
        <OrderTimelineList entries={detail.timeline} currency={order.currency} />
      </section>
    </main>
  );
}
