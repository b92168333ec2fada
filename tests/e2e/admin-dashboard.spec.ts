// The operations dashboard: staff open it from the back office and read the figures of a known set of payments.
// Other tests pay orders in the same database at the same time (now), so this test's payments are dated three
// days ago (noon in Mexico City), where nobody else writes, and read from that day's row of the chart's table
// (last 7 days, one row a day) and from a decline code of their own. Everyone else gets a 404.
import { randomBytes, randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { signIn } from "./support/accounts";
import { expectNoAxeViolations } from "./support/axe";
import { english, expect, test } from "./support/checkout";
import type { Sql } from "./support/database";

test.use(english);

const STAFF_EMAIL = "staff@example.com";
const MARKER = "e2e-dashboard-";
const HOUR = 3_600_000;

/** Today's date in Mexico City (UTC-6, no daylight saving), `days` before: "2026-03-07". */
function mexicoCityDate(daysBefore: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Mexico_City" }).format(new Date());
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - daysBefore);
  return day.toISOString().slice(0, 10);
}

type Payment = { status: "succeeded" | "failed"; amount: number; processingMs: number; declineCode?: string; challenged?: boolean };

/** An order with one final attempt (and its status history) reaching its status at `at`. */
async function insertPayment(sql: Sql, email: string, at: Date, payment: Payment): Promise<void> {
  const createdAt = new Date(at.getTime() - payment.processingMs);
  const paid = payment.status === "succeeded";
  const [order] = await sql<{ id: string }[]>`
    insert into orders (public_token, status, currency, subtotal_centavos, total_centavos, email, first_name, last_name,
                        billing_address, locale, paid_at, created_at, updated_at)
    values (${randomBytes(24).toString("base64url").slice(0, 32)}, ${paid ? "paid" : "pending"}, 'MXN', ${payment.amount}, ${payment.amount},
            ${email}, 'Ana', 'López', ${sql.json({ line1: "Av. Reforma 222", city: "Ciudad de México", state: "CMX", postalCode: "06600", country: "MX" })},
            'en', ${paid ? at : null}, ${createdAt}, ${at})
    returning id`;
  const [attempt] = await sql<{ id: string }[]>`
    insert into payment_attempts (order_id, external_id, submission_key, status, amount_centavos, currency, decline_code, created_at, updated_at)
    values (${order!.id}, ${`att_${randomUUID().replaceAll("-", "").slice(0, 24)}`}, ${`key_${randomUUID().replaceAll("-", "")}`},
            ${payment.status}, ${payment.amount}, 'MXN', ${payment.declineCode ?? null}, ${createdAt}, ${at})
    returning id`;
  const statuses = ["submitted", ...(payment.challenged ? ["requires_challenge"] : []), payment.status];
  for (const status of statuses) {
    await sql`
      insert into payment_events (order_id, attempt_id, kind, detail, created_at)
      values (${order!.id}, ${attempt!.id}, 'attempt.status', ${sql.json({ status, source: "create-response" })}, ${at})`;
  }
}

/** This test's rows, from this run or an earlier one (attempts and events go with their orders). */
const removeMarkedOrders = (sql: Sql) => sql`delete from orders where email like ${`${MARKER}%@example.com`}`;

const periodLink = (page: Page, name: string) => page.getByRole("navigation", { name: "Period" }).getByRole("link", { name, exact: true });
const bucketRow = (page: Page, day: string) =>
  page.getByRole("table", { name: "Payments and success rate per day" }).getByRole("row").filter({ has: page.locator(`time[datetime="${day}"]`) });
const declineRow = (page: Page, code: string) => page.getByTestId("dashboard-declines").getByRole("row").filter({ hasText: code });

