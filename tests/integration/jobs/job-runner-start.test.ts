// Several app instances started at the same moment on a fresh database (a deploy, a scale-up) each start a job
// runner: pg-boss's schema and our queues (each a partition of pgboss.job) must be made once, with no instance
// failing on a deadlock or a "relation already exists" of another instance's concurrent creation.
import { afterEach, describe, expect, it } from "vitest";
import { type JobHandlers, type JobRunner, startJobRunner } from "@/lib/queue/job-runner";
import { QUEUES } from "@/lib/queue/queues";
import { useIsolatedDatabase } from "../../support/isolated-database";

const INSTANCES = 3;
/** Fresh starts in a row: a race that loses only sometimes is still caught. */
const ROUNDS = 4;

const noop = async () => {};
const handlers: JobHandlers = {
  "process-refund": noop,
  "send-email": noop,
  "reconcile-payments": noop,
  "check-success-rate": noop,
  "check-key-age": noop,
  "prune-records": noop,
};

describe("job runners started at once on a fresh database", () => {
  const database = useIsolatedDatabase();
  const running: JobRunner[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((runner) => runner.stop()));
  });

  it(`all ${INSTANCES} start and every queue exists once, ${ROUNDS} times in a row`, async () => {
    const pools = Array.from({ length: INSTANCES }, () => database().newPool(6));
    const admin = database().sql;
    for (let round = 0; round < ROUNDS; round++) {
      await admin.unsafe("drop schema if exists pgboss cascade");
      // As the app does: schedules on (pg-boss's own cron queue is made at start too).
      const starts = await Promise.allSettled(pools.map(({ sql }) => startJobRunner(sql, handlers, { pollingIntervalSeconds: 0.5 })));
      for (const start of starts) if (start.status === "fulfilled") running.push(start.value);
      const failures = starts.flatMap((start) => (start.status === "rejected" ? [String(start.reason)] : []));
      expect(failures, `round ${round}`).toEqual([]);

      const queues = await admin<{ name: string; partition: string }[]>`select name, partition_name as partition from pgboss.queue order by name`;
      const ours = queues.map((queue) => queue.name).filter((name) => !name.startsWith("__pgboss__"));
      expect(ours).toEqual(Object.values(QUEUES).sort());
      // The timed jobs, the daily clean-up among them, each scheduled once.
      const schedules = await admin<{ name: string; cron: string; timezone: string }[]>`select name, cron, timezone from pgboss.schedule order by name`;
      expect(schedules.map((s) => s.name)).toEqual([QUEUES.checkKeyAge, QUEUES.checkSuccessRate, QUEUES.pruneRecords, QUEUES.reconcilePayments]);
      expect(schedules).toContainEqual({ name: QUEUES.pruneRecords, cron: "30 3 * * *", timezone: "America/Mexico_City" });
      // Each queue's partition is attached to pgboss.job exactly once.
      const attached = await admin<{ partition: string }[]>`
        select child.relname as partition from pg_inherits
        join pg_class child on child.oid = pg_inherits.inhrelid
        join pg_class parent on parent.oid = pg_inherits.inhparent
        join pg_namespace ns on ns.oid = parent.relnamespace
        where ns.nspname = 'pgboss' and parent.relname = 'job'`;
      expect(attached.map((row) => row.partition).sort()).toEqual(queues.map((queue) => queue.partition).sort());
      await Promise.all(running.splice(0).map((runner) => runner.stop()));
    }
  }, 90_000);
});
