// The order page: while the payment is still being confirmed it updates by itself; an unknown token is a 404;
// the query string cannot change what it says.
import type { Page } from "@playwright/test";
import {
  addProductsAndCheckout,
  alertWith,
  answerChallenge,
  CARDS,
  challengeDialog,
  english,
  expect,
  expectContactAndAddressKept,
  expectOrderConfirmed,
  fillAndPay,
  MESSAGES,
  payButton,
  type Shopper,
  test,
} from "./support/checkout";
import { attemptsOf, onlyOrderOf, orderByToken, type Sql } from "./support/database";
import { completeThreeDs } from "./support/sandbox";

test.use(english);
// A challenge flow loads the checkout, the bank's page in a frame and the order page, some twice (a reload): about
// 26 s on a quiet machine, over 30 s under the full suite's load on 2 cores.
test.describe.configure({ timeout: 60_000 });

const heading = (page: Page) => page.getByRole("heading", { level: 1 });
const statusValue = (page: Page) => page.getByRole("main").locator("dt", { hasText: "Status" }).locator("+ dd");

/** Starts a 3-D Secure payment and leaves it waiting for the shopper's answer. */
async function leaveChallengeOpen(page: Page, shopper: Shopper, sql: Sql) {
  await addProductsAndCheckout(page, ["Chocolate de Oaxaca", "Mole poblano"]);
  await fillAndPay(page, shopper, CARDS.challenge);
  await expect(challengeDialog(page)).toBeVisible({ timeout: 15_000 });
  const order = await onlyOrderOf(sql, shopper.email);
  const [attempt] = await attemptsOf(sql, order.id);
  expect(attempt!.status).toBe("requires_challenge");
  return { order, attempt: attempt! };
}

async function expectProcessing(page: Page): Promise<void> {
  await expect(heading(page)).toHaveText("Confirming your payment…");
  await expect(page.getByRole("main").getByRole("status")).toHaveText(
    "Your bank is confirming the payment. This page updates by itself; you don't need to pay again.",
  );
  await expect(statusValue(page)).toHaveText("Payment processing");
}

/** Marks the document, so that the test can tell an in-place update from a new page load. */
const markDocument = (page: Page) => page.evaluate(() => ((window as unknown as { e2eMark: string }).e2eMark = "same document"));
const documentMark = (page: Page) => page.evaluate(() => (window as unknown as { e2eMark?: string }).e2eMark ?? "reloaded");

test("an order page opened during the challenge updates itself once the shopper completes it", async ({ page, context, shopper, sql }) => {
  const { order } = await leaveChallengeOpen(page, shopper, sql);
  const orderPage = await context.newPage();
  await orderPage.goto(`/orders/${order.public_token}`);
  await expectProcessing(orderPage);
  await markDocument(orderPage);

  await answerChallenge(page, "1234");
  await expectOrderConfirmed(page);
  expect(page.url()).toBe(orderPage.url());

  await expect(heading(orderPage)).toHaveText("Order confirmed", { timeout: 10_000 });
  await expect(statusValue(orderPage)).toHaveText("Paid");
  await expect(orderPage.getByText("Visa ending in 2503", { exact: true })).toBeVisible();
  expect(await documentMark(orderPage)).toBe("same document");
});

test("a processing order page updates itself when the challenge is completed through Cheqpay's return", async ({
  page,
  browser,
  shopper,
  sql,
}) => {
  const { order, attempt } = await leaveChallengeOpen(page, shopper, sql);
  // Another browser (no cookies of the shopper's): the order page needs only its token.
  const elsewhere = await browser.newContext({ ...english, ignoreHTTPSErrors: true });
  try {
    const orderPage = await elsewhere.newPage();
    await orderPage.goto(`/orders/${order.public_token}`);
    await expectProcessing(orderPage);
    await markDocument(orderPage);

    const challenge = await completeThreeDs(attempt.cheqpay_order_id!, "success");
    expect(challenge.returnUrl).toContain(`attempt=${attempt.id}`);
    const returned = await elsewhere.request.post(challenge.returnUrl, {
      form: { TransactionId: challenge.transactionId, MD: challenge.md },
    });
    expect(returned.status()).toBe(200);
    expect(await returned.text()).toContain(`/orders/${order.public_token}`);

    await expect(heading(orderPage)).toHaveText("Order confirmed", { timeout: 10_000 });
    await expect(statusValue(orderPage)).toHaveText("Paid");
    expect(await documentMark(orderPage)).toBe("same document");
    expect((await orderByToken(sql, order.public_token))!.status).toBe("paid");
  } finally {
    await elsewhere.close();
  }
});

test("a processing order page shows a failed verification by itself, and offers the checkout again", async ({
  page,
  browser,
  shopper,
  sql,
}) => {
  const { order, attempt } = await leaveChallengeOpen(page, shopper, sql);
  const elsewhere = await browser.newContext({ ...english, ignoreHTTPSErrors: true });
  try {
    const orderPage = await elsewhere.newPage();
    await orderPage.goto(`/orders/${order.public_token}`);
    await expectProcessing(orderPage);

    const challenge = await completeThreeDs(attempt.cheqpay_order_id!, "failure");
    const returned = await elsewhere.request.post(challenge.returnUrl, {
      form: { TransactionId: challenge.transactionId, MD: challenge.md },
    });
    expect(await returned.text()).toContain("/checkout?payment=authentication_failed");

    await expect(heading(orderPage)).toHaveText("Payment not completed", { timeout: 10_000 });
    await expect(statusValue(orderPage)).toHaveText("Awaiting payment");
    expect((await orderByToken(sql, order.public_token))!.status).toBe("pending");
  } finally {
    await elsewhere.close();
  }

  // The shopper's own checkout: the challenge is over; the form is kept and ready for another card.
  await page.goto("/checkout");
  await expect(payButton(page)).toBeEnabled();
  await expect(challengeDialog(page)).toHaveCount(0);
  await expectContactAndAddressKept(page, shopper);
});

test("an unknown order token is a 404", async ({ page, request }) => {
  for (const token of ["A".repeat(32), "not-a-token", "x".repeat(200)]) {
    const response = await page.goto(`/orders/${token}`);
    expect(response!.status(), token).toBe(404);
    await expect(heading(page)).not.toHaveText(/Order confirmed|Confirming your payment|Payment not completed/);
    const status = await request.get(`/api/orders/${token}/status`);
    expect(status.status(), token).toBe(404);
  }
});

test("the query string cannot make an unpaid order look paid", async ({ page, request, shopper, sql }) => {
  await addProductsAndCheckout(page, ["Taza de talavera"]);
  await fillAndPay(page, shopper, CARDS.declined);
  await expect(alertWith(page, MESSAGES.DECLINED)).toBeVisible();
  const order = await onlyOrderOf(sql, shopper.email);

  for (const query of ["", "?status=paid", "?status=paid&state=paid&paid=1", "?payment=succeeded&heading=paid"]) {
    const response = await page.goto(`/orders/${order.public_token}${query}`);
    expect(response!.status()).toBe(200);
    await expect(heading(page)).toHaveText("Payment not completed");
    await expect(statusValue(page)).toHaveText("Awaiting payment");
    await expect(page.getByText("Order confirmed")).toHaveCount(0);
  }
  const status = await request.get(`/api/orders/${order.public_token}/status?status=paid`);
  expect(await status.json()).toEqual({ state: "unpaid" });
  expect((await orderByToken(sql, order.public_token))!.status).toBe("pending");

  // "Return to checkout" leads back to the form with the contact and address kept.
  await page.getByRole("link", { name: "Return to checkout" }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expectContactAndAddressKept(page, shopper);
});
