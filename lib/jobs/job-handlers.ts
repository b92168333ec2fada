// What each queue's job does, given the process's database, Cheqpay client, mailer and queue.
import { alertSettingsFrom, checkSuccessRate, type SuccessRateAlertSettings } from "@/lib/alerts/check-success-rate";
import type { CheqpayClient } from "@/lib/cheqpay";
import { getConfig } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { queueOutboxEmails } from "@/lib/emails/outbox";
import type { EmailContext } from "@/lib/emails/render-order-email";
import { sendOutboxEmail } from "@/lib/emails/send-outbox-email";
import type { Mailer } from "@/lib/mail/send-mail";
import type { JobHandlers } from "@/lib/queue/job-runner";
import type { JobQueue } from "@/lib/queue/queues";
import { processRefund } from "@/lib/refunds/process-refund";
import { reconcilePayments } from "./reconcile-payments";
import { getLogger } from "@/lib/observability/logger";
import { logKeyAge } from "@/lib/operations/key-age-warning";
import { pruneRecords } from "@/lib/operations/prune-records";

export type JobDependencies = {
  db: Database;
  cheqpay: CheqpayClient;
  mailer: Pick<Mailer, "sendMail">;
  email: EmailContext;
  /** The queue itself, for jobs that queue others; read when a job runs (the runner is made after the handlers). */
  queue: () => JobQueue | null;
  /** How long a refund whose earlier call's outcome is unknown waits before being posted again (tests: 0). */
  refundResubmitAfterMs?: number;
  /** A submission unanswered this long is read back from Cheqpay by the reconciliation (default 120). */
  reconcileStaleAfterSeconds?: number;
  /** What the daily clean-up keeps, in days; default: from the process's configuration. */
  recordsRetentionDays?: number;
  /** The success-rate alert's threshold, webhook and staff; default: from the process's configuration. */
  alertSettings?: SuccessRateAlertSettings;
};

export function jobHandlers(deps: JobDependencies): JobHandlers {
  return {
    "process-refund": async ({ refundId }) => {
      if (!refundId) return;
      const { outboxIds } = await processRefund(deps.db, deps.cheqpay, refundId, { resubmitAfterMs: deps.refundResubmitAfterMs });
      await queueOutboxEmails(outboxIds, deps.queue());
    },
    "send-email": async ({ outboxId }) => {
      if (!outboxId) return;
      await sendOutboxEmail(deps.db, deps.mailer, deps.email, outboxId);
    },
    "reconcile-payments": async () => {
      const summary = await reconcilePayments(deps.db, deps.cheqpay, deps.queue(), { stuckAfterSeconds: deps.reconcileStaleAfterSeconds });
      if (summary.settled + summary.expired > 0) getLogger().info({ event: "reconciliation.settled", ...summary }, "reconciliation moved stuck payments on");
    },
    "check-key-age": async () => {
      logKeyAge(getConfig().operations.apiKeyCreatedAt, new Date());
    },
    "prune-records": async () => {
      const pruned = await pruneRecords(deps.db, deps.recordsRetentionDays ?? getConfig().jobs.recordsRetentionDays);
      getLogger().info({ event: "records.pruned", ...pruned }, "the daily clean-up deleted old records");
    },
    "check-success-rate": async () => {
      await checkSuccessRate(deps.db, deps.mailer, deps.alertSettings ?? alertSettingsFrom(getConfig()));
    },
  };
}
