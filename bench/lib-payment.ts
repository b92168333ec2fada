// `LOG_LEVEL=silent npx tsx bench/lib-payment.ts [payments]`: the payment service alone (lib/checkout's
// payWithCard, no Next, no HTTP in front) against the sandbox and a fresh database, one payment at a time: wall
// time and this process's CPU per payment, and the socket writes per payment by peer port (PostgreSQL's: its
// round trips). What our own code costs apart from the framework's.
import path from "node:path";
import { Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { createCheqpayClient } from "@/lib/cheqpay";
import { payWithCard, type PaymentContext } from "@/lib/checkout/payment-service";
import { checkoutFormSchema } from "@/lib/checkout/checkout-form-schema";
import { seedCatalog } from "@/lib/catalog/catalog-seed";
import { createDatabase } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { setDefaultJobQueue } from "@/lib/queue/default-queue";
import { startJobRunner } from "@/lib/queue/job-runner";
import { createFreshDatabase } from "../scripts/lib/test-database";
import { checkoutFields } from "../tests/support/system-shopper";
import { startSandboxProcess } from "../tests/support/sandbox-process";
import { makeCarts } from "./lib/carts";
import { shopperIp } from "./lib/shopper";
import { round2, summarize } from "./lib/stats";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const payments = Number(process.argv[2] ?? 500);

/** Socket writes by peer port, counted from here on (a write is one round trip's request). */
function countSocketWrites(): Map<string, number> {
  const writes = new Map<string, number>();
  const write = Socket.prototype.write;
  Socket.prototype.write = function (this: Socket, ...args: unknown[]) {
    const peer = String(this.remotePort ?? "unix");
    writes.set(peer, (writes.get(peer) ?? 0) + 1);
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as typeof write;
  return writes;
}

async function main(): Promise<void> {
  const writes = countSocketWrites();
  const [sandbox, database] = await Promise.all([startSandboxProcess({ CHEQPAY_SANDBOX_WEBHOOK_URL: "" }), createFreshDatabase(process.env.DATABASE_URL)]);
  await runMigrations(database.url, path.join(repoRoot, "drizzle"));
  const { db, sql } = createDatabase(database.url);
  const { sql: queueSql } = createDatabase(database.url, { max: 6 });
  // Queues only (no handlers run), as a web instance with RUN_JOBS=false: the email's send is queued after the commit.
  const runner = await startJobRunner(queueSql, {} as never, { work: false });
  setDefaultJobQueue(runner);
  try {
    await seedCatalog(db);
    const cheqpay = createCheqpayClient({ baseUrl: sandbox.baseUrl, apiKey: sandbox.apiKey, merchantId: sandbox.merchantId });
    const messages: PaymentContext["messages"] = { decline: String, problem: String, savedCardDeclinedHint: "", limited: String };
    // As bench/lib/context.ts sets the app: no card-testing limit refuses the run's payments.
    const unlimited = 100_000_000;
    const limits = { windowMinutes: 60, attemptsPerIp: unlimited, declinesPerIp: unlimited, attemptsPerEmail: unlimited, attemptsPerOrder: unlimited };
    const carts = (await makeCarts(sql, payments + 30)).map((cookie) => cookie.split("=")[1]!);
    const pay = async (cartId: string) => {
      const form = checkoutFormSchema.parse(checkoutFields());
      const ctx: PaymentContext = { db, cheqpay, appUrl: "https://localhost", locale: "es-MX", device: { ipAddress: shopperIp(), userAgent: "bench" }, messages, account: null, limits };
      const step = await payWithCard(ctx, cartId, form);
      if (step.kind !== "paid") throw new Error(`not paid: ${JSON.stringify(step)}`);
    };
    for (let i = 0; i < 30; i++) await pay(carts[payments + i]!);
    writes.clear();
    const times: number[] = [];
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < payments; i++) {
      const t = performance.now();
      await pay(carts[i]!);
      times.push(performance.now() - t);
    }
    const wall = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const s = summarize(times);
    console.log(`socket writes per payment, by peer port: ${[...writes].map(([peer, n]) => `${peer}: ${(n / payments).toFixed(1)}`).join(", ")}`);
    const perPayment = (micros: number) => Math.round((micros / 1000 / payments) * 100) / 100;
    console.log(JSON.stringify({ payments, p50Ms: round2(s.p50), p99Ms: round2(s.p99), cpuMsPerPayment: perPayment(cpu.user + cpu.system), systemCpuMsPerPayment: perPayment(cpu.system), wallMsPerPayment: round2(wall / payments) }));
  } finally {
    setDefaultJobQueue(null);
    await runner.stop().catch(() => {});
    await queueSql.end({ timeout: 5 });
    await sql.end({ timeout: 5 });
    await sandbox.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