test("staff read the payments of a known day, by period, on the dashboard", async ({ page, browser, sql }) => {
  test.setTimeout(90_000);
  const day = mexicoCityDate(3);
  const noon = new Date(`${day}T12:00:00-06:00`);
  const email = `${MARKER}${randomBytes(5).toString("hex")}@example.com`;
  const declineCode = `e2e_dashboard_${randomBytes(4).toString("hex")}`;

  await removeMarkedOrders(sql);
  try {
    // That day: 5 payments, 3 succeeded (one after a 3-D Secure challenge), 2 declined with this test's code.
    await insertPayment(sql, email, noon, { status: "succeeded", amount: 10000, processingMs: 1200 });
    await insertPayment(sql, email, new Date(noon.getTime() + HOUR), { status: "succeeded", amount: 20000, processingMs: 1800, challenged: true });
    await insertPayment(sql, email, new Date(noon.getTime() + 2 * HOUR), { status: "succeeded", amount: 60000, processingMs: 900 });
    await insertPayment(sql, email, new Date(noon.getTime() + 3 * HOUR), { status: "failed", amount: 5000, processingMs: 700, declineCode });
    await insertPayment(sql, email, new Date(noon.getTime() + 4 * HOUR), { status: "failed", amount: 5000, processingMs: 800, declineCode, challenged: true });

    // Not staff: no dashboard.
    const anonymous = await browser.newPage({ ...english, ignoreHTTPSErrors: true });
    expect((await anonymous.goto("/admin/dashboard"))!.status()).toBe(404);
    await anonymous.close();

    await signIn(page, STAFF_EMAIL);
    await page.goto("/admin");
    await page.getByRole("link", { name: "Dashboard", exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/dashboard$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Operations");
    // The last 24 hours by default: three days ago is not in it.
    await expect(periodLink(page, "Last 24 hours")).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { level: 2, name: "Success rate and volume" })).toBeVisible();
    await expect(page.getByRole("img", { name: "Success rate and payments, Last 24 hours" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Payments and success rate per hour" })).toBeAttached();
    await expect(page.getByText(declineCode)).toHaveCount(0);
    // The playwright config does not set CHEQPAY_API_KEY_CREATED_AT.
    await expect(page.getByTestId("dashboard-key-age")).toHaveText(
      "The Cheqpay API key's age is unknown: set CHEQPAY_API_KEY_CREATED_AT to the day it was created (like 2026-01-31).",
    );

    // The last 7 days: that day's row has exactly this test's payments.
    await periodLink(page, "Last 7 days").click();
    await expect(page).toHaveURL(/\/admin\/dashboard\?period=7d$/);
    await expect(periodLink(page, "Last 7 days")).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("img", { name: "Success rate and payments, Last 7 days" })).toBeVisible();
    const row = bucketRow(page, day);
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("cell")).toHaveText(["5", "3", "60%"]);
    await expect(page.getByRole("table", { name: "Payments and success rate per day" }).getByRole("row")).toHaveCount(1 + 8);
    await expect(declineRow(page, declineCode)).toHaveCount(1);
    await expect(declineRow(page, declineCode).getByRole("cell")).toHaveText(["2"]);
    // The totals include every other test's payments of the week: at least this test's.
    const payments = Number((await page.getByTestId("dashboard-payments").locator(".dashboard-stat__value").innerText()).replace(/,/g, ""));
    expect(payments).toBeGreaterThanOrEqual(5);
    for (const figure of ["dashboard-success-rate", "dashboard-average", "dashboard-median", "dashboard-p50", "dashboard-p95", "dashboard-net", "dashboard-challenge-rate"]) {
      await expect(page.getByTestId(figure).locator(".dashboard-stat__value"), figure).not.toHaveText("—");
    }
    await expect(page.getByTestId("dashboard-refunds").getByRole("row")).toHaveCount(1 + 3);
    await expectNoAxeViolations(page);

    // The last hour: not that day either.
    await periodLink(page, "Last hour").click();
    await expect(page).toHaveURL(/period=1h$/);
    await expect(page.getByRole("table", { name: "Payments and success rate per 5 minutes" })).toBeAttached();
    await expect(page.getByText(declineCode)).toHaveCount(0);
    await expectNoAxeViolations(page);
  } finally {
    await removeMarkedOrders(sql);
  }
});
