// Writing to the email outbox (inside the transaction of the change that causes the email) and asking for the
// send right after the commit. The sweep in the reconciliation job sends whatever was not asked for.
import { and, asc, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { emailOutbox, type OutboxEmailKind } from "@/lib/db/schema";
import { defaultJobQueue } from "@/lib/queue/default-queue";
import { type JobQueue, QUEUES } from "@/lib/queue/queues";
import { getLogger } from "@/lib/observability/logger";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** One email per event: a second write with the same key changes nothing. The new row's id, or null. */
export async function addToOutbox(
  tx: Transaction | Database,
  entry: { eventKey: string; kind: OutboxEmailKind; orderId: string; refundId?: string },
): Promise<string | null> {
  const [row] = await tx.insert(emailOutbox).values(entry).onConflictDoNothing().returning({ id: emailOutbox.id });
  return row?.id ?? null;
}

/** After the commit: queue the sends (best effort; the sweep catches any that fail here). */
export async function queueOutboxEmails(ids: readonly string[], queue: JobQueue | null = defaultJobQueue()): Promise<void> {
  if (!queue) return;
  for (const id of ids) {
    await queue.send(QUEUES.sendEmail, { outboxId: id }, id).catch((error: unknown) => {
      getLogger().error({ event: "email.queue_failed", outboxId: id, err: error }, "queueing the email failed; the sweep will queue it");
    });
  }
}

/** Unsent outbox emails older than `olderThanSeconds`: the sweep queues them again. */
export async function unsentOutboxIds(db: Database, olderThanSeconds = 30, limit = 200): Promise<string[]> {
  const rows = await db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(and(isNull(emailOutbox.sentAt), lt(emailOutbox.createdAt, sql`now() - make_interval(secs => ${olderThanSeconds})`)))
    .orderBy(asc(emailOutbox.createdAt))
    .limit(limit);
  return rows.map((row) => row.id);
}
