import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { OrderStatusWatcher } from "@/components/orders/order-status-watcher";
import type { BillingAddressJson } from "@/lib/checkout/checkout-order";
import { getDb } from "@/lib/db/client";
import { formatMoney } from "@/lib/money/format-money";
import { loadOrderByToken } from "@/lib/orders/order-queries";
import { currentAccount } from "@/lib/accounts/current-account";
import { orderAccess } from "@/lib/orders/order-access";
import { CreateAccountOffer } from "@/components/orders/create-account-offer";
import { refundsOfOrder } from "@/lib/refunds/refund-queries";
import { brandName } from "@/lib/accounts/card-label";

export const dynamic = "force-dynamic";
// The order's token is in its URL: it never leaves for another site. `same-origin`, not `no-referrer`: a plain
// form post (the create-account offer without JavaScript) with no referrer carries `Origin: null`, which Next
// refuses for Server Actions.
export const metadata: Metadata = { robots: { index: false }, referrer: "same-origin" };

export default async function OrderPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [view, account] = await Promise.all([loadOrderByToken(getDb(), token), currentAccount()]);
  if (!view) notFound();
  const access = orderAccess(view.order, account);
  if (access === "sign-in") redirect(`/signin?callbackUrl=${encodeURIComponent(`/orders/${token}`)}`);
  if (access === "hidden") notFound();
  const { order, lines, payment, state } = view;
  // Only a paid order can have refunds: an unpaid one needs no query.
  const [t, locale, refunds] = await Promise.all([
    getTranslations("order"),
    getLocale(),
    order.status === "pending" ? [] : refundsOfOrder(getDb(), order.id),
  ]);
  const money = (centavos: number) => formatMoney(centavos, order.currency, locale);
  const address = order.billingAddress as BillingAddressJson;
  const refunded = order.status === "refunded" || order.status === "partially_refunded";
  const refundedCentavos = refunds.filter((r) => r.status === "SUCCEEDED").reduce((sum, r) => sum + r.amountCentavos, 0);
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "America/Mexico_City" });
  return (
    <main className="order-page">
      <h1>{t(`heading.${state}`)}</h1>
      <p role="status">{t(`lead.${state}`, { email: order.email })}</p>
      {state === "processing" ? <OrderStatusWatcher token={token} state={state} /> : null}
      {state === "unpaid" ? (
        <p>
          <a className="button" href="/checkout">
            {t("tryAgain")}
          </a>
        </p>
      ) : null}
      <section className="card" aria-labelledby="order-summary">
        <h2 id="order-summary">{t("summary", { number: order.orderNumber })}</h2>
        <table className="order-lines">
          <caption className="visually-hidden">{t("items")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("item")}</th>
              <th scope="col">{t("quantity")}</th>
              <th scope="col">{t("price")}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.id}>
                <td>{line.name}</td>
                <td>{line.quantity}</td>
                <td>{money(line.lineTotalCentavos)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t("total")}
              </th>
              <td>{money(order.totalCentavos)}</td>
            </tr>
          </tfoot>
        </table>
        <dl className="order-details">
          <dt>{t("status")}</dt>
          <dd>{refunded ? t(`statusValue.${order.status}`) : t(`statusValue.${state}`)}</dd>
          {payment?.cardLast4 ? (
            <>
              <dt>{t("payment")}</dt>
              <dd>{t("card", { brand: brandName(payment.cardBrand ?? "", t("cardGeneric")), last4: payment.cardLast4 })}</dd>
            </>
          ) : null}
          <dt>{t("billingAddress")}</dt>
          <dd>
            {order.firstName} {order.lastName}
            <br />
            {address.line1}
            <br />
            {address.city}, {address.state} {address.postalCode}, {address.country}
          </dd>
          <dt>{t("email")}</dt>
          <dd>{order.email}</dd>
        </dl>
      </section>
      {refunds.length > 0 ? (
        <section className="card order-refunds" aria-labelledby="order-refunds">
          <h2 id="order-refunds">{t("refunds.heading")}</h2>
          {refundedCentavos > 0 ? <p>{t("refunds.notice", { amount: money(refundedCentavos) })}</p> : null}
          <dl className="order-details">
            <dt>{t("refunds.refundedSoFar")}</dt>
            <dd data-testid="order-refunded">{money(refundedCentavos)}</dd>
            <dt>{t("refunds.paidAfterRefunds")}</dt>
            <dd>{money(Math.max(0, order.totalCentavos - refundedCentavos))}</dd>
          </dl>
          <ul className="order-refund-list" aria-label={t("refunds.list")}>
            {refunds.map((refund) => (
              <li key={refund.id} data-testid="order-refund">
                {t("refunds.item", {
                  amount: formatMoney(refund.amountCentavos, refund.currency, locale),
                  status: t(`refunds.statuses.${refund.status}`),
                })}{" "}
                <span className="muted">
                  {t("refunds.date", { date: dateFormat.format(refund.createdAt) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {state === "paid" && order.userId === null && !account ? <CreateAccountOffer token={token} email={order.email} /> : null}
    </main>
  );
}
