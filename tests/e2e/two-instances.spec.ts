// Two app processes behind one URL (a round-robin proxy) share one PostgreSQL, as a deploy with two servers does.
// Nothing that must happen once may depend on one process's memory: 100 identical Pay submissions spread over
// both charge once; refunds, emails, the reconciliation of a lost payment and the success-rate alert each happen
// once, whichever instance runs them. A system spec: its own sandbox, database, SMTP server and app instances.
import { expect, test } from "@playwright/test";
import { eq, like } from "drizzle-orm";
import { alerts, emailOutbox, mailMessages, orders, paymentAttempts, paymentEvents, refunds } from "@/lib/db/schema";
import type { PaymentStep } from "@/lib/checkout/payment-step";
import { type AppFleet, completedJobs, fleetClient, startAppFleet } from "../support/app-fleet";
import { type SandboxProcess, startSandboxProcess } from "../support/sandbox-process";
import { serverActionId } from "../support/server-action";
import { type SmtpCatcher, startSmtpCatcher } from "../support/smtp-catcher";
import { cartCookie, checkoutFields, DECLINED_VISA } from "../support/system-shopper";
import { type WebhookReceiver, startWebhookReceiver } from "../support/webhook-receiver";
import { E2E_ADMIN_API_TOKEN, E2E_METRICS_TOKEN } from "./support/admin-api";

// Each test sends its burst and waits for jobs (2 s polling) and emails: longer than the default 30 s on a busy machine.
test.describe.configure({ mode: "serial", timeout: 90_000 });

const SUBMISSIONS = 100;
const STAFF = "staff@example.com";
const HIGH = "100000";

let sandbox: SandboxProcess | null = null;
let fleet: AppFleet | null = null;
let smtp: SmtpCatcher | null = null;
let alertHook: WebhookReceiver | null = null;
let client: Awaited<ReturnType<typeof fleetClient>> | null = null;
/** Orders paid by the first tests, for the refund. */
const paid: { orderId: string; email: string }[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const started = Date.now();
  [sandbox, smtp, alertHook] = await Promise.all([startSandboxProcess(), startSmtpCatcher(), startWebhookReceiver()]);
  fleet = await startAppFleet({
    size: 2,
    sandbox,
    env: {
      // Every submission comes from 127.0.0.1 (through the proxy): the card-testing limits must not refuse them.
      PAYMENT_LIMIT_ATTEMPTS_PER_IP: HIGH,
      PAYMENT_LIMIT_DECLINES_PER_IP: HIGH,
      PAYMENT_LIMIT_ATTEMPTS_PER_EMAIL: HIGH,
      PAYMENT_LIMIT_ATTEMPTS_PER_ORDER: HIGH,
      ADMIN_API_TOKEN: E2E_ADMIN_API_TOKEN,
      METRICS_TOKEN: E2E_METRICS_TOKEN,
      ADMIN_EMAILS: STAFF,
      SMTP_URL: smtp.url,
      ALERT_WEBHOOK_URL: alertHook.url,
      ALERT_MIN_PAYMENTS: "5",
      // A payment whose answer was lost is the reconciliation's after 2 s (not 2 minutes).
      RECONCILE_STALE_AFTER_SECONDS: "2",
    },
  });
  // Cheqpay's webhooks reach the instances through the same URL: a payment's events race its create answer.
  expect((await sandbox.control("POST", "/_sandbox/webhooks", { url: `${fleet.url}/api/webhooks/cheqpay` })).status).toBeLessThan(300);
  client = await fleetClient();
  // Each instance loads the checkout's code and the client resumes TLS sessions from here on (not a first,
  // full handshake for each of the burst's connections).
  for (let n = 0; n < 4; n++) expect((await fetch(`${fleet.url}/checkout`, { redirect: "manual" })).status).toBeLessThan(500);
  await client.post(`${fleet.url}/api/ready`, "", {}).catch(() => undefined);
  console.info(`two instances: both started and ready behind ${fleet.url} in ${Date.now() - started} ms`);
});

test.afterAll(async () => {
  client?.close();
  await fleet?.stop();
  await Promise.all([sandbox?.stop(), smtp?.close(), alertHook?.close()]);
});

type Logged = { operation: string | null; body: { externalId?: string } | null };
type WireOrder = { status: string; payments: { status: string }[] };

const payAction = () => serverActionId("app/checkout/actions.ts", "payWithCard");

