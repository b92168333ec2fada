// The app process is killed while payments are in flight: Cheqpay has charged them (it answers only later), our
// attempts are still `submitted`. After a restart on the same database, with no shopper coming back, the start-up
// reconciliation reads each one back: every order paid as Cheqpay has it, each confirmation mailed exactly once.
// A system spec: its own sandbox process, database and app instance on the built app.
import { expect, test } from "@playwright/test";
import { inArray, like } from "drizzle-orm";
import { createDatabase } from "@/lib/db/client";
import { emailOutbox, mailMessages, orders, paymentAttempts, paymentEvents } from "@/lib/db/schema";
import { createFreshDatabase, type FreshDatabase } from "../../scripts/lib/test-database";
import { type AppInstance, startAppInstance, waitUntilReady } from "../support/app-instance";
import { type SandboxProcess, startSandboxProcess } from "../support/sandbox-process";
import { callServerAction, serverActionId } from "../support/server-action";
import { cartCookie, checkoutFields } from "../support/system-shopper";

test.describe.configure({ mode: "serial" });

const PAYMENTS = 10;
/** Before the crash, long: the running app's every-minute reconciliation must not settle the payments in flight
 *  (it would, correctly, once they are stale). After the restart, short: its start-up reconciliation finds the
 *  crashed submissions stale at once instead of minutes later. */
const BEFORE_CRASH = { RECONCILE_STALE_AFTER_SECONDS: "600" };
const AFTER_RESTART = { RECONCILE_STALE_AFTER_SECONDS: "1" };

let sandbox: SandboxProcess | null = null;
let database: FreshDatabase | null = null;
let app: AppInstance | null = null;
let pool: ReturnType<typeof createDatabase> | null = null;

test.beforeAll(async () => {
  [sandbox, database] = await Promise.all([startSandboxProcess(), createFreshDatabase(process.env.DATABASE_URL)]);
});

test.afterAll(async () => {
  await app?.stop();
  await pool?.sql.end({ timeout: 5 });
  await sandbox?.stop();
  await database?.drop();
});

type Logged = { operation: string | null; status: number | null; body: { externalId?: string } | null; fault: string | null };
type WireOrder = { id: string; externalId: string; status: string; payments: { status: string }[] };

async function createRequests(): Promise<Logged[]> {
  const { body } = await sandbox!.control<{ data: Logged[] }>("GET", "/_sandbox/requests?operation=createPaymentOrder");
  return body.data;
}

async function cheqpayOrder(externalId: string): Promise<WireOrder> {
  const response = await fetch(`${sandbox!.baseUrl}/v2/payment-orders/${externalId}`, { headers: { "x-api-key": sandbox!.apiKey } });
  expect(response.status).toBe(200);
  return (await response.json()) as WireOrder;
}

