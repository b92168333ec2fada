// The `check-success-rate` job (every 5 minutes): the success rate of the card payments that reached a final status
// in the last 15 minutes, decided by ./success-rate.ts against the latest recorded alert, and delivered to
// ALERT_WEBHOOK_URL and each staff address. The read-decide-insert runs under a transaction-scoped advisory lock,
// so two app instances running the check at once record one alert between them. Delivery happens after the
// commit: a webhook that fails or hangs (5 s) is recorded on the row and never fails the job.
import { and, desc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import type { AppConfig } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { type AlertWebhookStatus, alerts, paymentAttempts } from "@/lib/db/schema";
import type { Mailer } from "@/lib/mail/send-mail";
import { getLogger } from "@/lib/observability/logger";
import { type AlertFacts, alertEmail, alertPayload } from "./alert-message";
import { type AlertDecision, type SuccessRateWindow, SUCCESS_RATE_WINDOW_MINUTES, decide, isAlerting, summarizeWindow, windowEndingAt } from "./success-rate";

export type SuccessRateAlertSettings = {
  /** The threshold, 0..1 (ALERT_SUCCESS_RATE). */
  successRate: number;
  /** Fewer final payments in the window than this: no decision (ALERT_MIN_PAYMENTS). */
  minPayments: number;
  webhookUrl: string | null;
  /** Staff (ADMIN_EMAILS): each gets one email per alert. */
  staffEmails: readonly string[];
  appUrl: string;
};

export function alertSettingsFrom(config: AppConfig): SuccessRateAlertSettings {
  const { successRate, minPayments, webhookUrl } = config.operations.alert;
  return { successRate, minPayments, webhookUrl, staffEmails: config.admin.emails, appUrl: config.appUrl };
}

export type CheckOptions = {
  windowMinutes?: number;
  webhookTimeoutMs?: number;
  fetch?: typeof fetch;
};

export type CheckResult = {
  window: SuccessRateWindow;
  windowStart: Date;
  windowEnd: Date;
  decision: AlertDecision;
  /** The alert recorded by this check, with its webhook's outcome; null when nothing changed. */
  alert: (AlertFacts & { webhookStatus: AlertWebhookStatus }) | null;
  emailsSent: number;
};

export const WEBHOOK_TIMEOUT_MS = 5_000;
const FINAL = ["succeeded", "failed", "expired"] as const;

export async function checkSuccessRate(
  db: Database,
  mailer: Pick<Mailer, "sendMail">,
  settings: SuccessRateAlertSettings,
  options: CheckOptions = {},
): Promise<CheckResult> {
  const minutes = options.windowMinutes ?? SUCCESS_RATE_WINDOW_MINUTES;
  const checked = await db.transaction(async (tx) => {
    // One check at a time across every instance; released with the transaction.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('cheqpay-checkout:check-success-rate'))`);
    // The database's clock, the one updated_at is written with; read after the lock, so a check that waited
    // sees the alert the other one recorded.
    const [bounds] = await tx.execute<{ end_ms: number }>(sql`select (extract(epoch from clock_timestamp()) * 1000)::float8 as end_ms`);
    const { windowStart, windowEnd } = windowEndingAt(Number(bounds!.end_ms), minutes);
    const rows = await tx
      .select({ status: paymentAttempts.status, declineCode: paymentAttempts.declineCode, count: sql<number>`count(*)::int` })
      .from(paymentAttempts)
      .where(and(inArray(paymentAttempts.status, [...FINAL]), gt(paymentAttempts.updatedAt, windowStart), lte(paymentAttempts.updatedAt, windowEnd)))
      .groupBy(paymentAttempts.status, paymentAttempts.declineCode);
    const window = summarizeWindow(rows.map((row) => ({ ...row, count: Number(row.count) })));
    const [latest] = await tx.select({ kind: alerts.kind }).from(alerts).orderBy(desc(alerts.createdAt)).limit(1);
    const decision = decide(window, isAlerting(latest?.kind ?? null), settings);
    if (decision.action === "none" || window.rate === null) return { window, windowStart, windowEnd, decision, alert: null };
    const [row] = await tx
      .insert(alerts)
      .values({
        kind: decision.kind,
        rate: window.rate,
        succeeded: window.succeeded,
        failed: window.failed,
        topDeclines: window.topDeclines,
        windowStart,
        windowEnd,
        webhookStatus: settings.webhookUrl ? null : "not_configured",
      })
      .returning({ id: alerts.id });
    const { succeeded, failed, topDeclines } = window;
    const alert: AlertFacts = { id: row!.id, kind: decision.kind, rate: window.rate, succeeded, failed, topDeclines, windowStart, windowEnd };
    return { window, windowStart, windowEnd, decision, alert };
  });
  if (!checked.alert) return { ...checked, alert: null, emailsSent: 0 };
  const delivered = await deliverAlert(db, mailer, settings, checked.alert, options);
  return { ...checked, ...delivered };
}

/** The webhook (its outcome recorded on the row), then one email per staff address. Never throws for either. */
async function deliverAlert(
  db: Database,
  mailer: Pick<Mailer, "sendMail">,
  settings: SuccessRateAlertSettings,
  alert: AlertFacts,
  options: CheckOptions,
): Promise<{ alert: AlertFacts & { webhookStatus: AlertWebhookStatus }; emailsSent: number }> {
  const log = getLogger();
  log.warn(
    { alertId: alert.id, kind: alert.kind, rate: alert.rate, succeeded: alert.succeeded, failed: alert.failed, topDeclines: alert.topDeclines },
    `success-rate alert: ${alert.kind}`,
  );
  let webhookStatus: AlertWebhookStatus = "not_configured";
  if (settings.webhookUrl) {
    const outcome = await postAlertWebhook(settings.webhookUrl, alertPayload(alert, settings.successRate, settings.appUrl), options);
    webhookStatus = outcome.ok ? "delivered" : "failed";
    if (!outcome.ok) log.error({ alertId: alert.id, status: outcome.status, error: outcome.error }, "success-rate alert: webhook delivery failed");
    await db.update(alerts).set({ webhookStatus }).where(eq(alerts.id, alert.id));
  }
  let emailsSent = 0;
  for (const to of settings.staffEmails) {
    try {
      const sent = await mailer.sendMail(db, alertEmail(alert, to, settings.successRate, settings.appUrl));
      if (sent.sent) emailsSent++;
    } catch (error) {
      log.error({ alertId: alert.id, error: error instanceof Error ? error.name : "unknown" }, "success-rate alert: email not sent");
    }
  }
  return { alert: { ...alert, webhookStatus }, emailsSent };
}

export type WebhookOutcome = { ok: boolean; status: number | null; error: string | null };

/** POSTs the alert's JSON; a 2xx is delivered. Times out after 5 s; redirects are not followed. */
export async function postAlertWebhook(url: string, payload: unknown, options: CheckOptions = {}): Promise<WebhookOutcome> {
  const send = options.fetch ?? fetch;
  try {
    const response = await send(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "cheqpay-checkout-alerts" },
      body: JSON.stringify(payload),
      redirect: "manual",
      signal: AbortSignal.timeout(options.webhookTimeoutMs ?? WEBHOOK_TIMEOUT_MS),
    });
    await response.body?.cancel().catch(() => undefined);
    return { ok: response.ok, status: response.status, error: response.ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, status: null, error: error instanceof Error ? error.name : "unknown" };
  }
}
