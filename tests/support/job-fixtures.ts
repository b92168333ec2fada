// Job runners as the app starts them (pg-boss on a postgres.js pool, the app's handlers), with short polling
// and no cron schedule, stopped after each test. Also an in-memory queue for calling the job functions by hand.
import { afterEach } from "vitest";
import type { CheqpayClient } from "@/lib/cheqpay";
import type { Database } from "@/lib/db/client";
import { type JobDependencies, jobHandlers } from "@/lib/jobs/job-handlers";
import { createMailer, type Mailer } from "@/lib/mail/send-mail";
import { setDefaultJobQueue } from "@/lib/queue/default-queue";
import { type JobHandlers, type JobRunner, startJobRunner } from "@/lib/queue/job-runner";
import type { JobQueue, QueueName } from "@/lib/queue/queues";
import type postgres from "postgres";
import { APP_URL } from "./checkout-fixtures";

export const EMAIL_CONTEXT = { appUrl: APP_URL, support: { email: "soporte@shop.example.test", phone: "+52 55 5555 0100" } };
export const MAIL_FROM = "Cheqpay Checkout <no-reply@cheqpay-checkout.test>";

/** The development mailbox: messages are recorded in mail_messages, nothing leaves the machine. */
export const mailboxMailer = (): Mailer => createMailer({ smtpUrl: null, from: MAIL_FROM });

export type RunnerOptions = {
  db: Database;
  cheqpay: CheqpayClient;
  mailer?: Pick<Mailer, "sendMail">;
  /** Sees each job before the app's handler runs it (which runner ran what). */
  onJob?: (queue: QueueName, data: Record<string, string>) => void;
  /** Makes this runner the process's default queue, as start-jobs does (the state machine queues emails there). */
  asDefaultQueue?: boolean;
};

/** Starts runners for the current test; each is stopped (and the default queue cleared) after it. */
export function useJobRunners(): (sql: postgres.Sql, options: RunnerOptions) => Promise<JobRunner> {
  const running: JobRunner[] = [];
  afterEach(async () => {
    setDefaultJobQueue(null);
    await Promise.all(running.splice(0).map((runner) => runner.stop()));
  });
  return async (sql, options) => {
    let runner: JobRunner | null = null;
    const deps: JobDependencies = {
      db: options.db,
      cheqpay: options.cheqpay,
      mailer: options.mailer ?? mailboxMailer(),
      email: EMAIL_CONTEXT,
      queue: () => runner,
      // The sandbox answers at once: a refund whose earlier call failed may be posted again without waiting.
      refundResubmitAfterMs: 0,
    };
    const handlers = observed(jobHandlers(deps), options.onJob);
    runner = await startJobRunner(sql, handlers, { pollingIntervalSeconds: 0.5, schedule: false });
    running.push(runner);
    if (options.asDefaultQueue) setDefaultJobQueue(runner);
    return runner;
  };
}

function observed(handlers: JobHandlers, onJob: RunnerOptions["onJob"]): JobHandlers {
  if (!onJob) return handlers;
  const entries = Object.entries(handlers).map(([queue, handler]) => [
    queue,
    async (data: Record<string, string>) => {
      onJob(queue as QueueName, data);
      await handler(data);
    },
  ]);
  return Object.fromEntries(entries) as JobHandlers;
}

export type SentJob = { queue: QueueName; data: Record<string, string>; key: string };

/** A queue that only remembers what was sent: for tests that run the job functions themselves. */
export function recordingQueue(): JobQueue & { sent: SentJob[] } {
  const sent: SentJob[] = [];
  return {
    sent,
    async send(queue, data, key) {
      sent.push({ queue, data, key });
    },
  };
}

/** A queue that is down: every send fails (the request must still stand; the sweep queues it later). */
export const failingQueue: JobQueue = {
  async send() {
    throw new Error("queue unavailable");
  },
};
