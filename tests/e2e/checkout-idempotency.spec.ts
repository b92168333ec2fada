// One payment per checkout however the shopper presses Pay: a double-click, Enter twice, two submits in the
// same tick, two tabs of the same cart at once, or going back to the checkout after paying.
import type { Page } from "@playwright/test";
import {
  addProductsAndCheckout,
  alertWith,
  CARDS,
  english,
  expect,
  expectNothingToPay,
  expectOrderConfirmed,
  field,
  fillCard,
  fillContactAndAddress,
  payButton,
  type Shopper,
  test,
} from "./support/checkout";
import { attemptsOf, onlyOrderOf, ordersByEmail, type Sql } from "./support/database";
import { addFault, createPaymentOrdersFor, latestRequestSeq, SANDBOX_CREATES_LOCK, successfulChargesFor } from "./support/sandbox";

test.use(english);

async function readyToPay(page: Page, shopper: Shopper): Promise<void> {
  await addProductsAndCheckout(page, ["Alebrije de jaguar"]);
  await fillContactAndAddress(page, shopper);
  await fillCard(page, CARDS.visa);
}

async function expectExactlyOneCharge(sql: Sql, shopper: Shopper, since: number): Promise<void> {
  expect(await createPaymentOrdersFor(shopper.email, since)).toHaveLength(1);
  expect(await successfulChargesFor(shopper.email, since)).toHaveLength(1);
  const order = await onlyOrderOf(sql, shopper.email);
  expect(order.status).toBe("paid");
  expect((await attemptsOf(sql, order.id)).map((a) => a.status)).toEqual(["succeeded"]);
}

test("a double-click on Pay sends one payment", { lock: SANDBOX_CREATES_LOCK }, async ({ page, shopper, sql }) => {
  // Cheqpay answers slowly, so the second click lands while the first payment is in flight.
  const clearFault = await addFault({ match: { operation: "createPaymentOrder" }, action: { type: "latency", ms: 800 } });
  try {
    const since = await latestRequestSeq();
    await readyToPay(page, shopper);
    await payButton(page).dblclick();
    await expect(page.getByRole("button", { name: "Processing payment…" })).toBeDisabled();
    await expectOrderConfirmed(page);
    await expectExactlyOneCharge(sql, shopper, since);
  } finally {
    await clearFault();
  }
});

test("Enter pressed twice quickly in the form sends one payment", { lock: SANDBOX_CREATES_LOCK }, async ({ page, shopper, sql }) => {
  const clearFault = await addFault({ match: { operation: "createPaymentOrder" }, action: { type: "latency", ms: 800 } });
  try {
    const since = await latestRequestSeq();
    await readyToPay(page, shopper);
    await field(page, "CVC").press("Enter");
    await field(page, "CVC").press("Enter");
    await expectOrderConfirmed(page);
    await expectExactlyOneCharge(sql, shopper, since);
  } finally {
    await clearFault();
  }
});

test("two submits in the same tick send one payment", async ({ page, shopper, sql }) => {
  const since = await latestRequestSeq();
  await readyToPay(page, shopper);
  await page.getByRole("main").locator("form").evaluate((form: HTMLFormElement) => {
    form.requestSubmit();
    form.requestSubmit();
  });
  await expectOrderConfirmed(page);
  await expectExactlyOneCharge(sql, shopper, since);
});

test("two tabs of the same cart paying at once make at most one charge and one paid order", { lock: SANDBOX_CREATES_LOCK }, async ({ page, context, shopper, sql }) => {
  test.setTimeout(60_000);
  const since = await latestRequestSeq();
  await readyToPay(page, shopper);
  const second = await context.newPage();
  await second.goto("/checkout");
  await fillContactAndAddress(second, shopper);
  await fillCard(second, CARDS.mastercard);
  await expect(payButton(second)).toHaveText(await payButton(page).innerText());

  // The first payment to reach Cheqpay is answered slowly, so the other one meets it in flight.
  const clearFault = await addFault({ match: { operation: "createPaymentOrder" }, action: { type: "latency", ms: 1500 } });
  try {
    await Promise.all([payButton(page).click(), payButton(second).click()]);
    const outcome = async (tab: Page) => {
      const confirmed = tab.getByRole("heading", { level: 1, name: "Order confirmed" });
      const inProgress = alertWith(tab, "A payment for this order is already in progress. Wait a moment before trying again.");
      try {
        await expect(confirmed.or(inProgress)).toBeVisible({ timeout: 20_000 });
      } catch (error) {
        const alerts = await tab.getByRole("alert").allInnerTexts().catch(() => []);
        const buttons = await tab.getByRole("button").allInnerTexts().catch(() => []);
        throw new Error(`A tab shows neither outcome: ${tab.url()} alerts=${JSON.stringify(alerts)} buttons=${JSON.stringify(buttons)}`, { cause: error });
      }
      return (await confirmed.isVisible()) ? "paid" : "in progress";
    };
    const outcomes = await Promise.all([outcome(page), outcome(second)]);
    expect(outcomes).toContain("paid");

    const orders = await ordersByEmail(sql, shopper.email);
    expect(orders).toHaveLength(1);
    expect(orders[0]!.status).toBe("paid");
    const attempts = await attemptsOf(sql, orders[0]!.id);
    expect(attempts.filter((a) => a.status === "succeeded")).toHaveLength(1);
    expect(await successfulChargesFor(shopper.email, since)).toHaveLength(1);
    // Both tabs now show the paid order, or nothing left to pay.
    for (const tab of [page, second]) {
      await tab.goto("/checkout");
      await expect(payButton(tab)).toHaveCount(0);
    }
    expect(await successfulChargesFor(shopper.email, since)).toHaveLength(1);
  } finally {
    // Close the extra tab ourselves, so the context's teardown has only the fixture's page left.
    await second.close().catch(() => {});
    await clearFault();
  }
});

test("going back to the checkout after paying cannot pay again", async ({ page, shopper, sql }) => {
  const since = await latestRequestSeq();
  await readyToPay(page, shopper);
  await payButton(page).click();
  await expectOrderConfirmed(page);
  const orderUrl = page.url();

  await page.goBack();
  const pay = payButton(page);
  const nothingToPay = page.getByText("Your cart is empty").or(page.getByRole("heading", { level: 1, name: "Order confirmed" }));
  await expect(nothingToPay.or(pay)).toBeVisible();
  if (await pay.isVisible()) {
    // A page the browser restored from its cache: paying from it must not charge again.
    await fillCard(page, CARDS.visa);
    await pay.click();
    await expect(page).toHaveURL(orderUrl);
  }
  await expectNothingToPay(page, orderUrl);
  await page.goto("/checkout");
  await expectNothingToPay(page, orderUrl);
  await page.reload();
  await expect(payButton(page)).toHaveCount(0);
  await expectExactlyOneCharge(sql, shopper, since);
});
