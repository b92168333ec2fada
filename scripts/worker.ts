// `npm run worker`: a process that only works the jobs (emails, refunds, the reconciliation, alerts), for app
// instances started with RUN_JOBS=false. Run one or more beside them, on the same database: pg-boss hands each
// job to one worker, and the requests never share an event loop with the jobs. Migrations are applied first
// (under the same advisory lock the app instances take). Stops gracefully on SIGTERM or Ctrl-C.
import { ConfigError, getConfig } from "../lib/config";
import { runMigrations } from "../lib/db/migrate";
import { startJobs } from "../lib/jobs/start-jobs";
import { getLogger } from "../lib/observability/logger";

async function main(): Promise<void> {
  let config;
  try {
    config = getConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`The Cheqpay Checkout worker cannot start. ${error.message}`);
    process.exit(1);
  }
  if (!config.databaseUrl) {
    console.error("The Cheqpay Checkout worker cannot start. DATABASE_URL is required: the jobs live in the app's database.");
    process.exit(1);
  }
  await runMigrations(config.databaseUrl);
  // Whatever RUN_JOBS says for the app instances, this process is the one that works the jobs.
  const jobs = await startJobs({ ...config, jobs: { ...config.jobs, runJobs: true } });
  getLogger().info({ event: "worker.started" }, "the job worker started");
  console.log("✓ Worker ready");
  // Jobs in progress finish (pg-boss waits up to 10 s for them), then the process ends.
  const stop = () => {
    setTimeout(() => process.exit(0), 12_000).unref();
    void jobs
      .stop()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: unknown) => {
  getLogger().fatal({ event: "worker.failed", err: error }, "the job worker could not start");
  console.error(error);
  process.exit(1);
});
