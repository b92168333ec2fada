// 3-D Secure in the checkout: the challenge in its dialog (right code, wrong code, Cancel in the bank's page,
// the dialog's own Cancel and Escape), frictionless success and rejection, a reload during the challenge, and
// going back or reloading after paying.
import type { Page } from "@playwright/test";
import {
  addProductsAndCheckout,
  alertWith,
  answerChallenge,
  CARDS,
  challengeDialog,
  challengeFrame,
  english,
  expect,
  expectCardCleared,
  expectContactAndAddressKept,
  expectNothingToPay,
  expectOrderConfirmed,
  fillAndPay,
  fillCard,
  MESSAGES,
  payButton,
  type Shopper,
  test,
} from "./support/checkout";
import { attemptsOf, onlyOrderOf, type Sql } from "./support/database";
import { createPaymentOrdersFor, latestRequestSeq, successfulChargesFor } from "./support/sandbox";

test.use(english);
// A challenge flow loads the checkout, the bank's page in a frame and the order page, some twice (a reload): about
// 26 s on a quiet machine, over 30 s under the full suite's load on 2 cores.
test.describe.configure({ timeout: 60_000 });

/** Pays with a challenge card and waits for the bank's page in the dialog. */
async function openChallenge(page: Page, shopper: Shopper): Promise<void> {
  await addProductsAndCheckout(page, ["Caballitos tequileros"]);
  await fillAndPay(page, shopper, CARDS.challenge);
  await expect(challengeDialog(page)).toBeVisible({ timeout: 15_000 });
  await expect(challengeFrame(page).getByRole("heading", { name: "3-D Secure verification" })).toBeVisible();
}

/** Back on the checkout after a failed verification: the message, the form kept, the card to type again. */
async function expectVerificationFailed(page: Page, shopper: Shopper): Promise<void> {
  await expect(alertWith(page, MESSAGES.AUTHENTICATION_FAILED)).toBeVisible({ timeout: 15_000 });
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(challengeDialog(page)).toHaveCount(0);
  await expectContactAndAddressKept(page, shopper);
  await expectCardCleared(page);
  await expect(payButton(page)).toBeEnabled();
}

async function expectOneFailedAttempt(sql: Sql, shopper: Shopper): Promise<void> {
  const order = await onlyOrderOf(sql, shopper.email);
  expect(order.status).toBe("pending");
  const attempts = await attemptsOf(sql, order.id);
  expect(attempts).toHaveLength(1);
  expect(["failed", "expired"]).toContain(attempts[0]!.status);
  expect(attempts[0]!.decline_code).toBe("AUTHENTICATION_FAILED");
}

test("the right code in the challenge pays the order", async ({ page, shopper, sql }) => {
  const since = await latestRequestSeq();
  await openChallenge(page, shopper);
  await answerChallenge(page, "1234");
  await expectOrderConfirmed(page);
  await expect(page.getByText("Visa ending in 2503", { exact: true })).toBeVisible();
  const order = await onlyOrderOf(sql, shopper.email);
  expect(order.status).toBe("paid");
  expect(await createPaymentOrdersFor(shopper.email, since)).toHaveLength(1);
});

test("a wrong code brings the shopper back to the checkout with the verification message", async ({ page, shopper, sql }) => {
  await openChallenge(page, shopper);
  await answerChallenge(page, "0000");
  await expectVerificationFailed(page, shopper);
  await expectOneFailedAttempt(sql, shopper);
  // The message came from the query string, which is gone: a reload does not show it again.
  await page.reload();
  await expect(payButton(page)).toBeEnabled();
  await expect(alertWith(page, MESSAGES.AUTHENTICATION_FAILED)).toHaveCount(0);
});

test("Cancel in the bank's page brings the shopper back with the verification message", async ({ page, shopper, sql }) => {
  await openChallenge(page, shopper);
  await challengeFrame(page).getByRole("button", { name: "Cancel" }).click();
  await expectVerificationFailed(page, shopper);
  await expectOneFailedAttempt(sql, shopper);
});

