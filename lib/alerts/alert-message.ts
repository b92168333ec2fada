// What an alert says: the webhook's JSON and the staff email (English: staff are the merchant's own team). Pure:
// counts, rates and decline codes only, never card data (no card number, brand, last4 or customer).
import type { AlertDecline, AlertKind } from "@/lib/db/schema";
import { type EmailFooter, buttonHtml, escapeHtml, htmlDocument, textDocument } from "@/lib/emails/email-layout";
import type { MailMessage } from "@/lib/mail/send-mail";
import { ratePercent, thresholdPercent } from "./success-rate";

/** One recorded alert, as computed (the exact rate, not the stored real). */
export type AlertFacts = {
  id: string;
  kind: AlertKind;
  rate: number;
  succeeded: number;
  failed: number;
  topDeclines: AlertDecline[];
  windowStart: Date;
  windowEnd: Date;
};

export type AlertPayload = {
  id: string;
  type: AlertKind;
  rate: number;
  threshold: number;
  succeeded: number;
  failed: number;
  total: number;
  topDeclines: AlertDecline[];
  windowStart: string;
  windowEnd: string;
  dashboardUrl: string;
};

export const dashboardUrlOf = (appUrl: string) => `${appUrl}/admin/dashboard`;
export const alertsPageUrlOf = (appUrl: string) => `${appUrl}/admin/alerts`;

/** The webhook's body: a rate of 0..1 rounded to 4 decimals, the window as ISO times. */
export function alertPayload(alert: AlertFacts, threshold: number, appUrl: string): AlertPayload {
  return {
    id: alert.id,
    type: alert.kind,
    rate: Math.round(alert.rate * 10_000) / 10_000,
    threshold,
    succeeded: alert.succeeded,
    failed: alert.failed,
    total: alert.succeeded + alert.failed,
    topDeclines: alert.topDeclines.map(({ code, count }) => ({ code, count })),
    windowStart: alert.windowStart.toISOString(),
    windowEnd: alert.windowEnd.toISOString(),
    dashboardUrl: dashboardUrlOf(appUrl),
  };
}

export function alertSubject(kind: AlertKind, rate: number, threshold: number): string {
  return kind === "success_rate_low"
    ? `Payment success rate is ${ratePercent(rate)} (below ${thresholdPercent(threshold)})`
    : `Payment success rate recovered: ${ratePercent(rate)}`;
}

/** The email to one staff address; its event key makes it once per alert and address. */
export function alertEmail(alert: AlertFacts, to: string, threshold: number, appUrl: string): MailMessage {
  const total = alert.succeeded + alert.failed;
  const minutes = Math.round((alert.windowEnd.getTime() - alert.windowStart.getTime()) / 60_000);
  const subject = alertSubject(alert.kind, alert.rate, threshold);
  const summary = `In the last ${minutes} minutes, ${alert.succeeded} of ${total} card payments succeeded (${ratePercent(alert.rate)}).`;
  const verdict =
    alert.kind === "success_rate_low"
      ? `That is below the alert threshold of ${thresholdPercent(threshold)}. You will get one more email when it recovers.`
      : `That is back at or above the alert threshold of ${thresholdPercent(threshold)}.`;
  const declines = alert.topDeclines.map((d) => `${d.code}: ${d.count}`);
  const declinesTitle = alert.kind === "success_rate_low" ? "Top decline reasons" : "Top decline reasons in the window";
  const window = `Window: ${utc(alert.windowStart)} to ${utc(alert.windowEnd)} (UTC)`;
  const dashboard = dashboardUrlOf(appUrl);
  const footer: EmailFooter = {
    help: "You get this email because your address is one of the back office's staff addresses (ADMIN_EMAILS).",
    supportLine: `Every alert: ${alertsPageUrlOf(appUrl)}`,
    links: [{ label: "Alert history", url: alertsPageUrlOf(appUrl) }],
  };
  const declinesHtml =
    declines.length === 0
      ? ""
      : `<p style="margin:12px 0 4px;font-weight:600">${escapeHtml(declinesTitle)}</p>\n<ul style="margin:0;padding-left:20px">${declines
          .map((line) => `<li>${escapeHtml(line)}</li>`)
          .join("")}</ul>`;
  const declinesText = declines.length === 0 ? "" : `\n\n${declinesTitle}:\n${declines.map((line) => `- ${line}`).join("\n")}`;
  return {
    eventKey: `alert:${alert.id}:${to}`,
    to,
    subject,
    html: htmlDocument(
      subject,
      [`<p>${escapeHtml(summary)} ${escapeHtml(verdict)}</p>`, declinesHtml, `<p style="color:#697386;font-size:14px">${escapeHtml(window)}</p>`, buttonHtml("Open the dashboard", dashboard)]
        .filter(Boolean)
        .join("\n"),
      footer,
    ),
    text: textDocument(subject, `${summary} ${verdict}${declinesText}\n\n${window}\n\nOpen the dashboard: ${dashboard}`, footer),
  };
}

function utc(date: Date): string {
  return date.toISOString().slice(0, 16).replace("T", " ");
}
