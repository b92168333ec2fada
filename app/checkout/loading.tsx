// While the checkout's cart and payment state load: the page's frame, announced politely.
import { getTranslations } from "next-intl/server";
import styles from "@/components/checkout/checkout-page.module.css";

export default async function CheckoutLoading() {
  const t = await getTranslations("checkout");
  return (
    <main className={`page ${styles.page}`}>
      <h1 className={styles.title}>{t("title")}</h1>
      <p role="status" className={styles.loading}>
        {t("loading")}
      </p>
    </main>
  );
}
