// The order's timeline in words, oldest first: each entry's time, what happened and its whitelisted details.
import { getLocale, getTranslations } from "next-intl/server";
import { brandName } from "@/lib/accounts/card-label";
import { BACK_OFFICE_TIME_ZONE } from "@/lib/admin/order-search";
import type { TimelineEntry } from "@/lib/admin/order-timeline";
import { formatMoney } from "@/lib/money/format-money";

type Described = { title: string; details: string[]; tone?: "error" | "success" };

export async function OrderTimelineList({ entries, currency }: { entries: TimelineEntry[]; currency: string }) {
  const [t, tAdmin, locale] = await Promise.all([getTranslations("admin.timeline"), getTranslations("admin"), getLocale()]);
  const time = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium", timeZone: BACK_OFFICE_TIME_ZONE });
  const money = (centavos: number) => formatMoney(centavos, currency, locale);
  const attemptStatus = (status: string | null) =>
    status && t.has(`attemptStatuses.${status}`) ? t(`attemptStatuses.${status}`) : (status ?? t("unknownStatus"));
  const card = (brand: string | null, last4: string) => tAdmin("card", { brand: brandName(brand ?? "", tAdmin("cardGeneric")), last4 });

  const describe = (entry: TimelineEntry): Described => {
    switch (entry.type) {
      case "order-created":
        return { title: t("orderCreated"), details: [] };
      case "attempt":
        return {
          title: t("attempt", { number: entry.number, amount: formatMoney(entry.amountCentavos, entry.currency, locale) }),
          details: [
            t("attemptNow", { status: attemptStatus(entry.status) }),
            ...(entry.cardLast4 ? [t("card", { card: card(entry.cardBrand, entry.cardLast4) })] : []),
            ...(entry.declineCode ? [t("declineCode", { code: entry.declineCode })] : []),
          ],
          tone: entry.status === "succeeded" ? "success" : entry.status === "failed" || entry.status === "expired" ? "error" : undefined,
        };
      case "email":
        return {
          title: t("email", { kind: t.has(`emailKinds.${entry.emailKind}`) ? t(`emailKinds.${entry.emailKind}`) : entry.emailKind }),
          details: [
            ...(entry.recipient ? [t("emailTo", { recipient: entry.recipient })] : []),
            entry.sent ? t("emailSent") : t("emailNotSent", { attempts: entry.attempts }),
            ...(!entry.sent && entry.lastError ? [t("emailError", { error: entry.lastError })] : []),
          ],
          tone: entry.sent ? undefined : "error",
        };
      case "event":
        return describeEvent(entry);
    }
  };

  const describeEvent = ({ detail, attemptNumber }: Extract<TimelineEntry, { type: "event" }>): Described => {
    switch (detail.kind) {
      case "attempt.status":
        return {
          title:
            attemptNumber !== null
              ? t("attemptStatus", { number: attemptNumber, status: attemptStatus(detail.status) })
              : t("attemptStatusNoNumber", { status: attemptStatus(detail.status) }),
          details: [
            ...(detail.source ? [t("source", { source: detail.source })] : []),
            ...(detail.declineCode ? [t("declineCode", { code: detail.declineCode })] : []),
          ],
          tone: detail.status === "succeeded" ? "success" : detail.status === "failed" || detail.status === "expired" ? "error" : undefined,
        };
      case "order.paid":
        return { title: t("orderPaid"), details: [], tone: "success" };
      case "webhook.received":
        return {
          title: detail.type ? t("webhook", { type: detail.type }) : t("webhookUnknown"),
          details: [
            ...(detail.cheqpayStatus ? [t("cheqpayStatus", { status: detail.cheqpayStatus })] : []),
            ...(detail.eventId ? [t("eventId", { id: detail.eventId })] : []),
          ],
        };
      case "attempt.second_charge":
        return {
          title: attemptNumber !== null ? t("secondCharge", { number: attemptNumber }) : t("secondChargeNoNumber"),
          details: [
            ...(detail.cheqpayOrderId ? [t("cheqpayOrder", { id: detail.cheqpayOrderId })] : []),
            ...(detail.source ? [t("source", { source: detail.source })] : []),
          ],
          tone: "error",
        };
      case "refund.requested":
        return { title: detail.amountCentavos !== null ? t("refundRequested", { amount: money(detail.amountCentavos) }) : t("refundRequestedNoAmount"), details: [] };
      case "refund.succeeded":
        return {
          title: detail.amountCentavos !== null ? t("refundSucceeded", { amount: money(detail.amountCentavos) }) : t("refundSucceededNoAmount"),
          details: [],
          tone: "success",
        };
      case "refund.failed":
        return { title: t("refundFailed"), details: detail.reason ? [t("reason", { reason: detail.reason })] : [], tone: "error" };
      case "cheqpay.call":
        return {
          title: t("cheqpayCall", { operation: [detail.method, detail.operation].filter(Boolean).join(" ") || "?" }),
          details: [
            detail.httpStatus !== null ? t("httpStatus", { status: detail.httpStatus }) : t("noResponse"),
            ...(detail.durationMs !== null ? [t("duration", { ms: detail.durationMs })] : []),
            ...(detail.attempt !== null ? [t("try", { attempt: detail.attempt })] : []),
            ...(detail.errorCode ? [t("errorCode", { code: detail.errorCode })] : []),
            ...(detail.willRetry === true ? [t("willRetry")] : detail.willRetry === false && detail.errorCode ? [t("noRetry")] : []),
          ],
          tone: detail.httpStatus === null || detail.httpStatus >= 400 ? "error" : undefined,
        };
      case "other":
        return { title: t("other", { name: detail.name }), details: [] };
    }
  };

  if (entries.length === 0) return <p className="muted">{t("empty")}</p>;
  return (
    <ol className="admin-timeline">
      {entries.map((entry) => {
        const { title, details, tone } = describe(entry);
        return (
          <li key={entry.key} className={`admin-timeline__entry${tone ? ` admin-timeline__entry--${tone}` : ""}`} data-testid="timeline-entry">
            <time dateTime={entry.at.toISOString()} className="admin-timeline__time">
              {time.format(entry.at)}
            </time>
            <span className="admin-timeline__title">{title}</span>
            {details.length > 0 && <span className="admin-timeline__details">{details.join(" · ")}</span>}
          </li>
        );
      })}
    </ol>
  );
}
