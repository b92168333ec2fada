// One account's orders and saved cards are its own: another account, or nobody signed in, is refused every
// time and nothing changes. Two shoppers in two browser contexts: A (the `page` fixture) and B.
import type { Page } from "@playwright/test";
import {
  addProductsAndCheckout,
  alertWith,
  CARDS,
  english,
  expect,
  expectOrderConfirmed,
  field,
  newShopper,
  payButton,
  type Shopper,
  test as base,
} from "./support/checkout";
import { buyWithNewCard, savedCard, savedCardRadio, signIn, userByEmail } from "./support/accounts";
import { ordersByEmail, type Sql, tokenOfOrderUrl } from "./support/database";
import { createPaymentOrdersFor, latestRequestSeq } from "./support/sandbox";

/** B: another shopper in a browser context of their own. */
const test = base.extend<{ pageB: Page; shopperB: Shopper }>({
  pageB: async ({ browser }, use) => {
    const context = await browser.newContext(english);
    await use(await context.newPage());
    await context.close();
  },
  shopperB: async ({}, use) => use({ ...newShopper("account-b"), firstName: "Bruno", lastName: "Díaz" }),
});

test.use(english);
// Each test signs in through the mailbox and buys more than once.
test.describe.configure({ timeout: 60_000 });

/** Every payment attempt of these accounts' orders, with the saved card each one used. */
const attemptsOfAccounts = (sql: Sql, userIds: string[]) => sql`
  select a.id, a.status, a.saved_payment_method_id, o.user_id from payment_attempts a join orders o on o.id = a.order_id
  where o.user_id in ${sql(userIds)} order by a.created_at, a.id`;

const NOT_YOURS = "That card is not in your account.";
const CARD_UNAVAILABLE = "This saved card can't be used. Choose another card or use a new card.";

test("an order placed while signed in opens only for its account: not for another account, nor signed out", async ({
  page,
  pageB,
  shopper,
  shopperB,
  browser,
}) => {
  await signIn(page, shopper.email);
  const orderUrl = await buyWithNewCard(page, shopper, CARDS.visa, { save: false });
  const orderPath = new URL(orderUrl).pathname;

  // B, signed in, gets "not found": not even whether the order exists.
  await signIn(pageB, shopperB.email);
  const response = await pageB.goto(orderPath);
  expect(response?.status()).toBe(404);
  await expect(pageB.getByText("This page could not be found")).toBeVisible();
  await expect(pageB.getByText(shopper.email)).toHaveCount(0);
  await expect(pageB.getByText("Order confirmed")).toHaveCount(0);

  // Nobody signed in: sent to sign in, and brought back to the order once signed in as A.
  const signedOut = await browser.newContext(english);
  try {
    const visitor = await signedOut.newPage();
    await visitor.goto(orderPath);
    await expect(visitor).toHaveURL(`/signin?callbackUrl=${encodeURIComponent(orderPath)}`);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Sign in");
    await expect(visitor.getByText(shopper.email)).toHaveCount(0);
    await signIn(visitor, shopper.email, `/signin?callbackUrl=${encodeURIComponent(orderPath)}`);
    await expect(visitor).toHaveURL(orderPath);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Order confirmed");
  } finally {
    await signedOut.close();
  }

  // A still sees it. The order page's live status answers A only.
  await page.goto(orderPath);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Order confirmed");
  const statusPath = `/api/orders/${tokenOfOrderUrl(orderUrl)}/status`;
  expect(await (await page.request.get(statusPath)).json()).toEqual({ state: "paid" });
  const forB = await pageB.request.get(statusPath);
  expect(forB.status()).toBe(404);
  expect(await forB.text()).not.toContain("paid");
  const anonymous = await browser.newContext(english);
  try {
    expect((await anonymous.request.get(statusPath)).status()).toBe(404);
  } finally {
    await anonymous.close();
  }
});