test("payments in flight when the app is killed are settled after a restart, without the shopper", async () => {
  test.setTimeout(150_000);
  const started = Date.now();
  app = await startAppInstance({ databaseUrl: database!.url, cheqpayBaseUrl: sandbox!.baseUrl, env: BEFORE_CRASH });
  await waitUntilReady(`${app.url}/api/ready`);
  pool = createDatabase(database!.url, { max: 4 });
  const { db } = pool;
  const carts = await Promise.all(Array.from({ length: PAYMENTS }, () => cartCookie(db)));

  // Cheqpay commits each payment at once and answers only after 30 s: the app will be gone by then.
  const fault = { match: { operation: "createPaymentOrder" }, times: PAYMENTS, action: { type: "latency-after-commit", ms: 30_000 } };
  expect((await sandbox!.control("POST", "/_sandbox/faults", fault)).status).toBe(201);
  const actionId = serverActionId("app/checkout/actions.ts", "payWithCard");
  const submits = carts.map(({ cookie }) =>
    callServerAction({ baseUrl: app!.url, pagePath: "/checkout", actionId, args: [checkoutFields()], cookie }).then(
      (answer) => ({ answered: answer.status }),
      (error: unknown) => ({ lost: String(error) }),
    ),
  );
  await expect.poll(async () => (await createRequests()).length, { timeout: 30_000, intervals: [100] }).toBe(PAYMENTS);

  const attempts = await db.select().from(paymentAttempts);
  expect(attempts.map((a) => a.status)).toEqual(Array(PAYMENTS).fill("submitted"));
  await app.kill();
  const crashedAt = Date.now();
  // Every shopper's request died with the process: none of them learned anything.
  for (const outcome of await Promise.all(submits)) expect(outcome).toHaveProperty("lost");

  // Cheqpay charged every one of them; our orders still wait.
  const externalIds = attempts.map((a) => a.externalId);
  for (const externalId of externalIds) expect((await cheqpayOrder(externalId)).status).toBe("COMPLETED");
  expect((await db.select().from(orders)).map((o) => o.status)).toEqual(Array(PAYMENTS).fill("pending"));

  app = await startAppInstance({ databaseUrl: database!.url, cheqpayBaseUrl: sandbox!.baseUrl, port: app.port, env: AFTER_RESTART });
  const restartedAt = Date.now();
  const paidCount = async () => (await db.select().from(orders)).filter((o) => o.status === "paid").length;
  await expect.poll(paidCount, { timeout: 30_000, intervals: [250] }).toBe(PAYMENTS);
  const settledAt = Date.now();
  // The run the restart queued did it (not a later every-minute one).
  const startUpRuns = async () =>
    (
      await pool!.sql<{ state: string }[]>`select state from pgboss.job
        where name = 'reconcile-payments' and singleton_key = 'start-up' and created_on > ${new Date(crashedAt).toISOString()}::timestamptz`
    ).map((run) => run.state);
  await expect.poll(startUpRuns, { timeout: 10_000 }).toEqual(["completed"]);

  // Each attempt succeeded with the order Cheqpay holds for it, moved there by the reconciliation.
  for (const attempt of await db.select().from(paymentAttempts)) {
    const wire = await cheqpayOrder(attempt.externalId);
    expect({ status: attempt.status, cheqpayOrderId: attempt.cheqpayOrderId }).toEqual({ status: "succeeded", cheqpayOrderId: wire.id });
    expect(wire.payments.map((p) => p.status)).toEqual(["CAPTURED"]);
  }
  const moves = await db.select().from(paymentEvents).where(inArray(paymentEvents.attemptId, attempts.map((a) => a.id)));
  const settledBy = moves.filter((e) => (e.detail as { status?: string }).status === "succeeded").map((e) => (e.detail as { source: string }).source);
  expect(settledBy).toEqual(Array(PAYMENTS).fill("reconciliation"));
  // No second create: the reconciliation only read.
  expect((await createRequests()).map((e) => e.body?.externalId).sort()).toEqual([...externalIds].sort());

  // One confirmation per order, mailed exactly once, and it stays that way.
  const confirmations = () => db.select({ key: mailMessages.eventKey }).from(mailMessages).where(like(mailMessages.eventKey, "order-confirmation:%"));
  await expect.poll(async () => (await confirmations()).length, { timeout: 30_000, intervals: [250] }).toBe(PAYMENTS);
  const mailedAt = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const orderIds = (await db.select().from(orders)).map((o) => o.id);
  expect((await confirmations()).map((m) => m.key).sort()).toEqual(orderIds.map((id) => `order-confirmation:${id}`).sort());
  expect((await db.select().from(emailOutbox)).every((row) => row.sentAt !== null)).toBe(true);

  console.info(
    `crash spec: ${PAYMENTS} payments; killed ${crashedAt - started} ms after start; restarted in ${restartedAt - crashedAt} ms; ` +
      `all paid ${settledAt - restartedAt} ms after the restart, all mailed ${mailedAt - restartedAt} ms after it`,
  );
});
