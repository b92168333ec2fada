// The every-minute job that keeps our orders true without the shopper coming back: attempts stuck in flight
// are read from Cheqpay (by id, or by our externalId when the create call's answer was lost) and moved through
// the state machine; abandoned 3-D Secure steps end; unsent emails and unprocessed refunds are queued again.
import { and, asc, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { CheqpayClient } from "@/lib/cheqpay";
import { AUTHENTICATION_TTL_MS } from "@/lib/checkout/abandoned-authentications";
import { applyAttemptStatus } from "@/lib/checkout/apply-attempt-status";
import { reconcileAttempt } from "@/lib/checkout/attempt-outcome";
import { isInFlight } from "@/lib/checkout/attempt-status";
import type { Database } from "@/lib/db/client";
import { paymentAttempts, refunds } from "@/lib/db/schema";
import { queueOutboxEmails, unsentOutboxIds } from "@/lib/emails/outbox";
import { type JobQueue, QUEUES } from "@/lib/queue/queues";

/** A submission still in flight after this long lost its answer (the default of RECONCILE_STALE_AFTER_SECONDS). */
export const STUCK_SUBMISSION_SECONDS = 120;

export type ReconcileSummary = { checked: number; settled: number; expired: number; emailsQueued: number; refundsQueued: number };

export async function reconcilePayments(
  db: Database,
  cheqpay: CheqpayClient,
  queue: JobQueue | null,
  options: { stuckAfterSeconds?: number; authenticationTtlMs?: number; limit?: number } = {},
): Promise<ReconcileSummary> {
  const stuckAfter = options.stuckAfterSeconds ?? STUCK_SUBMISSION_SECONDS;
  const ttlSeconds = (options.authenticationTtlMs ?? AUTHENTICATION_TTL_MS) / 1000;
  const stuck = await db
    .select()
    .from(paymentAttempts)
    .where(
      or(
        and(inArray(paymentAttempts.status, ["created", "submitted"]), lt(paymentAttempts.updatedAt, sql`now() - make_interval(secs => ${stuckAfter})`)),
        and(
          inArray(paymentAttempts.status, ["requires_device_data", "requires_challenge"]),
          lt(paymentAttempts.updatedAt, sql`now() - make_interval(secs => ${ttlSeconds})`),
        ),
      ),
    )
    .orderBy(asc(paymentAttempts.updatedAt))
    .limit(options.limit ?? 100);

  const summary: ReconcileSummary = { checked: stuck.length, settled: 0, expired: 0, emailsQueued: 0, refundsQueued: 0 };
  for (const attempt of stuck) {
    const current = await reconcileAttempt(db, cheqpay, attempt, "reconciliation");
    if (!isInFlight(current.status)) {
      summary.settled++;
      continue;
    }
    // Still waiting for the shopper at Cheqpay after the session's lifetime: it can only fail now.
    if (current.status === "requires_device_data" || current.status === "requires_challenge") {
      const { changed } = await applyAttemptStatus(db, current.id, { status: "expired", declineCode: "AUTHENTICATION_FAILED" }, "reconciliation", {
        reason: "abandoned",
      });
      if (changed) summary.expired++;
    }
  }

  const emails = await unsentOutboxIds(db);
  await queueOutboxEmails(emails, queue);
  summary.emailsQueued = queue ? emails.length : 0;

  const pendingRefunds = await db
    .select({ id: refunds.id })
    .from(refunds)
    .where(and(eq(refunds.status, "PENDING"), lt(refunds.updatedAt, sql`now() - interval '30 seconds'`)))
    .limit(200);
  for (const { id } of pendingRefunds) {
    await queue?.send(QUEUES.processRefund, { refundId: id }, id).catch(() => undefined);
  }
  summary.refundsQueued = queue ? pendingRefunds.length : 0;
  return summary;
}
