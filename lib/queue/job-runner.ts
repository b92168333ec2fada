// Starts pg-boss on the app's database: creates the queues, registers the workers and the schedules (the
// every-minute reconciliation, the success-rate check every 5 minutes). Several app instances may run it
// against one database: pg-boss hands each job to one of them.
import PgBoss from "pg-boss";
import type postgres from "postgres";
import { recordEvent } from "@/lib/observability/events";
import { getLogger } from "@/lib/observability/logger";
import { getMetrics } from "@/lib/observability/metrics";
import { runWithRequestContext } from "@/lib/observability/request-context";
import { concurrencyLimit } from "./concurrency-limit";
import { pgBossDb } from "./pg-boss-adapter";
import { type JobQueue, QUEUE_OPTIONS, QUEUES, type QueueName } from "./queues";

export type JobHandlers = Record<QueueName, (data: Record<string, string>) => Promise<void>>;

export type JobRunner = JobQueue & { stop(): Promise<void>; boss: PgBoss };

/** Jobs taken per fetch: emails are many and quick, refunds fewer, the reconciliation one at a time. */
const BATCH_SIZES: Record<QueueName, number> = { "send-email": 20, "process-refund": 5, "reconcile-payments": 1, "check-success-rate": 1, "check-key-age": 1, "prune-records": 1 };
/**
 * Jobs running at once in this process, whatever their queue. A job may hold a transaction and need a second
 * connection of its pool (an email's own record): the handlers' pool must hold more connections than this.
 */
export const MAX_CONCURRENT_JOBS = 4;

export async function startJobRunner(
  sql: postgres.Sql,
  handlers: JobHandlers,
  /** `work: false`: queue jobs only (a web instance whose jobs run in worker processes): no workers, no schedules,
   *  no maintenance. */
  options: { pollingIntervalSeconds?: number; schedule?: boolean; maxConcurrentJobs?: number; work?: boolean } = {},
): Promise<JobRunner> {
  const work = options.work ?? true;
  const schedule = work && (options.schedule ?? true);
  const limit = concurrencyLimit(options.maxConcurrentJobs ?? MAX_CONCURRENT_JOBS);
  const boss = new PgBoss({ db: pgBossDb(sql), schema: "pgboss", schedule, supervise: work } as PgBoss.ConstructorOptions);
  boss.on("error", (error) => getLogger().error({ event: "queue.error", err: error }, "the job queue reported an error"));
  await oneStartAtATime(sql, async () => {
    await boss.start();
    for (const name of Object.values(QUEUES)) {
      if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, ...QUEUE_OPTIONS[name] });
    }
  });
  const polling = options.pollingIntervalSeconds ?? 2;
  for (const name of work ? Object.values(QUEUES) : []) {
    // pg-boss waits out the polling interval after every fetch, even a full one: jobs are taken in batches and
    // run side by side, each failing on its own (a failed job is retried with backoff; the rest complete).
    await boss.work<Record<string, string>>(name, { pollingIntervalSeconds: polling, batchSize: BATCH_SIZES[name] }, async (jobs) => {
      await Promise.all(
        // Each job is a request of its own: its log lines and Cheqpay calls carry the job's id.
        jobs.map((job) =>
          limit(() => runWithRequestContext({ requestId: `job-${job.id}` }, async () => {
            try {
              await handlers[name](job.data);
              getMetrics().jobs.inc({ queue: name, result: "completed" });
            } catch (error) {
              getMetrics().jobs.inc({ queue: name, result: "failed" });
              recordEvent("job.failed", { queue: name, jobId: job.id, err: error });
              const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
              await boss.fail(name, job.id, { message });
            }
          })),
        ),
      );
    });
  }
  if (schedule) {
    await boss.schedule(QUEUES.reconcilePayments, "* * * * *", {}, { tz: "UTC" });
    await boss.schedule(QUEUES.checkSuccessRate, "*/5 * * * *", {}, { tz: "UTC" });
    // 08:00 in Mexico City: the daily reminder lands when the merchant's day starts.
    await boss.schedule(QUEUES.checkKeyAge, "0 8 * * *", {}, { tz: "America/Mexico_City" });
    // 03:30 in Mexico City: the quietest hour of the shop.
    await boss.schedule(QUEUES.pruneRecords, "30 3 * * *", {}, { tz: "America/Mexico_City" });
  }
  return {
    boss,
    async send(queue, data, key) {
      await boss.send(queue, data, { singletonKey: key });
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

/**
 * Making a queue is DDL on pgboss.job (a partition each, with foreign keys to pgboss.queue): instances starting
 * at once on a fresh database deadlocked in it, and the loser's start failed. So the instances start one at a
 * time, under a session advisory lock held on a connection of its own (the pool needs two at least), and an
 * instance leaves the queues that exist alone (no DDL while other instances work). A crash frees the lock.
 */
async function oneStartAtATime(sql: postgres.Sql, start: () => Promise<void>): Promise<void> {
  const holder = await sql.reserve();
  try {
    await holder`select pg_advisory_lock(hashtextextended('cheqpay:job-runner-start', 0))`;
    try {
      await start();
    } finally {
      await holder`select pg_advisory_unlock(hashtextextended('cheqpay:job-runner-start', 0))`;
    }
  } finally {
    holder.release();
  }
}
