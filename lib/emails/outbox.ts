// Writing to the email outbox (inside the transaction of the change that causes the email) and asking for the
// send right after the commit. The sweep in the reconciliation job sends whatever was not asked for.
import { AsyncLocalStorage } from "node:async_hooks";
import { and, asc, isNull, lt, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/lib/db/client";
import { emailOutbox, type OutboxEmailKind } from "@/lib/db/schema";
import { defaultJobQueue } from "@/lib/queue/default-queue";
import { type JobQueue, QUEUES } from "@/lib/queue/queues";
import { getLogger } from "@/lib/observability/logger";

/** One email per event: a second write with the same key changes nothing. The new row's id, or null. */
export async function addToOutbox(tx: Transaction | Database, entry: OutboxEntry): Promise<string | null> {
  const [row] = await outboxInsert(tx, entry);
  return row?.id ?? null;
}

type OutboxEntry = { eventKey: string; kind: OutboxEmailKind; orderId: string; refundId?: string };

/** The statement behind `addToOutbox` (answers the new row's id, or no row), to send with others (lib/db/in-order.ts). */
export function outboxInsert(tx: Transaction | Database, entry: OutboxEntry) {
  return tx.insert(emailOutbox).values(entry).onConflictDoNothing().returning({ id: emailOutbox.id });
}

type Deferred = { ids: string[]; queue: JobQueue | null }[];
const insideTransaction = new AsyncLocalStorage<Deferred>();

/**
 * Runs `work`, which opens a transaction (or is one), and queues the emails asked for inside it only once it has
 * returned. Inside, the outbox rows are not committed yet (a job would not find them), and queueing would take a
 * second connection of the pool while the transaction holds one: enough such requests at once would each hold
 * one and wait forever. If `work` throws, nothing is queued (its rows were rolled back).
 */
export async function queueEmailsAfter<T>(work: () => Promise<T>): Promise<T> {
  const deferred: Deferred = [];
  const result = await insideTransaction.run(deferred, work);
  for (const { ids, queue } of deferred) await queueOutboxEmails(ids, queue);
  return result;
}

/** After the commit: queue the sends (best effort; the sweep catches any that fail here). */
export async function queueOutboxEmails(ids: readonly string[], queue: JobQueue | null = defaultJobQueue()): Promise<void> {
  const deferred = insideTransaction.getStore();
  if (deferred) {
    if (ids.length > 0) deferred.push({ ids: [...ids], queue });
    return;
  }
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
