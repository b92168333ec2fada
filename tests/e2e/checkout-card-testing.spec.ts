// Card testing in the browser: a shopper whose card is declined five times on one order is refused the sixth
// submit with a friendly message (the attempts-per-order limit, left at its default of 5 for the e2e app), and
// Cheqpay never hears of it; staff then see the IP's declines and the refusal at /admin/risk.
import type { Page } from "@playwright/test";
import { signIn } from "./support/accounts";
import {
  addProductsAndCheckout,
  alertWith,
  CARDS,
  english,
  expect,
  expectCardCleared,
  expectContactAndAddressKept,
  fillCard,
  fillContactAndAddress,
  MESSAGES,
  payButton,
  test,
} from "./support/checkout";
import { attemptsOf, onlyOrderOf } from "./support/database";
import { createPaymentOrdersFor, latestRequestSeq } from "./support/sandbox";

test.use(english);

const STAFF_EMAIL = "staff@example.com";
const LIMITED = /^Too many payment attempts\. For your security, please wait (\d+) minutes? before trying again\. You have not been charged\.$/;

/** Types a card and presses Pay; waits for the decline (the card fields cleared, Pay usable again). */
async function payAndGetDeclined(page: Page, attempt: number): Promise<void> {
  await fillCard(page, CARDS.declined);
  await payButton(page).click();
  await expectCardCleared(page);
  await expect(alertWith(page, MESSAGES.DECLINED), `decline ${attempt}`).toBeVisible();
  await expect(payButton(page)).toBeEnabled();
}

test("five declines on one order, then the sixth submit is refused without reaching Cheqpay, and staff see the IP", async ({
  page,
  browser,
  shopper,
  sql,
}) => {
  // Six payments and a staff sign-in.
  test.setTimeout(120_000);
  const since = await latestRequestSeq();
  await addProductsAndCheckout(page, ["Taza de talavera"]);
  await fillContactAndAddress(page, shopper);
  for (let attempt = 1; attempt <= 5; attempt++) await payAndGetDeclined(page, attempt);
  expect(await createPaymentOrdersFor(shopper.email, since)).toHaveLength(5);

  // Even a good card: the order has had its 5 attempts for now.
  await fillCard(page, CARDS.visa);
  await payButton(page).click();

  const refused = alertWith(page, "Too many payment attempts.");
  await expect(refused).toBeVisible();
  await expect(refused).toHaveText(LIMITED);
  const minutes = Number(LIMITED.exec((await refused.textContent()) ?? "")![1]);
  expect(minutes).toBeGreaterThanOrEqual(9);
  expect(minutes).toBeLessThanOrEqual(10);
  await expect(page).toHaveURL(/\/checkout$/);
  await expectContactAndAddressKept(page, shopper);
  await expect(payButton(page)).toBeEnabled();

  // Nothing reached Cheqpay and nothing was charged: 5 creates, all declined; the order is still unpaid.
  const creates = await createPaymentOrdersFor(shopper.email, since);
  expect(creates.map((c) => c.status)).toEqual([422, 422, 422, 422, 422]);
  const order = await onlyOrderOf(sql, shopper.email);
  expect(order.status).toBe("pending");
  const attempts = await attemptsOf(sql, order.id);
  expect(attempts.map((a) => [a.status, a.decline_code])).toEqual(Array.from({ length: 5 }, () => ["failed", "DECLINED"]));
  const refusals = await sql<{ limit_name: string; client_ip: string | null; email: string }[]>`
    select limit_name, client_ip, email from payment_limit_refusals where order_id = ${order.id}`;
  expect(refusals).toEqual([{ limit_name: "attempts-per-order", client_ip: expect.any(String), email: shopper.email }]);
  const addresses = await sql<{ client_ip: string }[]>`select distinct client_ip from payment_attempts where order_id = ${order.id}`;
  expect(addresses).toEqual([{ client_ip: refusals[0]!.client_ip }]);
  const ip = addresses[0]!.client_ip;

  // A shopper gets a 404 at the back office's risk page.
  expect((await page.goto("/admin/risk"))!.status()).toBe(404);

  // Staff see the IP's declines and the refusal (other tests pay from the same address: at least ours).
  const staff = await browser.newContext({ ...english, ignoreHTTPSErrors: true });
  try {
    const staffPage = await staff.newPage();
    await signIn(staffPage, STAFF_EMAIL);
    await staffPage.goto("/admin");
    await staffPage.getByRole("link", { name: "Card testing", exact: true }).click();
    await expect(staffPage).toHaveURL(/\/admin\/risk$/);
    await expect(staffPage.getByRole("heading", { level: 1 })).toHaveText("Card testing");
    await staffPage.getByRole("link", { name: "Last hour", exact: true }).click();
    await expect(staffPage).toHaveURL(/\/admin\/risk\?period=1h$/);
    const row = staffPage.getByTestId("admin-risk-ip").filter({ has: staffPage.getByRole("rowheader", { name: ip, exact: true }) });
    await expect(row).toHaveCount(1);
    const cells = await row.getByRole("cell").allTextContents();
    // Attempts, declines, refused, cards, emails, last seen, now.
    expect(Number(cells[0])).toBeGreaterThanOrEqual(5);
    expect(Number(cells[1])).toBeGreaterThanOrEqual(5);
    expect(Number(cells[2])).toBeGreaterThanOrEqual(1);
    expect(cells[6]).toContain("Refused by: attempts per order");
  } finally {
    await staff.close();
  }
});
