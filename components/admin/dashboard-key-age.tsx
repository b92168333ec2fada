// The Cheqpay API key's age (CHEQPAY_API_KEY_CREATED_AT): a warning once it is due for rotation, a note when
// nobody set the date.
import { getTranslations } from "next-intl/server";
import type { KeyAgeStatus } from "@/lib/operations/key-age";

export async function DashboardKeyAge({ status }: { status: KeyAgeStatus }) {
  const t = await getTranslations("admin.dashboard.keyAge");
  switch (status.state) {
    case "rotate":
      return (
        <p className="dashboard-notice dashboard-notice--warning" data-testid="dashboard-key-age">
          {t("rotate", { days: status.days, maxDays: status.maxDays })}
        </p>
      );
    case "unknown":
      return (
        <p className="dashboard-notice" data-testid="dashboard-key-age">
          {t("unknown")}
        </p>
      );
    case "ok":
      return (
        <p className="muted" data-testid="dashboard-key-age">
          {t("ok", { days: status.days, maxDays: status.maxDays })}
        </p>
      );
  }
}