function pay(cookie: string, fields: Record<string, unknown>) {
  return client!.action<PaymentStep>(fleet!.url, { pagePath: "/checkout", actionId: payAction(), args: [fields], cookie });
}

async function sandboxRequests(operation: string): Promise<Logged[]> {
  const { body } = await sandbox!.control<{ data: Logged[] }>("GET", `/_sandbox/requests?operation=${operation}`);
  return body.data;
}

async function cheqpayOrder(externalId: string): Promise<WireOrder> {
  const response = await fetch(`${sandbox!.baseUrl}/v2/payment-orders/${externalId}`, { headers: { "x-api-key": sandbox!.apiKey } });
  expect(response.status).toBe(200);
  return (await response.json()) as WireOrder;
}

const mailsTo = (address: string) => smtp!.received.filter((mail) => mail.to.includes(address));

/** Waits for `count` SMTP messages to `address`, then a quiet while: no second copy from the other instance. */
async function expectMailsTo(address: string, count: number): Promise<void> {
  await expect.poll(() => mailsTo(address).length, { timeout: 20_000, intervals: [200] }).toBeGreaterThanOrEqual(count);
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  expect(mailsTo(address)).toHaveLength(count);
}

/** The order of a cart, its attempts, and the attempts' moves to `succeeded`. */
async function orderOfCart(cartId: string) {
  const { db } = fleet!.pool;
  const [order] = await db.select().from(orders).where(eq(orders.cartId, cartId));
  const attempts = await db.select().from(paymentAttempts).where(eq(paymentAttempts.orderId, order!.id));
  const events = await db.select().from(paymentEvents).where(eq(paymentEvents.orderId, order!.id));
  const successes = events.filter((event) => (event.detail as { status?: string }).status === "succeeded");
  return { order: order!, attempts, successes };
}

/** Exactly one create at Cheqpay for the order and one captured payment; the order paid once, mailed once. */
async function expectChargedOnce(cartId: string, email: string): Promise<void> {
  const { order, attempts, successes } = await orderOfCart(cartId);
  expect(order.status).toBe("paid");
  expect(attempts.map((attempt) => attempt.status)).toEqual(["succeeded"]);
  const externalId = attempts[0]!.externalId;
  expect((await sandboxRequests("createPaymentOrder")).filter((request) => request.body?.externalId === externalId)).toHaveLength(1);
  expect((await cheqpayOrder(externalId)).payments.map((payment) => payment.status)).toEqual(["CAPTURED"]);
  expect(successes).toHaveLength(1);
  // Its webhooks, handled by whichever instance got them, were all taken (2xx) and changed nothing more.
  const deliveries = async () => {
    const path = `/_sandbox/webhooks/deliveries?paymentOrderId=${attempts[0]!.cheqpayOrderId}`;
    return (await sandbox!.control<{ data: { event: string; status: string }[] }>("GET", path)).body.data.map((d) => `${d.event} ${d.status}`).sort();
  };
  await expect
    .poll(deliveries, { timeout: 20_000, intervals: [250] })
    .toEqual(["payment.auth.success delivered", "payment.capture.success delivered"]);
  expect((await orderOfCart(cartId)).successes).toHaveLength(1);
  await expectMailsTo(email, 1);
  const { db } = fleet!.pool;
  expect(await db.select().from(mailMessages).where(eq(mailMessages.eventKey, `order-confirmation:${order.id}`))).toHaveLength(1);
  const outbox = await db.select().from(emailOutbox).where(eq(emailOutbox.orderId, order.id));
  expect(outbox.map((row) => [row.kind, row.sentAt !== null])).toEqual([["order-confirmation", true]]);
  paid.push({ orderId: order.id, email });
}

/** Both instances served the burst (round robin: half each, give or take the webhooks that came between). */
function expectSpread(): void {
  const { perUpstream, failures, abandoned } = fleet!.proxy.counts();
  console.info(`requests per instance: ${JSON.stringify(perUpstream)}; given up by their caller: ${abandoned}`);
  expect(failures).toEqual([]);
  for (const count of perUpstream) expect(count).toBeGreaterThanOrEqual(SUBMISSIONS / 2 - 5);
}

