// `npx tsx bench/profile-payment.ts [payments]`: where a payment's time goes inside the app. Starts the built app
// with V8's CPU profiler (--cpu-prof), makes `payments` guest card payments one at a time as bench/payment-latency.ts
// does, stops the app (which writes the profile) and prints the heaviest functions by self and inclusive time, and
// the database transactions one payment makes (pg_stat_database).
// The .cpuprofile file opens in Chrome DevTools (Performance, "Load profile").
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabase } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { createFreshDatabase } from "../scripts/lib/test-database";
import { startAppInstance, waitUntilReady } from "../tests/support/app-instance";
import { startSandboxProcess } from "../tests/support/sandbox-process";
import { serverActionId } from "../tests/support/server-action";
import { makeCarts } from "./lib/carts";
import type { BenchContext } from "./lib/context";
import { BENCH_APP_ENV, settingsFor } from "./lib/context";
import { summarizeProfile, type CpuProfile } from "./lib/cpu-profile";
import { payGuest, ping } from "./lib/shopper";
import { summarize, timed } from "./lib/stats";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const payments = Number(process.argv[2] ?? 300);
/** PROFILE_DIST_DIR: a build with readable server code, e.g. made with NEXT_SERVER_MINIFY=0 NEXT_DIST_DIR=.next-profile. */
const distDir = process.env.PROFILE_DIST_DIR ?? ".next";

async function main(): Promise<void> {
  const profileDir = path.join(repoRoot, ".data", "profiles", String(Date.now()));
  mkdirSync(profileDir, { recursive: true });
  const [sandbox, database] = await Promise.all([startSandboxProcess({ CHEQPAY_SANDBOX_WEBHOOK_URL: "" }), createFreshDatabase(process.env.DATABASE_URL)]);
  await runMigrations(database.url, path.join(repoRoot, "drizzle"));
  // STATEMENT_LOG=1: the server logs every statement of this database (read them in PostgreSQL's log).
  if (process.env.STATEMENT_LOG === "1") {
    const admin = createDatabase(database.url, { max: 1 });
    await admin.sql.unsafe(`alter database "${database.name}" set log_statement = 'all'`);
    await admin.sql.end();
  }
  const app = await startAppInstance({
    databaseUrl: database.url,
    cheqpayBaseUrl: sandbox.baseUrl,
    distDir,
    nodeFlags: ["--cpu-prof", `--cpu-prof-dir=${profileDir}`],
    // As `npm run bench` runs it: jobs in another process (here none), so the profile holds the requests alone.
    env: { ...BENCH_APP_ENV, RUN_JOBS: "false" },
  });
  const pool = createDatabase(database.url, { max: 2 });
  const window = { fromUs: 0, toUs: 0 };
  try {
    await waitUntilReady(`${app.url}/api/ready`, 60_000);
    const ctx = {
      repoRoot,
      settings: settingsFor(true),
      app,
      sandbox,
      databaseUrl: database.url,
      pool,
      payActionId: serverActionId("app/checkout/actions.ts", "payWithCard", distDir),
      pingActionId: serverActionId("app/dev/ping/actions.ts", "pingAction", distDir),
      processes: { app: app.child.pid },
      log: console.log,
    } satisfies BenchContext;
    const carts = await makeCarts(pool.sql, payments + 20);
    for (let i = 0; i < 20; i++) await payGuest(ctx, carts[payments + i]!); // warm-up
    const statements = await transactionCount(pool.sql, database.name);
    window.fromUs = Number(process.hrtime.bigint() / 1000n);
    const times: number[] = [];
    // PROFILE_ACTION=ping: the trivial Server Action instead, the framework's own share of a request.
    const trivial = process.env.PROFILE_ACTION === "ping";
    for (let i = 0; i < payments; i++) times.push((await timed(async () => { if (trivial) await ping(ctx, i); else await payGuest(ctx, carts[i]!); })).ms);
    window.toUs = Number(process.hrtime.bigint() / 1000n);
    const after = await transactionCount(pool.sql, database.name);
    const latency = summarize(times);
    console.log(`payments: ${payments}, p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms`);
    console.log(`transactions per payment: ${((after.transactions - statements.transactions) / payments).toFixed(1)}`);
  } finally {
    await app.stop();
    await pool.sql.end({ timeout: 5 });
    await sandbox.stop();
    await database.drop();
  }
  const file = readdirSync(profileDir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no profile in ${profileDir}`);
  const profile = JSON.parse(readFileSync(path.join(profileDir, file), "utf8")) as CpuProfile;
  console.log(`profile: ${path.join(profileDir, file)}`);
  console.log(summarizeProfile(profile, { top: 40, root: repoRoot, window }));
  const busyMs = Number(/busy (\d+) ms/.exec(summarizeProfile(profile, { top: 0, root: repoRoot, window }))?.[1]);
  console.log(`app CPU per request: ${(busyMs / payments).toFixed(1)} ms`);
}

async function transactionCount(sql: ReturnType<typeof createDatabase>["sql"], name: string): Promise<{ transactions: number }> {
  // pg_stat_database is updated when a backend reports (at least every second, and at its end).
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  const [row] = await sql<{ xact_commit: string; xact_rollback: string }[]>`
    select xact_commit, xact_rollback from pg_stat_database where datname = ${name}`;
  return { transactions: Number(row?.xact_commit ?? 0) + Number(row?.xact_rollback ?? 0) };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
