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

export const dynamic = "force-dynamic";
export const metadata: Metadata = { robots: { index: false }, referrer: "no-referrer" };

const BRAND_NAMES: Record<string, string> = { visa: "Visa", mastercard: "Mastercard", amex: "American Express" };

export default async function OrderPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [view, account] = await Promise.all([loadOrderByToken(getDb(), token), currentAccount()]);
  if (!view) notFound();
  const access = orderAccess(view.order, account);
  if (access === "sign-in") redirect(`/signin?callbackUrl=${encodeURIComponent(`/orders/${token}`)}`);
  if (access === "hidden") notFound();
  const [t, locale] = await Promise.all([getTranslations("order"), getLocale()]);
  const { order, lines, payment, state } = view;
  const money = (centavos: number) => formatMoney(centavos, order.currency, locale);
  const address = order.billingAddress as BillingAddressJson;
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
          <dd>{t(`statusValue.${state}`)}</dd>
          {payment?.cardLast4 ? (
            <>
              <dt>{t("payment")}</dt>
              <dd>{t("card", { brand: BRAND_NAMES[payment.cardBrand ?? ""] ?? t("cardGeneric"), last4: payment.cardLast4 })}</dd>
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
      {state === "paid" && order.userId === null && !account ? <CreateAccountOffer token={token} email={order.email} /> : null}
    </main>
  );
}