/** 200 and "paid", or the clear "a payment is in progress" problem; never an error. */
function expectPaidOrInProgress(answers: { status: number; result: PaymentStep | undefined }[]): void {
  const outcomes = answers.map((answer) => `${answer.status} ${answer.result?.kind === "problem" ? answer.result.code : answer.result?.kind}`);
  const counted = Object.fromEntries([...new Set(outcomes)].map((outcome) => [outcome, outcomes.filter((o) => o === outcome).length]));
  console.info(`answers: ${JSON.stringify(counted)}`);
  for (const outcome of outcomes) expect(["200 paid", "200 payment-in-progress"]).toContain(outcome);
  expect(counted["200 paid"] ?? 0).toBeGreaterThan(0);
}

test(`${SUBMISSIONS} identical Pay submissions for one order, spread over both instances, charge once`, async () => {
  const { cartId, cookie } = await cartCookie(fleet!.pool.db);
  const fields = checkoutFields();
  fleet!.proxy.resetCounts();
  const started = Date.now();
  const answers = await Promise.all(Array.from({ length: SUBMISSIONS }, () => pay(cookie, fields)));
  const took = Date.now() - started;

  expectSpread();
  expectPaidOrInProgress(answers);
  await expectChargedOnce(cartId, fields.email as string);
  console.info(`identical submissions: ${SUBMISSIONS} answered in ${took} ms`);
});

test(`${SUBMISSIONS} Pay submissions with different keys (two tabs, double clicks) for one order charge once`, async () => {
  const { cartId, cookie } = await cartCookie(fleet!.pool.db);
  const fields = checkoutFields();
  fleet!.proxy.resetCounts();
  const started = Date.now();
  const answers = await Promise.all(
    Array.from({ length: SUBMISSIONS }, (_, n) => pay(cookie, { ...fields, submissionKey: `${fields.submissionKey as string}${n}` })),
  );
  const took = Date.now() - started;

  expectSpread();
  expectPaidOrInProgress(answers);
  await expectChargedOnce(cartId, fields.email as string);
  console.info(`submissions with different keys: ${SUBMISSIONS} answered in ${took} ms`);
});

