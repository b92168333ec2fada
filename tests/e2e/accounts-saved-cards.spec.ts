// Saved cards: a card saved at a signed-in purchase pays the next purchase with only its CVC, as the same
// Cheqpay customer (the account's name and email, whatever was typed); a saved 3-D Secure card is verified
// again; choosing another default and removing a card change /account and the checkout at once; a declined
// saved card asks for another one, an expired one cannot be chosen; the name in Your details is the customer's.
import {
  addProductsAndCheckout,
  alertWith,
  CARDS,
  english,
  expect,
  expectOrderConfirmed,
  FUTURE_EXPIRY,
  field,
  fillCard,
  MESSAGES,
  payButton,
  test,
} from "./support/checkout";
import {
  buyWithNewCard,
  completeChallenge,
  expectAccountCheckout,
  expireSavedCard,
  newCardRadio,
  payWith,
  payWithSavedCard,
  savedCard,
  savedCardItem,
  savedCardRadio,
  savedCardsOf,
  saveCardCheckbox,
  signIn,
  signOut,
  userByEmail,
} from "./support/accounts";
import { ordersByEmail, tokenOfOrderUrl } from "./support/database";
import { addFault, createPaymentOrdersFor, latestRequestSeq, SANDBOX_CREATES_LOCK, sandboxRequests } from "./support/sandbox";

test.use(english);
// Each test signs in through the mailbox and buys more than once.
test.describe.configure({ timeout: 60_000 });

const EXPIRES = `Expires ${FUTURE_EXPIRY}`;

test("a card saved at the first purchase pays the next one with only its CVC, as the same Cheqpay customer", async ({
  page,
  shopper,
  sql,
}) => {
  const since = await latestRequestSeq();
  await signIn(page, shopper.email);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText("You have no saved cards.", { exact: false })).toBeVisible();
  await expect(page.getByText("You have no orders yet.")).toBeVisible();

  // The first purchase: a new card, saved.
  const firstOrderUrl = await buyWithNewCard(page, shopper, CARDS.visa, { save: true });
  await expect(page.getByText("Visa ending in 1111", { exact: true })).toBeVisible();

  // /account lists the card, as the default, and the order.
  await page.goto("/account");
  const visa = savedCardItem(page, "Visa ending in 1111");
  await expect(page.getByTestId("saved-card")).toHaveCount(1);
  await expect(visa).toContainText(EXPIRES);
  await expect(visa.getByText("Default", { exact: true })).toBeVisible();
  const orders = page.getByTestId("account-order");
  await expect(orders).toHaveCount(1);
  const [firstOrder] = await ordersByEmail(sql, shopper.email);
  const orderLink = orders.getByRole("link", { name: `Order #${firstOrder!.order_number}`, exact: true });
  await expect(orderLink).toHaveAttribute("href", `/orders/${tokenOfOrderUrl(firstOrderUrl)}`);
  await expect(orders.getByRole("cell", { name: "Paid", exact: true })).toBeVisible();
  await expect(orders).toContainText("249.00");
  await orderLink.click();
  await expectOrderConfirmed(page);
  expect(page.url()).toBe(firstOrderUrl);

  // Signed out and back in through a new emailed link.
  await signOut(page);
  await signIn(page, shopper.email);

  // The second purchase: the saved card is chosen already; only its CVC is asked. Another first name typed.
  await addProductsAndCheckout(page, ["Mole poblano"]);
  await expectAccountCheckout(page, shopper.email);
  await expect(savedCardRadio(page, "Visa ending in 1111")).toBeChecked();
  await expect(payWith(page).getByRole("radio", { name: `Visa ending in 1111 expires ${FUTURE_EXPIRY}` })).toBeVisible();
  await expect(newCardRadio(page)).not.toBeChecked();
  await expect(field(page, "First name")).toHaveValue(shopper.firstName);
  await expect(field(page, "Address")).toHaveValue(shopper.address); // from the last paid order
  await field(page, "First name").fill("Mariana");
  await payWithSavedCard(page, "Visa ending in 1111", "321");
  await expectOrderConfirmed(page);
  await expect(page.getByText("Visa ending in 1111", { exact: true })).toBeVisible();

  // Cheqpay: the first payment saved the card, the second one paid with it; both name the account's customer.
  const user = await userByEmail(sql, shopper.email);
  const card = await savedCard(sql, user.id, "1111");
  expect(card.payment_method_id).not.toBe("");
  expect(card.cheqpay_customer_id).toBe(user.cheqpay_customer_id);
  const created = await createPaymentOrdersFor(shopper.email, since);
  expect(created.map((entry) => entry.status)).toEqual([201, 201]);
  const [first, second] = created.map((entry) => entry.body!);
  expect(first!.paymentMethod).toMatchObject({ type: "card", persist: true, cardDetails: { number: "************1111", cvc: "***" } });
  expect(second!.paymentMethod).toEqual({ type: "payment_method_id", paymentMethodId: card.payment_method_id, cvc: "***" });
  const customer = {
    id: user.cheqpay_customer_id,
    externalId: user.id,
    firstName: shopper.firstName,
    lastName: shopper.lastName,
    email: shopper.email,
  };
  expect(first!.customer).toMatchObject(customer);
  expect(second!.customer).toMatchObject(customer);
  expect(user).toMatchObject({ first_name: shopper.firstName, last_name: shopper.lastName });

  // Both orders are the account's, and paid.
  const placed = await ordersByEmail(sql, shopper.email);
  expect(placed.map((order) => order.status)).toEqual(["paid", "paid"]);
  await page.goto("/account");
  await expect(page.getByTestId("account-order")).toHaveCount(2);
});

