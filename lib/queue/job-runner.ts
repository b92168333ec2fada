// Starts pg-boss on the app's database: creates the queues, registers the workers and the every-minute
// schedule. Several app instances may run it against one database: pg-boss hands each job to one of them.
import PgBoss from "pg-boss";
import type postgres from "postgres";
import { pgBossDb } from "./pg-boss-adapter";
import { type JobQueue, QUEUE_OPTIONS, QUEUES, type QueueName } from "./queues";

export type JobHandlers = Record<QueueName, (data: Record<string, string>) => Promise<void>>;

export type JobRunner = JobQueue & { stop(): Promise<void>; boss: PgBoss };

export async function startJobRunner(
  sql: postgres.Sql,
  handlers: JobHandlers,
  options: { pollingIntervalSeconds?: number; schedule?: boolean } = {},
): Promise<JobRunner> {
  const boss = new PgBoss({ db: pgBossDb(sql), schema: "pgboss", schedule: options.schedule ?? true } as PgBoss.ConstructorOptions);
  boss.on("error", (error) => console.error(`queue: ${error.message}`));
  await boss.start();
  for (const name of Object.values(QUEUES)) {
    await boss.createQueue(name, { name, ...QUEUE_OPTIONS[name] });
  }
  const polling = options.pollingIntervalSeconds ?? 2;
  for (const name of Object.values(QUEUES)) {
    await boss.work<Record<string, string>>(name, { pollingIntervalSeconds: polling, batchSize: 1 }, async ([job]) => {
      if (job) await handlers[name](job.data);
    });
  }
  if (options.schedule ?? true) await boss.schedule(QUEUES.reconcilePayments, "* * * * *", {}, { tz: "UTC" });
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
