// Starts this server instance's job runner (pg-boss on the app's database) with the app's handlers, makes it
// the process's queue for work queued after a commit, and queues one reconciliation at once (payments a crash
// left in flight). The caller stops it (`stop`: running jobs finish, then the queue's pool closes). With RUN_JOBS=false the instance only queues: worker
// processes (scripts/worker.ts) work the jobs, on other cores or machines than the requests.
import { getCheqpayClient } from "@/lib/cheqpay";
import type { AppConfig } from "@/lib/config";
import { createDatabase, getDb } from "@/lib/db/client";
import { getMailer } from "@/lib/mail/send-mail";
import { setDefaultJobQueue } from "@/lib/queue/default-queue";
import { type JobRunner, startJobRunner } from "@/lib/queue/job-runner";
import { QUEUES } from "@/lib/queue/queues";
import { jobHandlers } from "./job-handlers";

export type StartedJobs = { runner: JobRunner; stop(): Promise<void> };

export async function startJobs(config: AppConfig): Promise<StartedJobs> {
  let runner: JobRunner | null = null;
  const handlers = jobHandlers({
    db: getDb(),
    cheqpay: getCheqpayClient(),
    mailer: getMailer(),
    email: { appUrl: config.appUrl, support: config.support },
    queue: () => runner,
    reconcileStaleAfterSeconds: config.jobs.reconcileStaleAfterSeconds,
  });
  // pg-boss's own pool: requests queue work (an email after a payment) without ever waiting behind the jobs'
  // database work, and the jobs (at most MAX_CONCURRENT_JOBS at once) keep the handlers' pool to themselves.
  const { sql: queueSql } = createDatabase(config.databaseUrl!, { max: 6 });
  runner = await startJobRunner(queueSql, handlers, { work: config.jobs.runJobs });
  setDefaultJobQueue(runner);
  // After a crash or a deploy, payments that were in flight are settled now rather than at the next minute.
  await runner.send(QUEUES.reconcilePayments, {}, "start-up");
  const started = runner;
  return {
    runner: started,
    async stop() {
      setDefaultJobQueue(null);
      await started.stop().catch(() => undefined);
      await queueSql.end({ timeout: 5 });
    },
  };
}
