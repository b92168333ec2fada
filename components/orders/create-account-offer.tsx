// After a guest purchase: offer an account with the order's email (a sign-in link is emailed there; the
// first sign-in creates the account). The email comes from the order on the server, never from the page.
import { getTranslations } from "next-intl/server";
import { createAccountFromOrderAction } from "@/app/orders/[token]/actions";

export async function CreateAccountOffer({ token, email }: { token: string; email: string }) {
  const t = await getTranslations("account.orderOffer");
  return (
    <section className="card account-offer" aria-labelledby="account-offer-heading">
      <h2 id="account-offer-heading">{t("heading")}</h2>
      <p>{t("body", { email })}</p>
      <form action={createAccountFromOrderAction}>
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="button button--primary">
          {t("submit")}
        </button>
      </form>
    </section>
  );
}
