// axe scans of the checkout: the form as it opens, after a failed submit (messages and summary shown), after
// a decline, with the 3-D Secure dialog open, and the order page.
import { expectNoAxeViolations } from "./support/axe";
import {
  addProductsAndCheckout,
  alertWith,
  CARDS,
  ES,
  challengeDialog,
  challengeFrame,
  english,
  expect,
  expectOrderConfirmed,
  fillAndPay,
  MESSAGES,
  payButton,
  spanish,
  test,
} from "./support/checkout";

// Each test runs axe three times on top of a payment: near the default 30 s on a busy 2-core machine, with the
// serial suite sharing it with a second lane (playwright.config.ts).
test.describe.configure({ timeout: 60_000 });

test.describe("in English", () => {
  test.use(english);

  test("the checkout has no axe violations, before and after a failed submit and after a decline", async ({ page, shopper }) => {
    await addProductsAndCheckout(page, ["Café de Chiapas", "Huipil bordado"]);
    await expectNoAxeViolations(page);

    await payButton(page).click();
    await expect(page.getByRole("group", { name: "Please fix the following" })).toBeFocused();
    await expectNoAxeViolations(page);

    await fillAndPay(page, shopper, CARDS.declined);
    await expect(alertWith(page, MESSAGES.DECLINED)).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("the 3-D Secure dialog and the order page have no axe violations", async ({ page, shopper }) => {
    await addProductsAndCheckout(page, ["Taza de talavera"]);
    await fillAndPay(page, shopper, CARDS.challenge);
    await expect(challengeDialog(page)).toBeVisible({ timeout: 15_000 });
    await expect(challengeFrame(page).getByLabel("Verification code")).toBeVisible();
    // The dialog is named and described.
    await expect(challengeDialog(page)).toHaveAccessibleDescription(/Your bank wants to confirm it's you/);
    await expectNoAxeViolations(page);

    await challengeFrame(page).getByLabel("Verification code").fill("1234");
    await challengeFrame(page).getByRole("button", { name: "Verify" }).click();
    await expectOrderConfirmed(page);
    await expectNoAxeViolations(page);
  });
});

test.describe("in Spanish", () => {
  test.use(spanish);

  test("the checkout and a failed submit have no axe violations", async ({ page }) => {
    await addProductsAndCheckout(page, ["Mole poblano"], ES);
    await expect(page.locator("html")).toHaveAttribute("lang", "es-MX");
    await expectNoAxeViolations(page);
    await payButton(page, ES).click();
    await expect(page.getByRole("group", { name: "Corrige lo siguiente" })).toBeFocused();
    await expectNoAxeViolations(page);
  });
});
