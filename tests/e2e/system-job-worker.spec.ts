// App instances that only queue jobs (RUN_JOBS=false) and a separate `npm run worker` process that works them:
// the deploy that keeps emails, refunds and the reconciliation off the requests' event loop. A system spec: its
// own sandbox, database, SMTP server, app instance and worker.
import { expect, test } from "@playwright/test";
import { eq, sql } from "drizzle-orm";
import { createDatabase } from "@/lib/db/client";
import type { PaymentStep } from "@/lib/checkout/payment-step";
import { emailOutbox, orders } from "@/lib/db/schema";
import { createFreshDatabase, type FreshDatabase } from "../../scripts/lib/test-database";
import { type AppInstance, startAppInstance, waitUntilReady } from "../support/app-instance";
import { type JobWorker, startJobWorker } from "../support/job-worker";
import { type SandboxProcess, startSandboxProcess } from "../support/sandbox-process";
import { callServerAction, serverActionId } from "../support/server-action";
import { type SmtpCatcher, startSmtpCatcher } from "../support/smtp-catcher";
import { cartCookie, checkoutFields } from "../support/system-shopper";

test.describe.configure({ mode: "serial", timeout: 90_000 });

let sandbox: SandboxProcess | null = null;
let smtp: SmtpCatcher | null = null;
let database: FreshDatabase | null = null;
let pool: ReturnType<typeof createDatabase> | null = null;
let app: AppInstance | null = null;
let worker: JobWorker | null = null;
const shopper = { email: "", cartId: "" };

test.beforeAll(async () => {
  test.setTimeout(120_000);
  [sandbox, smtp, database] = await Promise.all([startSandboxProcess({ CHEQPAY_SANDBOX_WEBHOOK_URL: "" }), startSmtpCatcher(), createFreshDatabase(process.env.DATABASE_URL)]);
  app = await startAppInstance({ databaseUrl: database.url, cheqpayBaseUrl: sandbox.baseUrl, env: { RUN_JOBS: "false", SMTP_URL: smtp.url } });
  await waitUntilReady(`${app.url}/api/ready`, 60_000);
  pool = createDatabase(database.url, { max: 2 });
});

test.afterAll(async () => {
  await worker?.stop();
  await app?.stop();
  await pool?.sql.end({ timeout: 5 });
  await Promise.all([sandbox?.stop(), smtp?.close()]);
  await database?.drop();
});

const mailsTo = (address: string) => smtp!.received.filter((mail) => mail.to.includes(address));

async function queuedEmailJobs(): Promise<{ state: string }[]> {
  return (await pool!.db.execute(sql`select state from pgboss.job where name = 'send-email'`)) as unknown as { state: string }[];
}

test("an app instance with RUN_JOBS=false takes the payment and queues its email, but works no job", async () => {
  const { cartId, cookie } = await cartCookie(pool!.db);
  const fields = checkoutFields();
  Object.assign(shopper, { email: fields.email as string, cartId });
  const answer = await callServerAction<PaymentStep>({
    baseUrl: app!.url,
    pagePath: "/checkout",
    actionId: serverActionId("app/checkout/actions.ts", "payWithCard"),
    args: [fields],
    cookie,
  });
  expect(answer.result?.kind).toBe("paid");
  const [order] = await pool!.db.select().from(orders).where(eq(orders.cartId, cartId));
  expect(order?.status).toBe("paid");
  // Well past pg-boss's 2 s polling: an instance that worked jobs would have sent it by now.
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  expect(mailsTo(shopper.email)).toHaveLength(0);
  expect(await queuedEmailJobs()).toEqual([{ state: "created" }]);
});

test("a worker process sends the queued confirmation, once", async () => {
  worker = await startJobWorker({ databaseUrl: database!.url, cheqpayBaseUrl: sandbox!.baseUrl, appUrl: app!.url, env: { SMTP_URL: smtp!.url } });
  await expect.poll(() => mailsTo(shopper.email).length, { timeout: 20_000, intervals: [200] }).toBe(1);
  await expect.poll(async () => (await queuedEmailJobs()).map((job) => job.state), { timeout: 10_000 }).toEqual(["completed"]);
  const [order] = await pool!.db.select({ id: orders.id }).from(orders).where(eq(orders.cartId, shopper.cartId));
  const [outbox] = await pool!.db.select().from(emailOutbox).where(eq(emailOutbox.orderId, order!.id));
  expect(outbox?.sentAt).not.toBeNull();
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  expect(mailsTo(shopper.email)).toHaveLength(1);
});

test("the worker stops on SIGTERM once its jobs are done, well before its 12 s grace period", async () => {
  const started = Date.now();
  const exited = new Promise<number | null>((resolve) => worker!.child.once("exit", (code) => resolve(code)));
  worker!.child.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(Date.now() - started).toBeLessThan(8_000);
  worker = null;
});
