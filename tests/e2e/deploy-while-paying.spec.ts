// A deploy while a shopper pays. The checkout page is opened on release A (the e2e build in `.next`) and
// filled in; release A stops and release B (a second build, other action ids: tests/support/second-release.ts)
// starts on the same port, database and sandbox. Pay on the old page: its Server Action id is unknown to B (409,
// `x-nextjs-action-not-found`), so the page reloads by itself with contact and address kept and the card empty,
// says why, and the shopper pays once. Cheqpay sees one create and one charge for the order. The same with a 3-D
// Secure challenge open during the deploy: its Cancel meets the unknown action, and the step resumes.
import type { Page, Response } from "@playwright/test";
import { eq } from "drizzle-orm";
import { createDatabase } from "@/lib/db/client";
import { orders, paymentAttempts } from "@/lib/db/schema";
import { CART_COOKIE } from "@/lib/cart/cart-ids";
import { createFreshDatabase, type FreshDatabase } from "../../scripts/lib/test-database";
import { type AppInstance, startAppInstance, waitUntilReady } from "../support/app-instance";
import { type SandboxProcess, startSandboxProcess } from "../support/sandbox-process";
import { ensureSecondRelease, type SecondRelease } from "../support/second-release";
import { cartCookie } from "../support/system-shopper";
import {
  alertWith,
  answerChallenge,
  CARDS,
  challengeDialog,
  challengeFrame,
  english,
  expect,
  expectCardCleared,
  expectContactAndAddressKept,
  expectOrderConfirmed,
  fillCard,
  fillContactAndAddress,
  payButton,
  test,
} from "./support/checkout";

test.describe.configure({ mode: "serial" });
test.use(english);

const NEW_RELEASE = "We just updated the checkout. Your details are kept; please enter your card again.";
const NEW_RELEASE_CONTINUE = "We just updated the checkout. Your details are kept; please continue with your payment.";
/** This test pays from 127.0.0.1 like every other: limits it cannot reach. */
const LIMITS = { PAYMENT_LIMIT_ATTEMPTS_PER_IP: "100000", PAYMENT_LIMIT_DECLINES_PER_IP: "100000", PAYMENT_LIMIT_ATTEMPTS_PER_EMAIL: "100000" };

let sandbox: SandboxProcess | null = null;
let database: FreshDatabase | null = null;
let app: AppInstance | null = null;
let pool: ReturnType<typeof createDatabase> | null = null;
let releaseB: SecondRelease | null = null;

test.beforeAll(async () => {
  // The second build: about a minute on a quiet machine, longer under load; reused while the sources are unchanged.
  test.setTimeout(900_000);
  const started = Date.now();
  [sandbox, database, releaseB] = await Promise.all([startSandboxProcess(), createFreshDatabase(process.env.DATABASE_URL), ensureSecondRelease()]);
  console.info(`deploy spec: release B ${releaseB.builtMs === null ? "reused" : `built in ${releaseB.builtMs} ms`}; set up in ${Date.now() - started} ms`);
});

test.afterAll(async () => {
  await app?.stop();
  await pool?.sql.end({ timeout: 5 });
  await sandbox?.stop();
  await database?.drop();
});

type Logged = { operation: string | null; status: number | null; body: { externalId?: string } | null };

/** Release A (the e2e build) on `port` (a free one when not given). */
async function startReleaseA(port?: number): Promise<AppInstance> {
  const instance = await startAppInstance({ databaseUrl: database!.url, cheqpayBaseUrl: sandbox!.baseUrl, port, env: LIMITS });
  await waitUntilReady(`${instance.url}/api/ready`);
  return instance;
}

/** The deploy: the running instance stops and release B takes its port (same database, same Cheqpay). */
async function deployReleaseB(): Promise<number> {
  const port = app!.port;
  await app!.stop();
  const started = Date.now();
  app = await startAppInstance({
    databaseUrl: database!.url,
    cheqpayBaseUrl: sandbox!.baseUrl,
    port,
    distDir: releaseB!.distDir,
    env: { ...LIMITS, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: releaseB!.encryptionKey },
  });
  await waitUntilReady(`${app.url}/api/ready`);
  return Date.now() - started;
}

async function createRequests(): Promise<Logged[]> {
  return (await sandbox!.control<{ data: Logged[] }>("GET", "/_sandbox/requests?operation=createPaymentOrder")).body.data;
}

/** Cheqpay's payments for the order it created for `externalId`. */
async function cheqpayPayments(externalId: string): Promise<string[]> {
  const wire = await fetch(`${sandbox!.baseUrl}/v2/payment-orders/${externalId}`, { headers: { "x-api-key": sandbox!.apiKey } });
  expect(wire.status).toBe(200);
  return ((await wire.json()) as { payments: { status: string }[] }).payments.map((p) => p.status);
}

/** The Server Action calls answered 409 (unknown action) from now on. */
function watchUnknownActions(page: Page): Response[] {
  const unknown: Response[] = [];
  page.on("response", (response) => {
    if (response.request().headers()["next-action"] && response.status() === 409) unknown.push(response);
  });
  return unknown;
}

