// Runs once when a server instance starts (from instrumentation.ts, Node runtime only): validate the
// configuration, apply pending migrations (safe with several instances: advisory lock) and seed the
// catalogue, then start the job runner. Any failure stops the process (a bad configuration with a message naming the variable): Next
// itself would only log it and then answer every request with a 500.
import { seedCatalog } from "../catalog/catalog-seed";
import { ConfigError, getConfig } from "../config";
import { getDb } from "../db/client";
import { runMigrations } from "../db/migrate";
import { startJobs } from "../jobs/start-jobs";
import { getLogger } from "../observability/logger";
import { logKeyAge } from "../operations/key-age-warning";

export async function onServerStart(): Promise<void> {
  let config;
  try {
    config = getConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Plain text: the logger itself reads the configuration that just failed.
    console.error(`Cheqpay Checkout cannot start. ${error.message}`);
    process.exit(1);
  }
  if (!config.databaseUrl) return;
  try {
    await runMigrations(config.databaseUrl);
    await seedCatalog(getDb());
  } catch (error) {
    getLogger().fatal({ event: "startup.failed", err: error }, "Cheqpay Checkout cannot start: the database could not be prepared");
    process.exit(1);
  }
  try {
    // Refunds, emails and the every-minute reconciliation run as jobs on the same database.
    const jobs = await startJobs(config);
    // Jobs in progress finish (pg-boss waits up to 10 s for them) when the instance is stopped.
    const stop = () => void jobs.stop();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    logKeyAge(config.operations.apiKeyCreatedAt, new Date());
  } catch (error) {
    getLogger().fatal({ event: "startup.failed", err: error }, "Cheqpay Checkout cannot start: the job queue could not be started");
    process.exit(1);
  }
}
