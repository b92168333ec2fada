// The checkout in Spanish (the browser asks for es-MX): labels, the Pay button, a decline's message, prices
// formatted for Mexico, and the order page.
import {
  addProductsAndCheckout,
  alertWith,
  CARDS,
  ES,
  expect,
  expectCardCleared,
  expectContactAndAddressKept,
  field,
  fillAndPay,
  fillCard,
  payButton,
  spanish,
  test,
} from "./support/checkout";
import { onlyOrderOf } from "./support/database";

test.use(spanish);

test("the checkout speaks Spanish: labels, prices, the Pay button, a decline and the confirmation", async ({ page, shopper, sql }) => {
  const { total } = await addProductsAndCheckout(page, ["Rebozo de seda", "Café de Chiapas"], ES);
  expect(total).toBe("$1,498.00 MXN");
  await expect(page.locator("html")).toHaveAttribute("lang", "es-MX");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Finalizar compra");
  for (const heading of ["Contacto", "Dirección de facturación", "Pago", "Resumen del pedido"]) {
    await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
  }
  for (const label of [ES.email, ES.firstName, ES.lastName, ES.phone, ES.country, ES.address, ES.city, ES.state, ES.postalCode, ES.cardNumber, ES.expiry, ES.cvc]) {
    await expect(field(page, label)).toBeVisible();
  }
  await expect(field(page, ES.country).locator("option:checked")).toHaveText("México");
  await expect(field(page, ES.expiry)).toHaveAttribute("placeholder", "MM/AA");
  await expect(field(page, ES.postalCode)).toHaveAccessibleDescription("5 dígitos, por ejemplo 06600.");

  // es-MX prices: "$" without "MX", comma thousands, point decimals.
  const summary = page.getByRole("region", { name: "Resumen del pedido" });
  await expect(summary.getByText("Rebozo de seda × 1")).toBeVisible();
  await expect(summary.getByText("$1,249.00", { exact: true })).toBeVisible();
  await expect(summary.getByText("$249.00", { exact: true })).toBeVisible();
  await expect(summary.getByText("$1,498.00", { exact: true })).toBeVisible(); // subtotal
  await expect(summary.getByText("MX$")).toHaveCount(0);
  await expect(payButton(page, ES)).toHaveText(`Pagar ${total}`);
  await expect(page.getByText(`Se te cobrará ${total}.`)).toBeVisible();

  // A field message and the summary in Spanish.
  await payButton(page, ES).click();
  await expect(page.getByRole("group", { name: "Corrige lo siguiente" })).toBeFocused();
  await expect(page.getByRole("link", { name: "Correo electrónico: Este campo es obligatorio." })).toBeVisible();

  // A decline in Spanish, the card cleared and the rest kept.
  await fillAndPay(page, shopper, CARDS.insufficientFunds, ES);
  await expect(alertWith(page, "No se pudo completar el pago. Intenta con otro método de pago.")).toBeVisible();
  await expectCardCleared(page, ES);
  await expectContactAndAddressKept(page, shopper, ES);

  await fillCard(page, CARDS.mastercard, ES);
  await payButton(page, ES).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pedido confirmado", { timeout: 20_000 });
  await expect(page.getByText("Mastercard terminada en 4444", { exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: "Artículos de este pedido" }).getByRole("row", { name: "Total $1,498.00" })).toBeVisible();
  expect((await onlyOrderOf(sql, shopper.email)).status).toBe("paid");
});