test("a checkout page from the release before a deploy recovers by itself and pays once", async ({ page, context, shopper }) => {
  test.setTimeout(180_000);
  const started = Date.now();
  app = await startReleaseA();
  pool ??= createDatabase(database!.url, { max: 2 });
  const { db } = pool;
  const { cartId } = await cartCookie(db);
  await context.addCookies([{ name: CART_COOKIE, value: cartId, url: app.url, httpOnly: true, secure: true, sameSite: "Lax" }]);

  // What the page keeps in sessionStorage, as it writes it (the record is gone after the reload).
  await context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      console.log(`sessionStorage.setItem ${key} ${value}`);
      setItem.call(this, key, value);
    };
  });
  const stored: string[] = [];
  page.on("console", (message) => {
    if (message.text().startsWith("sessionStorage.setItem ")) stored.push(message.text());
  });
  const unknownActions = watchUnknownActions(page);

  // Release A: the shopper opens the checkout and types everything.
  await page.goto(`${app.url}/checkout`);
  await expect(payButton(page)).toBeEnabled();
  await fillContactAndAddress(page, shopper);
  await fillCard(page, CARDS.visa);
  const pageLoads: string[] = [];
  page.on("load", () => pageLoads.push(page.url()));

  const deployedMs = await deployReleaseB();

  // Pay on the old page: release B does not know its action, and the page recovers by itself.
  await payButton(page).click();
  await expect(alertWith(page, NEW_RELEASE)).toBeVisible({ timeout: 45_000 });
  expect(pageLoads).toHaveLength(1);
  expect(unknownActions).toHaveLength(1);
  expect(unknownActions[0]!.headers()["x-nextjs-action-not-found"]).toBeDefined();
  await expectContactAndAddressKept(page, shopper);
  await expectCardCleared(page);
  await expect(page.getByLabel("Card number", { exact: true })).toBeFocused();

  // Kept: contact and address, never card data; and nothing is left in storage once the form is refilled.
  const kept = stored.filter((line) => line.includes("cheqpay.checkout.kept"));
  expect(kept).toHaveLength(1);
  expect(kept[0]).toContain(shopper.email);
  expect(kept[0]).toContain(shopper.postalCode);
  for (const cardData of [CARDS.visa, "4111 1111 1111 1111", "1111", "cardNumber", "expiry", "cvc"]) expect(kept[0]).not.toContain(cardData);
  expect(await page.evaluate(() => window.sessionStorage.getItem("cheqpay.checkout.kept"))).toBeNull();

  // No attempt was made by the old page's submit: nothing reached Cheqpay.
  expect(await db.select().from(paymentAttempts)).toEqual([]);
  expect(await createRequests()).toEqual([]);

  // The shopper types the card again and pays, once.
  await fillCard(page, CARDS.visa);
  await payButton(page).click();
  await expectOrderConfirmed(page);
  expect(unknownActions).toHaveLength(1);

  const allOrders = await db.select().from(orders);
  expect(allOrders.map((o) => ({ status: o.status, email: o.email, cartId: o.cartId }))).toEqual([{ status: "paid", email: shopper.email, cartId }]);
  const attempts = await db.select().from(paymentAttempts);
  expect(attempts.map((a) => a.status)).toEqual(["succeeded"]);
  expect((await createRequests()).map((request) => request.body?.externalId)).toEqual([attempts[0]!.externalId]);
  expect(await cheqpayPayments(attempts[0]!.externalId)).toEqual(["CAPTURED"]);

  console.info(`deploy spec: release B up in ${deployedMs} ms; the test took ${Date.now() - started} ms`);
});

test("a 3-D Secure challenge open during a deploy resumes on the new release and pays once", async ({ page, context, shopper }) => {
  test.setTimeout(180_000);
  await app?.stop();
  app = await startReleaseA();
  pool ??= createDatabase(database!.url, { max: 2 });
  const { db } = pool;
  const before = (await createRequests()).length;
  const { cartId } = await cartCookie(db);
  await context.addCookies([{ name: CART_COOKIE, value: cartId, url: app.url, httpOnly: true, secure: true, sameSite: "Lax" }]);
  const unknownActions = watchUnknownActions(page);

  // Release A: the bank asks for the code.
  await page.goto(`${app.url}/checkout`);
  await expect(payButton(page)).toBeEnabled();
  await fillContactAndAddress(page, shopper);
  await fillCard(page, CARDS.challenge);
  await payButton(page).click();
  await expect(challengeDialog(page)).toBeVisible({ timeout: 15_000 });
  await expect(challengeFrame(page).getByRole("heading", { name: "3-D Secure verification" })).toBeVisible();

  await deployReleaseB();

  // The dialog's Cancel calls release A's action: unknown to B. The page reloads and the step resumes.
  await challengeDialog(page).getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(alertWith(page, NEW_RELEASE_CONTINUE)).toBeVisible({ timeout: 45_000 });
  expect(unknownActions).toHaveLength(1);
  expect(unknownActions[0]!.headers()["x-nextjs-action-not-found"]).toBeDefined();
  await expect(challengeDialog(page)).toBeVisible({ timeout: 15_000 });
  await expectContactAndAddressKept(page, shopper);

  await answerChallenge(page, "1234");
  await expectOrderConfirmed(page);
  const [order] = await db.select().from(orders).where(eq(orders.cartId, cartId));
  expect(order?.status).toBe("paid");
  const attempts = await db.select().from(paymentAttempts).where(eq(paymentAttempts.orderId, order!.id));
  expect(attempts.map((a) => a.status)).toEqual(["succeeded"]);
  const created = (await createRequests()).slice(before);
  expect(created.map((request) => request.body?.externalId)).toEqual([attempts[0]!.externalId]);
  expect(await cheqpayPayments(attempts[0]!.externalId)).toEqual(["CAPTURED"]);
});