test("the dialog's own Cancel ends the verification with the same message, and another card pays", async ({
  page,
  shopper,
  sql,
}) => {
  await openChallenge(page, shopper);
  await challengeDialog(page).getByRole("button", { name: "Cancel", exact: true }).click();
  await expectVerificationFailed(page, shopper);
  await expectOneFailedAttempt(sql, shopper);

  await fillCard(page, CARDS.visa);
  await payButton(page).click();
  await expectOrderConfirmed(page);
  const attempts = await attemptsOf(sql, (await onlyOrderOf(sql, shopper.email)).id);
  expect(attempts.map((a) => a.status)).toEqual(["expired", "succeeded"]);
});

test("Escape closes the challenge dialog like its Cancel", async ({ page, shopper, sql }) => {
  await openChallenge(page, shopper);
  await challengeDialog(page).getByRole("button", { name: "Cancel", exact: true }).focus();
  await page.keyboard.press("Escape");
  await expectVerificationFailed(page, shopper);
  await expectOneFailedAttempt(sql, shopper);
});

test("a frictionless card pays without showing the challenge", async ({ page, shopper, sql }) => {
  const challengePages: string[] = [];
  const deviceDataPages: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/3ds/challenge")) challengePages.push(request.url());
    if (request.url().includes("/3ds/device-data")) deviceDataPages.push(request.url());
  });
  let dialogs = 0;
  await page.exposeFunction("e2eDialogOpened", () => dialogs++);
  await page.addInitScript(() => {
    const showModal = HTMLDialogElement.prototype.showModal;
    HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
      void (window as unknown as { e2eDialogOpened: () => void }).e2eDialogOpened();
      return showModal.call(this);
    };
  });

  await addProductsAndCheckout(page, ["Mole poblano"]);
  await fillAndPay(page, shopper, CARDS.frictionless);
  await expectOrderConfirmed(page);
  expect(deviceDataPages.length).toBeGreaterThan(0);
  expect(challengePages).toEqual([]);
  expect(dialogs).toBe(0);
  expect((await onlyOrderOf(sql, shopper.email)).status).toBe("paid");
});

test("a frictionless rejection shows the verification message", async ({ page, shopper, sql }) => {
  await addProductsAndCheckout(page, ["Mole poblano"]);
  await fillAndPay(page, shopper, CARDS.frictionlessRejected);
  await expectVerificationFailed(page, shopper);
  await expect(challengeDialog(page)).toHaveCount(0);
  const order = await onlyOrderOf(sql, shopper.email);
  const attempts = await attemptsOf(sql, order.id);
  expect(attempts.map((a) => [a.status, a.decline_code])).toEqual([["failed", "AUTHENTICATION_FAILED"]]);
});

test("a reload during the challenge opens it again, and completing it pays with one charge", async ({ page, shopper, sql }) => {
  const since = await latestRequestSeq();
  await openChallenge(page, shopper);
  await page.reload();
  await expect(challengeDialog(page)).toBeVisible({ timeout: 15_000 });
  await expect(challengeFrame(page).getByRole("heading", { name: "3-D Secure verification" })).toBeVisible();
  // The form behind the dialog is kept, and busy: no second payment can start.
  await expectContactAndAddressKept(page, shopper);
  await expect(page.getByRole("button", { name: "Processing payment…" })).toBeDisabled();

  await answerChallenge(page, "1234");
  await expectOrderConfirmed(page);
  const order = await onlyOrderOf(sql, shopper.email);
  expect(order.status).toBe("paid");
  expect(await attemptsOf(sql, order.id)).toHaveLength(1);
  expect(await createPaymentOrdersFor(shopper.email, since)).toHaveLength(1);
});

test("going back or reloading after paying never charges twice", async ({ page, shopper, sql }) => {
  const since = await latestRequestSeq();
  await openChallenge(page, shopper);
  await answerChallenge(page, "1234");
  await expectOrderConfirmed(page);
  const orderUrl = page.url();

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Order confirmed");

  // Back to the checkout, and to it again: nothing left to pay (the cart is empty, or the paid order is shown).
  await page.goBack();
  await expectNothingToPay(page, orderUrl);
  await page.goto("/checkout");
  await expectNothingToPay(page, orderUrl);

  await page.goto(orderUrl);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Order confirmed");
  expect(await createPaymentOrdersFor(shopper.email, since)).toHaveLength(1);
  expect(await successfulChargesFor(shopper.email, since)).toHaveLength(1);
  const order = await onlyOrderOf(sql, shopper.email);
  expect(await attemptsOf(sql, order.id)).toHaveLength(1);
});