test("a saved 3-D Secure card is verified again with the bank's challenge when it pays", async ({ page, shopper, sql }) => {
  const since = await latestRequestSeq();
  await signIn(page, shopper.email);
  await buyWithNewCard(page, shopper, CARDS.challenge, { save: true, challengeCode: "1234" });
  await page.goto("/account");
  await expect(savedCardItem(page, "Visa ending in 2503").getByText("Default", { exact: true })).toBeVisible();

  await addProductsAndCheckout(page, ["Chocolate de Oaxaca"]);
  await expect(savedCardRadio(page, "Visa ending in 2503")).toBeChecked();
  await payWithSavedCard(page, "Visa ending in 2503");
  await completeChallenge(page, "1234");
  await expectOrderConfirmed(page);
  await expect(page.getByText("Visa ending in 2503", { exact: true })).toBeVisible();

  const user = await userByEmail(sql, shopper.email);
  const card = await savedCard(sql, user.id, "2503");
  const created = await createPaymentOrdersFor(shopper.email, since);
  expect(created).toHaveLength(2);
  expect(created[0]!.body!.paymentMethod).toMatchObject({ type: "card", persist: true });
  expect(created[1]!.body!.paymentMethod).toEqual({ type: "payment_method_id", paymentMethodId: card.payment_method_id, cvc: "***" });
  expect(created[1]!.body!.customer).toMatchObject({ id: user.cheqpay_customer_id, externalId: user.id, email: shopper.email });
  expect((await ordersByEmail(sql, shopper.email)).map((order) => order.status)).toEqual(["paid", "paid"]);
});

