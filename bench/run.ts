// `npm run bench [-- --quick]`: the checkout measured against its floors in one run, on this machine. A production
// build, a fresh database (DATABASE_URL's server, else an embedded PostgreSQL), its own sandbox and app instance.
// Prints a Markdown table, writes bench/results/<date>.json (quick runs: bench/results/tmp/), and ends with one
// line of JSON. Progress goes to stdout as "[bench] …" lines before it.
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabase } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { isBuildCurrent, recordBuild } from "../scripts/lib/build-fingerprint";
import { run } from "../scripts/lib/child-process";
import { createFreshDatabase, type FreshDatabase } from "../scripts/lib/test-database";
import { localCertificateFile } from "../scripts/lib/tls-certificate";
import { type AppInstance, startAppInstance, waitUntilReady } from "../tests/support/app-instance";
import { type JobWorker, startJobWorker } from "../tests/support/job-worker";
import { type SandboxProcess, startSandboxProcess } from "../tests/support/sandbox-process";
import { serverActionId } from "../tests/support/server-action";
import { buildFloorApp } from "./floor-build";
import type { BenchContext } from "./lib/context";
import { BENCH_APP_ENV, settingsFor } from "./lib/context";
import { type Phases, runPhases } from "./phases";
import { resultFileName } from "./lib/result-file";
import { markdownTable, rows, summaryLine } from "./report";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const quick = process.argv.includes("--quick");
const log = (message: string) => console.log(`[bench] ${message}`);

/** Node must trust the app's self-signed certificate, and reads NODE_EXTRA_CA_CERTS only as it starts. */
async function reexecTrustingCertificate(): Promise<boolean> {
  const certificate = await localCertificateFile(path.join(repoRoot, ".data", "tls"));
  if (process.env.NODE_EXTRA_CA_CERTS === certificate) return false;
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    cwd: repoRoot,
    env: { ...process.env, NODE_EXTRA_CA_CERTS: certificate },
    stdio: "inherit",
  });
  process.exitCode = (await new Promise<number | null>((resolve) => child.once("exit", resolve))) ?? 1;
  return true;
}

async function buildAppIfStale(): Promise<void> {
  if (isBuildCurrent(repoRoot)) return;
  log("building the app (production build; sources changed)...");
  await run(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    cwd: repoRoot,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  recordBuild(repoRoot);
}

/** The deploy README "Deploying" describes: the app instance queues jobs and a `npm run worker` process works them.
 *  BENCH_JOBS_IN_APP=1 measures the default of `npm start` instead (jobs in the app process). */
const jobsInApp = process.env.BENCH_JOBS_IN_APP === "1";

async function main(): Promise<void> {
  if (await reexecTrustingCertificate()) return;
  const started = Date.now();
  const settings = settingsFor(quick);
  await buildAppIfStale();
  let sandbox: SandboxProcess | undefined;
  let database: FreshDatabase | undefined;
  let app: AppInstance | undefined;
  let worker: JobWorker | undefined;
  let pool: ReturnType<typeof createDatabase> | undefined;
  const floorBuild = buildFloorApp(repoRoot);
  floorBuild.catch(() => {});
  try {
    log(`${quick ? "quick" : "full"} run; database on ${process.env.DATABASE_URL ? "DATABASE_URL's server" : "an embedded PostgreSQL"}`);
    [sandbox, database] = await Promise.all([startSandboxProcess({ CHEQPAY_SANDBOX_WEBHOOK_URL: "" }), createFreshDatabase(process.env.DATABASE_URL)]);
    await runMigrations(database.url, path.join(repoRoot, "drizzle"));
    app = await startAppInstance({
      databaseUrl: database.url,
      cheqpayBaseUrl: sandbox.baseUrl,
      env: { ...BENCH_APP_ENV, RUN_JOBS: jobsInApp ? "true" : "false" },
    });
    await waitUntilReady(`${app.url}/api/ready`, 60_000);
    if (!jobsInApp) worker = await startJobWorker({ databaseUrl: database.url, cheqpayBaseUrl: sandbox.baseUrl, appUrl: app.url });
    log(`jobs (emails, reconciliation): ${jobsInApp ? "in the app process" : "in a separate worker process (RUN_JOBS=false)"}`);
    pool = createDatabase(database.url, { max: 4 });
    const ctx: BenchContext = {
      repoRoot,
      settings,
      app,
      sandbox,
      databaseUrl: database.url,
      pool,
      payActionId: serverActionId("app/checkout/actions.ts", "payWithCard"),
      pingActionId: serverActionId("app/dev/ping/actions.ts", "pingAction"),
      processes: { app: app.child.pid, worker: jobsInApp ? undefined : worker?.child.pid },
      log,
    };
    const phases: Phases = await runPhases(ctx, floorBuild);
    const table = markdownTable(rows(phases.metrics));
    const date = new Date().toISOString().slice(0, 10);
    const machine = {
      nproc: os.availableParallelism(),
      cpu: os.cpus()[0]?.model ?? "unknown",
      node: process.version,
      jobs: jobsInApp ? "in the app process" : "in a worker process",
    };
    const folder = quick ? path.join(repoRoot, "bench", "results", "tmp") : path.join(repoRoot, "bench", "results");
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, resultFileName(date, quick, readdirSync(folder)));
    const seconds = Math.round((Date.now() - started) / 1000);
    writeFileSync(file, `${JSON.stringify({ date, quick, seconds, machine, metrics: phases.metrics, details: phases.details, table }, null, 2)}\n`);
    console.log(`\nBenchmarks (${quick ? "quick" : "full"}), ${date}, ${machine.nproc} × ${machine.cpu}, Node ${machine.node}, jobs ${machine.jobs}, ${seconds} s\n`);
    console.log(table);
    console.log(`\n[bench] results: ${path.relative(repoRoot, file)}`);
    console.log(summaryLine(phases.metrics, { quick, seconds }));
  } finally {
    await app?.stop().catch(() => {});
    await worker?.stop().catch(() => {});
    await pool?.sql.end({ timeout: 5 }).catch(() => {});
    await sandbox?.stop().catch(() => {});
    await database?.drop().catch(() => {});
    await floorBuild.then((floor) => floor.remove()).catch(() => {});
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