test("a full refund asked five times at once through both instances is made once and mailed once", async () => {
  const { orderId, email } = paid[0]!;
  fleet!.proxy.resetCounts();
  const asks = await Promise.all(
    Array.from({ length: 5 }, () =>
      fetch(`${fleet!.url}/api/admin/orders/${orderId}/refunds`, {
        method: "POST",
        headers: { authorization: `Bearer ${E2E_ADMIN_API_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ reason: "Pedido cancelado" }),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as { error?: { code: string } } })),
    ),
  );
  expect(Math.min(...fleet!.proxy.counts().perUpstream)).toBeGreaterThan(0);
  // The order's row lock decides across both processes: one accepted, the rest told nothing is left.
  expect(asks.map((ask) => ask.status).sort()).toEqual([202, 409, 409, 409, 409]);
  for (const ask of asks.filter((a) => a.status === 409)) expect(ask.body.error?.code).toBe("NOTHING_TO_REFUND");

  const { db } = fleet!.pool;
  const refunded = async () => (await db.select().from(refunds).where(eq(refunds.orderId, orderId))).map((refund) => refund.status);
  await expect.poll(refunded, { timeout: 20_000, intervals: [200] }).toEqual(["SUCCEEDED"]);
  const [refund] = await db.select().from(refunds).where(eq(refunds.orderId, orderId));
  expect((await sandboxRequests("refundPaymentOrder")).length).toBe(1);
  // The order confirmation before, and now the refund's.
  await expectMailsTo(email, 2);
  expect(await db.select().from(mailMessages).where(eq(mailMessages.eventKey, `refund-confirmation:${refund!.id}`))).toHaveLength(1);
  expect((await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)))[0]!.status).toBe("refunded");
});

test("a payment whose answer was lost is settled once by the reconciliation jobs of both instances", async () => {
  const { cartId, cookie } = await cartCookie(fleet!.pool.db);
  const fields = checkoutFields();
  // Cheqpay charges, but its answers never arrive, no webhook tells, and reading the order back fails for now.
  expect((await sandbox!.control("POST", "/_sandbox/webhooks", { url: null })).status).toBeLessThan(300);
  await sandbox!.control("POST", "/_sandbox/faults", { match: { operation: "createPaymentOrder" }, times: 10, action: { type: "timeout-after-commit" } });
  await sandbox!.control("POST", "/_sandbox/faults", { match: { operation: "getPaymentOrder" }, times: 1_000, action: { type: "error", status: 503 } });
  const answer = await pay(cookie, fields);
  expect(answer.status).toBe(200);
  expect(answer.result).toMatchObject({ kind: "problem" });
  const stuck = await orderOfCart(cartId);
  expect(stuck.attempts.map((attempt) => attempt.status)).toEqual(["submitted"]);
  expect((await sandbox!.control("DELETE", "/_sandbox/faults")).status).toBeLessThan(300);
  expect((await cheqpayOrder(stuck.attempts[0]!.externalId)).status).toBe("COMPLETED");

  // Stale after 2 s: several runs queued at once, taken by whichever instance polls first.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  const keys = ["lost-1", "lost-2", "lost-3", "lost-4"];
  await fleet!.sendJobs("reconcile-payments", keys);
  await expect.poll(async () => (await orderOfCart(cartId)).order.status, { timeout: 30_000, intervals: [250] }).toBe("paid");
  const states = async () =>
    (await fleet!.pool.sql<{ state: string }[]>`select state from pgboss.job where name = 'reconcile-payments' and singleton_key in ${fleet!.pool.sql(keys)}`).map((job) => job.state);
  await expect.poll(states, { timeout: 30_000, intervals: [250] }).toEqual(keys.map(() => "completed"));

  const { successes } = await orderOfCart(cartId);
  expect(successes.map((event) => (event.detail as { source?: string }).source)).toEqual(["reconciliation"]);
  expect((await cheqpayOrder(stuck.attempts[0]!.externalId)).payments.map((payment) => payment.status)).toEqual(["CAPTURED"]);
  await expectMailsTo(fields.email as string, 1);
});

test("the success-rate alert fires once when both instances run the check", async () => {
  const { db } = fleet!.pool;
  expect(await db.select().from(alerts)).toEqual([]);
  // Three paid orders so far; six declines bring the rate to 3 / 9, under the 85 % threshold.
  for (let n = 0; n < 6; n++) {
    const { cookie } = await cartCookie(db);
    const answer = await pay(cookie, checkoutFields({ cardNumber: DECLINED_VISA }));
    expect(answer.result).toMatchObject({ kind: "declined" });
  }
  const keys = ["rate-1", "rate-2", "rate-3", "rate-4"];
  await fleet!.sendJobs("check-success-rate", keys);
  const states = async () =>
    (await fleet!.pool.sql<{ state: string }[]>`select state from pgboss.job where name = 'check-success-rate' and singleton_key in ${fleet!.pool.sql(keys)}`).map((job) => job.state);
  await expect.poll(states, { timeout: 30_000, intervals: [250] }).toEqual(keys.map(() => "completed"));

  const recorded = await db.select().from(alerts);
  // Each instance also runs the check every 5 minutes by its own schedule: one that falls between two of the
  // declines records the alert with the declines so far (at least 2: ALERT_MIN_PAYMENTS is 5), and every later
  // check, ours included, sees it already recorded. Either way: one alert, one webhook, one email.
  expect(recorded.map((alert) => [alert.kind, alert.succeeded, alert.webhookStatus])).toEqual([["success_rate_low", 3, "delivered"]]);
  expect(recorded[0]!.failed).toBeGreaterThanOrEqual(2);
  expect(recorded[0]!.failed).toBeLessThanOrEqual(6);
  expect(alertHook!.received).toHaveLength(1);
  await expectMailsTo(STAFF, 1);
  expect(await db.select().from(mailMessages).where(like(mailMessages.eventKey, "alert:%"))).toHaveLength(1);

  // Which instance ran what (each counts its own jobs): reported, and all of them add up.
  const perInstance = await Promise.all(fleet!.instances.map((instance) => completedJobs(instance, E2E_METRICS_TOKEN)));
  console.info(`jobs completed per instance: ${JSON.stringify(perInstance)}`);
  const total = (queue: string) => perInstance.reduce((sum, counts) => sum + (counts[queue] ?? 0), 0);
  expect(total("check-success-rate")).toBeGreaterThanOrEqual(keys.length);
  // Three order confirmations and a refund's (the alert's email is the check's own, not a job).
  expect(total("send-email")).toBeGreaterThanOrEqual(4);
  expect(await db.select().from(emailOutbox).where(eq(emailOutbox.kind, "order-confirmation"))).toHaveLength(3);
});
