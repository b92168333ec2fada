// Jobs that hold a transaction and need a second connection of the same pool (as sending an outbox email does)
// must never take every connection: twenty of them at once on a pool of five all finish.
import { sql as drizzleSql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { type JobHandlers, MAX_CONCURRENT_JOBS, startJobRunner } from "@/lib/queue/job-runner";
import { QUEUES } from "@/lib/queue/queues";
import { useIsolatedDatabase } from "../../support/isolated-database";

describe("the job runner", () => {
  const database = useIsolatedDatabase();
  const stops: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });

  it("finishes twenty jobs that each hold a transaction and need a second connection, on a pool of five", async () => {
    const handlersPool = database().newPool(MAX_CONCURRENT_JOBS + 1);
    const queuePool = database().newPool(4);
    const done: string[] = [];
    const noop = async () => {};
    const handlers: JobHandlers = {
      "process-refund": noop,
      "reconcile-payments": noop,
      "check-success-rate": noop,
      "check-key-age": noop,
      "prune-records": noop,
      async "send-email"(data) {
        await handlersPool.db.transaction(async (tx) => {
          await tx.execute(drizzleSql`select 1`);
          // Another connection of the pool while this one is held (the email's own record is written so).
          await handlersPool.db.execute(drizzleSql`select pg_sleep(0.05)`);
        });
        done.push(data.n!);
      },
    };
    const runner = await startJobRunner(queuePool.sql, handlers, { pollingIntervalSeconds: 0.5, schedule: false });
    stops.push(() => runner.stop());
    for (let n = 0; n < 20; n++) await runner.send(QUEUES.sendEmail, { n: String(n) }, `n-${n}`);
    const deadline = Date.now() + 20_000;
    while (done.length < 20 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(done.sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 20 }, (_, n) => String(n)));
  }, 30_000);
});