test("another account's card cannot be removed through a tampered Remove form", async ({ page, pageB, shopper, shopperB, sql }) => {
  await signIn(page, shopper.email);
  await buyWithNewCard(page, shopper, CARDS.visa, { save: true });
  await signIn(pageB, shopperB.email);
  await buyWithNewCard(pageB, shopperB, CARDS.mastercard, { save: true });
  const cardA = await savedCard(sql, (await userByEmail(sql, shopper.email)).id, "1111");
  const cardB = await savedCard(sql, (await userByEmail(sql, shopperB.email)).id, "4444");

  // B's own Remove form, its hidden cardId changed to A's card.
  await pageB.goto("/account");
  const remove = pageB.getByRole("button", { name: "Remove Mastercard ending in 4444" });
  await remove.evaluate((button, cardId) => {
    const input = button.closest("form")!.querySelector<HTMLInputElement>('input[name="cardId"]')!;
    input.value = cardId;
  }, cardA.id);
  await remove.click();
  await expect(alertWith(pageB, NOT_YOURS)).toBeVisible();

  // Nothing changed: A's card is there, still A's default; B's card too.
  expect(await savedCard(sql, cardA.user_id, "1111")).toEqual(cardA);
  expect(cardA.removed_at).toBeNull();
  expect(await savedCard(sql, cardB.user_id, "4444")).toEqual(cardB);
  await pageB.reload();
  await expect(pageB.getByTestId("saved-card")).toHaveCount(1);
  await expect(pageB.getByTestId("saved-card")).toContainText("Mastercard ending in 4444");
  await page.goto("/account");
  await expect(page.getByTestId("saved-card")).toHaveCount(1);
  await expect(page.getByTestId("saved-card")).toContainText("Visa ending in 1111");
});

test("another account's saved card cannot pay through the checkout's Server Action", async ({ page, pageB, shopper, shopperB, sql }) => {
  await signIn(page, shopper.email);
  await buyWithNewCard(page, shopper, CARDS.visa, { save: true });
  await signIn(pageB, shopperB.email);
  await buyWithNewCard(pageB, shopperB, CARDS.mastercard, { save: true });
  const cardA = await savedCard(sql, (await userByEmail(sql, shopper.email)).id, "1111");
  const cardB = await savedCard(sql, (await userByEmail(sql, shopperB.email)).id, "4444");
  const ordersOfB = await ordersByEmail(sql, shopperB.email);
  const attemptsBefore = await attemptsOfAccounts(sql, [cardA.user_id, cardB.user_id]);
  const since = await latestRequestSeq();

  // B on the checkout with their own saved card chosen. The Server Action's request is rewritten on its way
  // to name A's payment method id instead (the form itself only ever sends the chosen card's id).
  await addProductsAndCheckout(pageB, ["Mole poblano"]);
  await expect(savedCardRadio(pageB, "Mastercard ending in 4444")).toBeChecked();
  let tampered = 0;
  await pageB.route("**/checkout", async (route) => {
    const request = route.request();
    const body = request.postData() ?? "";
    if (request.method() !== "POST" || !request.headers()["next-action"] || !body.includes(cardB.payment_method_id)) return route.continue();
    tampered++;
    await route.continue({ postData: body.replaceAll(cardB.payment_method_id, cardA.payment_method_id) });
  });
  await field(pageB, "CVC").fill("123");
  await payButton(pageB).click();
  await expect(alertWith(pageB, CARD_UNAVAILABLE)).toBeVisible();
  expect(tampered).toBe(1);
  await expect(pageB).toHaveURL(/\/checkout$/);
  await expect(payButton(pageB)).toBeEnabled();

  // Nothing was attempted with it: no payment attempt, no order, no request to Cheqpay; A's card unchanged.
  expect(await attemptsOfAccounts(sql, [cardA.user_id, cardB.user_id])).toEqual(attemptsBefore);
  expect(await ordersByEmail(sql, shopperB.email)).toEqual(ordersOfB);
  expect(await createPaymentOrdersFor(shopperB.email, since)).toEqual([]);
  expect(await createPaymentOrdersFor(shopper.email, since)).toEqual([]);
  expect(await savedCard(sql, cardA.user_id, "1111")).toEqual(cardA);

  // Untampered, B's own saved card pays.
  await pageB.unroute("**/checkout");
  await field(pageB, "CVC").fill("123");
  await payButton(pageB).click();
  await expectOrderConfirmed(pageB);
  await expect(pageB.getByText("Mastercard ending in 4444", { exact: true })).toBeVisible();
});
