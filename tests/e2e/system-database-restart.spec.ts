// The database restarting under a running app: while it is down, a payment gets a friendly "try again" (in the
// shopper's language) and nothing goes to Cheqpay, pages show a friendly error page, readiness answers 503, and
// the process stays up; once it is back, the next payment works and its email goes out, without restarting
// the app. A system spec: its own embedded PostgreSQL (never the run's shared server), sandbox and app instance.
import { expect, test } from "@playwright/test";
import { like } from "drizzle-orm";
import { createDatabase, type Database } from "@/lib/db/client";
import { mailMessages } from "@/lib/db/schema";
import englishCheckout from "@/messages/en/checkout.json" with { type: "json" };
import englishErrorPage from "@/messages/en/errorPage.json" with { type: "json" };
import spanishCheckout from "@/messages/es-MX/checkout.json" with { type: "json" };
import spanishErrorPage from "@/messages/es-MX/errorPage.json" with { type: "json" };
import { type EmbeddedServer, ensureDatabase, startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { type AppInstance, startAppInstance, waitUntilReady } from "../support/app-instance";
import { type SandboxProcess, startSandboxProcess } from "../support/sandbox-process";
import { callServerAction, serverActionId } from "../support/server-action";
import { cartCookie, checkoutFields } from "../support/system-shopper";

test.describe.configure({ mode: "serial" });

let server: EmbeddedServer | null = null;
let sandbox: SandboxProcess | null = null;
let app: AppInstance | null = null;
let pool: { db: Database; sql: { end(options?: { timeout?: number }): Promise<void> } } | null = null;

test.beforeAll(async () => {
  [server, sandbox] = await Promise.all([startEmbeddedPostgres({ name: "system-db-restart", fast: true, ephemeral: true }), startSandboxProcess()]);
});

test.afterAll(async () => {
  await app?.stop();
  await pool?.sql.end({ timeout: 5 });
  await sandbox?.stop();
  await server?.stop();
});

type Step = { kind: string; code?: string; message?: string; orderUrl?: string; nextSubmissionKey?: string };

/** Cheqpay API calls the sandbox received (not the readiness check's bare HEAD of its origin). */
async function cheqpayApiCalls(): Promise<number> {
  const { body } = await sandbox!.control<{ data: { operation: string | null }[] }>("GET", "/_sandbox/requests");
  return body.data.filter((entry) => entry.operation !== null).length;
}

test("requests fail cleanly while the database is down and work again once it is back", async ({ page }) => {
  test.setTimeout(150_000);
  const databaseUrl = await ensureDatabase(server!.serverUrl, "cheqpay");
  app = await startAppInstance({ databaseUrl, cheqpayBaseUrl: sandbox!.baseUrl });
  await waitUntilReady(`${app.url}/api/ready`);
  pool = createDatabase(databaseUrl, { max: 2 });
  const actionId = serverActionId("app/checkout/actions.ts", "payWithCard");
  const pay = (cookie: string, fields = checkoutFields()) =>
    callServerAction<Step>({ baseUrl: app!.url, pagePath: "/checkout", actionId, args: [fields], cookie });

  const first = await pay((await cartCookie(pool.db)).cookie);
  expect(first.result).toMatchObject({ kind: "paid" });
  const later = await cartCookie(pool.db);
  const requestsBefore = await cheqpayApiCalls();

  await server!.halt();
  const downAt = Date.now();

  // A payment: a friendly problem in the shopper's language, answered normally (no 500, no stack).
  const fields = checkoutFields();
  const spanish = await pay(later.cookie, fields);
  expect(spanish.status).toBe(200);
  expect(spanish.result).toEqual({
    kind: "problem",
    code: "service-unavailable",
    message: spanishCheckout.problems["service-unavailable"],
    nextSubmissionKey: expect.any(String),
  });
  const english = await pay(`${later.cookie}; locale=en`, checkoutFields());
  expect(english.result).toMatchObject({ code: "service-unavailable", message: englishCheckout.problems["service-unavailable"] });
  expect(`${spanish.body}${english.body}`).not.toMatch(/ECONNREFUSED|postgres|\bat \S+ \(/i);

  // Pages: the shop's frame with a friendly error page, never the error's details.
  const [name, value] = later.cookie.split("=") as [string, string];
  await page.context().addCookies([
    { name, value, url: app.url },
    { name: "locale", value: "es-MX", url: app.url },
  ]);
  for (const path of ["/checkout", first.result!.orderUrl!]) {
    await page.goto(`${app.url}${path}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(spanishErrorPage.title);
    await expect(page.getByRole("alert").filter({ hasText: spanishErrorPage.text })).toBeVisible();
    await expect(page.locator("body")).not.toContainText(/ECONNREFUSED|postgres|Application error/i);
  }
  await page.context().addCookies([{ name: "locale", value: "en", url: app.url }]);
  await page.goto(`${app.url}/checkout`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(englishErrorPage.title);
  await expect(page.getByRole("button", { name: englishErrorPage.retry })).toBeVisible();

  const ready = await fetch(`${app.url}/api/ready`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toMatchObject({ status: "not_ready", checks: { database: "failed", cheqpay: "ok" } });
  expect(await cheqpayApiCalls()).toBe(requestsBefore);
  expect(app.child.exitCode).toBeNull();
  const downMs = Date.now() - downAt;

  await server!.resume();
  const upAt = Date.now();
  await waitUntilReady(`${app.url}/api/ready`, 30_000);
  const readyMs = Date.now() - upAt;

  // The shopper presses Pay again (the key the problem gave): paid, by the same process.
  const again = await pay(later.cookie, { ...fields, submissionKey: spanish.result!.nextSubmissionKey });
  expect(again.result).toMatchObject({ kind: "paid" });
  // Its job ran: the confirmation was mailed (the first order's too).
  const confirmations = () => pool!.db.select().from(mailMessages).where(like(mailMessages.eventKey, "order-confirmation:%"));
  await expect.poll(async () => (await confirmations()).length, { timeout: 30_000, intervals: [250] }).toBe(2);
  await page.goto(`${app.url}${again.result!.orderUrl!}`);
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(englishErrorPage.title);
  expect(app.child.exitCode).toBeNull();
  console.info(`database restart spec: down ${downMs} ms (checks included); ready again ${readyMs} ms after the database came back`);
});
