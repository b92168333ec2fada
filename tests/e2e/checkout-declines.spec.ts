// Declined cards: the exact friendly message in an alert, the card fields cleared with the contact and
// address kept, and a good card afterwards pays the same order (one order, two attempts).
import {
  addProductsAndCheckout,
  alertWith,
  CARDS,
  english,
  expect,
  expectCardCleared,
  expectContactAndAddressKept,
  expectOrderConfirmed,
  field,
  fillAndPay,
  fillCard,
  MESSAGES,
  payButton,
  test,
} from "./support/checkout";
import { attemptsOf, onlyOrderOf } from "./support/database";
import { createPaymentOrdersFor, latestRequestSeq, successfulChargesFor } from "./support/sandbox";

test.use(english);

const DECLINES = [
  { card: CARDS.declined, code: "DECLINED" },
  { card: CARDS.insufficientFunds, code: "INSUFFICIENT_FUNDS" },
  { card: CARDS.expired, code: "EXPIRED_CARD" },
  { card: CARDS.invalid, code: "INVALID_CARD" },
] as const;

for (const { card, code } of DECLINES) {
  test(`${card} (${code}) shows its message, clears the card, and a good card then pays the same order`, async ({
    page,
    shopper,
    sql,
  }) => {
    const since = await latestRequestSeq();
    await addProductsAndCheckout(page, ["Taza de talavera"]);
    await fillAndPay(page, shopper, card);

    const alert = alertWith(page, MESSAGES[code]);
    await expect(alert).toBeVisible();
    await expect(alert).toHaveText(MESSAGES[code]);
    await expect(page).toHaveURL(/\/checkout$/);
    await expectCardCleared(page);
    await expectContactAndAddressKept(page, shopper);
    // The shopper is taken to the card number to type another card.
    await expect(field(page, "Card number")).toBeFocused();
    await expect(payButton(page)).toBeEnabled();

    await fillCard(page, CARDS.visa);
    await payButton(page).click();
    await expectOrderConfirmed(page);
    await expect(page.getByText("Visa ending in 1111", { exact: true })).toBeVisible();

    const order = await onlyOrderOf(sql, shopper.email);
    expect(order.status).toBe("paid");
    const attempts = await attemptsOf(sql, order.id);
    expect(attempts.map((a) => ({ status: a.status, declineCode: a.decline_code, last4: a.card_last4 }))).toEqual([
      { status: "failed", declineCode: code, last4: card.slice(-4) },
      { status: "succeeded", declineCode: null, last4: "1111" },
    ]);
    // Cheqpay saw both tries and charged once.
    expect(await createPaymentOrdersFor(shopper.email, since)).toHaveLength(2);
    expect(await successfulChargesFor(shopper.email, since)).toHaveLength(1);
  });
}

test("a processor error shows the generic message, and a retry with a good card pays", async ({ page, shopper, sql }) => {
  const since = await latestRequestSeq();
  await addProductsAndCheckout(page, ["Chocolate de Oaxaca"]);
  await fillAndPay(page, shopper, CARDS.processorError);

  const alert = alertWith(page, MESSAGES.GENERIC);
  await expect(alert).toBeVisible({ timeout: 20_000 });
  await expect(alert).toHaveText(MESSAGES.GENERIC);
  await expect(page).toHaveURL(/\/checkout$/);
  await expectContactAndAddressKept(page, shopper);
  await expect(payButton(page)).toBeEnabled();

  await fillCard(page, CARDS.visa);
  await payButton(page).click();
  await expectOrderConfirmed(page);

  const order = await onlyOrderOf(sql, shopper.email);
  expect(order.status).toBe("paid");
  const attempts = await attemptsOf(sql, order.id);
  expect(attempts.map((a) => a.status)).toEqual(["failed", "succeeded"]);
  expect(attempts[0]!.card_last4).toBe("0119");
  expect(await successfulChargesFor(shopper.email, since)).toHaveLength(1);
});
