// /account: the shopper's details, saved cards (remove, make default) and orders (newest first). Signed-out
// visitors are sent to sign in and brought back here.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AccountDetailsForm } from "@/components/account/account-details-form";
import { type SavedCardItem, SavedCardList } from "@/components/account/saved-card-list";
import { listAccountOrders } from "@/lib/accounts/account-orders";
import { brandName, expiryText } from "@/lib/accounts/card-label";
import { currentAccount } from "@/lib/accounts/current-account";
import { isCardExpired, listSavedCards } from "@/lib/accounts/saved-cards";
import { getDb } from "@/lib/db/client";
import { formatMoney } from "@/lib/money/format-money";
import { noticeFor } from "./account-notice";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.account");
  return { title: t("title"), robots: { index: false } };
}

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const account = await currentAccount();
  if (!account) redirect("/signin?callbackUrl=%2Faccount");
  const db = getDb();
  const [t, locale, query, cards, orders] = await Promise.all([
    getTranslations("account.account"),
    getLocale(),
    searchParams,
    listSavedCards(db, account.id),
    listAccountOrders(db, account.id),
  ]);
  const cardLabel = (card: { brand: string; last4: string }) => t("cards.label", { brand: brandName(card.brand), last4: card.last4 });
  const items: SavedCardItem[] = cards.map((card) => {
    const expired = isCardExpired(card);
    return {
      id: card.id,
      label: cardLabel(card),
      expiry: t(expired ? "cards.expired" : "cards.expires", expiryText(card)),
      expired,
      isDefault: card.isDefault,
    };
  });
  const notice = await noticeFor(db, account.id, query, (key, card) => t(key, { card: card ? cardLabel(card) : "" }));
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "America/Mexico_City" });

  return (
    <main className="page narrow-page account-page">
      <h1>{t("title")}</h1>
      <p className="muted">{t("signedInAs", { email: account.email })}</p>
      {notice && (
        <p role={notice.tone === "error" ? "alert" : "status"} className={`notice notice--${notice.tone}`}>
          {notice.text}
        </p>
      )}

      <section className="card account-section" aria-labelledby="account-cards">
        <h2 id="account-cards">{t("cards.heading")}</h2>
        <SavedCardList
          cards={items}
          labels={{
            empty: t("cards.empty"),
            default: t("cards.default"),
            remove: t("cards.remove"),
            removeLabel: (card) => t("cards.removeLabel", { card }),
            makeDefault: t("cards.makeDefault"),
            makeDefaultLabel: (card) => t("cards.makeDefaultLabel", { card }),
          }}
        />
      </section>

      <section className="card account-section" aria-labelledby="account-orders">
        <h2 id="account-orders">{t("orders.heading")}</h2>
        {orders.length === 0 ? (
          <p className="muted">{t("orders.empty")}</p>
        ) : (
          <table className="account-orders-table">
            <thead>
              <tr>
                <th scope="col">{t("orders.number")}</th>
                <th scope="col">{t("orders.date")}</th>
                <th scope="col">{t("orders.status")}</th>
                <th scope="col">{t("orders.total")}</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <tr key={order.publicToken} data-testid="account-order">
                  <td>
                    <Link href={`/orders/${order.publicToken}`}>{t("orders.open", { number: order.orderNumber })}</Link>
                  </td>
                  <td>{dateFormat.format(order.createdAt)}</td>
                  <td>{t(`orders.statuses.${order.status}`)}</td>
                  <td>{formatMoney(order.totalCentavos, order.currency, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card account-section" aria-labelledby="account-details">
        <h2 id="account-details">{t("details.heading")}</h2>
        <p className="muted">{t("details.lead")}</p>
        <AccountDetailsForm
          firstName={account.firstName ?? ""}
          lastName={account.lastName ?? ""}
          strings={{
            firstName: t("details.firstName"),
            lastName: t("details.lastName"),
            save: t("details.save"),
            saved: t("details.saved"),
            errors: { required: t("details.required"), tooLong: t("details.tooLong"), invalid: t("details.invalid") },
          }}
        />
      </section>
    </main>
  );
}