test("making another card the default has the checkout choose it; removing it offers it no more", async ({ page, shopper, sql }) => {
  await signIn(page, shopper.email);
  await buyWithNewCard(page, shopper, CARDS.visa, { save: true });
  await buyWithNewCard(page, shopper, CARDS.mastercard, { save: true, product: "Mole poblano" });

  // The first saved card stays the default: /account lists it first, and the checkout chooses it.
  await page.goto("/account");
  const visa = savedCardItem(page, "Visa ending in 1111");
  const mastercard = savedCardItem(page, "Mastercard ending in 4444");
  await expect(page.getByTestId("saved-card")).toHaveCount(2);
  await expect(page.getByTestId("saved-card").first()).toContainText("Visa ending in 1111");
  await expect(visa.getByText("Default", { exact: true })).toBeVisible();
  await expect(mastercard.getByText("Default", { exact: true })).toHaveCount(0);
  await expect(visa.getByRole("button", { name: /^Make / })).toHaveCount(0);
  await addProductsAndCheckout(page, ["Café de Chiapas"]);
  await expect(savedCardRadio(page, "Visa ending in 1111")).toBeChecked();
  await expect(savedCardRadio(page, "Mastercard ending in 4444")).not.toBeChecked();

  // Make the Mastercard the default: the checkout chooses it.
  await page.goto("/account");
  await page.getByRole("button", { name: "Make Mastercard ending in 4444 the default card" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Mastercard ending in 4444 is now your default card." })).toBeVisible();
  await expect(mastercard.getByText("Default", { exact: true })).toBeVisible();
  await expect(visa.getByText("Default", { exact: true })).toHaveCount(0);
  await page.goto("/checkout");
  await expect(savedCardRadio(page, "Mastercard ending in 4444")).toBeChecked();
  await expect(savedCardRadio(page, "Visa ending in 1111")).not.toBeChecked();

  // Remove it: gone from the list at once and from the checkout; the Visa is the default again.
  await page.goto("/account");
  await page.getByRole("button", { name: "Remove Mastercard ending in 4444" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Mastercard ending in 4444 was removed." })).toBeVisible();
  await expect(mastercard).toHaveCount(0);
  await expect(page.getByTestId("saved-card")).toHaveCount(1);
  await expect(visa.getByText("Default", { exact: true })).toBeVisible();
  await page.goto("/checkout");
  await expect(payWith(page).getByRole("radio")).toHaveCount(2);
  await expect(savedCardRadio(page, "Mastercard ending in 4444")).toHaveCount(0);
  await expect(savedCardRadio(page, "Visa ending in 1111")).toBeChecked();
  await expect(newCardRadio(page)).toBeVisible();

  const user = await userByEmail(sql, shopper.email);
  const cards = await savedCardsOf(sql, user.id);
  expect(cards.map((card) => [card.last4, card.is_default, card.removed_at !== null])).toEqual([
    ["1111", true, false],
    ["4444", false, true],
  ]);
});

test("a declined saved card asks for another card, and an expired one cannot be chosen", { lock: SANDBOX_CREATES_LOCK }, async ({ page, shopper, sql }) => {
  await signIn(page, shopper.email);
  await buyWithNewCard(page, shopper, CARDS.visa, { save: true });
  await addProductsAndCheckout(page, ["Mole poblano"]);

  // Cheqpay declines the saved card.
  const clearFault = await addFault({
    match: { operation: "createPaymentOrder" },
    action: {
      type: "error",
      status: 422,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "DECLINED", message: "Declined", declineReason: "generic_decline" } }),
    },
  });
  try {
    await payWithSavedCard(page, "Visa ending in 1111");
    await expect(alertWith(page, `${MESSAGES.DECLINED} Choose another saved card or use a new card.`)).toBeVisible();
  } finally {
    await clearFault();
  }
  await expect(payWith(page)).toBeFocused();
  await expect(field(page, "CVC")).toHaveValue("");

  // A new card, saved too, pays.
  await newCardRadio(page).check();
  await fillCard(page, CARDS.mastercard);
  await saveCardCheckbox(page).check();
  await payButton(page).click();
  await expectOrderConfirmed(page);
  const user = await userByEmail(sql, shopper.email);
  const [declined] = await sql<{ status: string; decline_code: string; saved_payment_method_id: string }[]>`
    select a.status, a.decline_code, a.saved_payment_method_id from payment_attempts a join orders o on o.id = a.order_id
    where o.user_id = ${user.id} and a.status = 'failed'`;
  expect(declined).toEqual({ status: "failed", decline_code: "DECLINED", saved_payment_method_id: (await savedCard(sql, user.id, "1111")).payment_method_id });

  // The Visa expires: shown as expired, it cannot be chosen; the Mastercard is chosen instead.
  await expireSavedCard(sql, (await savedCard(sql, user.id, "1111")).id);
  await addProductsAndCheckout(page, ["Café de Chiapas"]);
  const expired = payWith(page).getByRole("radio", { name: "Visa ending in 1111 expired 12/20" });
  await expect(expired).toBeDisabled();
  await expect(expired).not.toBeChecked();
  await expect(savedCardRadio(page, "Mastercard ending in 4444")).toBeChecked();
  await page.goto("/account");
  const visa = savedCardItem(page, "Visa ending in 1111");
  await expect(visa).toContainText("Expired 12/20");
  await expect(visa.getByRole("button", { name: /^Make / })).toHaveCount(0);
  await expect(visa.getByRole("button", { name: "Remove Visa ending in 1111" })).toBeVisible();
});

test("the name saved in Your details is the name Cheqpay's customer has at the next payment", async ({ page, shopper }) => {
  const since = await latestRequestSeq();
  await signIn(page, shopper.email);
  await buyWithNewCard(page, shopper, CARDS.visa, { save: true });
  await page.goto("/account");
  const details = page.getByRole("region", { name: "Your details" });
  await expect(details.getByLabel("First name")).toHaveValue(shopper.firstName);
  await details.getByLabel("First name").fill("Mariana");
  await details.getByLabel("Last name").fill("Ruiz");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(details.getByRole("status")).toHaveText("Your details were saved.");
  await page.reload();
  await expect(details.getByLabel("First name")).toHaveValue("Mariana");

  await addProductsAndCheckout(page, ["Mole poblano"]);
  await payWithSavedCard(page, "Visa ending in 1111");
  await expectOrderConfirmed(page);
  const created = await createPaymentOrdersFor(shopper.email, since);
  expect(created.map((entry) => (entry.body!.customer as { firstName: string }).firstName)).toEqual([shopper.firstName, "Mariana"]);
  expect(created[1]!.body!.customer).toMatchObject({ firstName: "Mariana", lastName: "Ruiz", email: shopper.email });
  const upserts = await sandboxRequests({ operation: "upsertCustomer", since });
  expect(upserts.filter((entry) => entry.body?.email === shopper.email).map((entry) => entry.body!.firstName)).toEqual([
    shopper.firstName,
    "Mariana",
  ]);
});
