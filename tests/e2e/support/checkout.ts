// Shared steps of the checkout tests: the shop in a language, adding products and going to the checkout the
// way a shopper does, filling the form with valid Mexican data, and a card.
import { randomBytes } from "node:crypto";
import { expect, type Locator, type Page, test as base } from "@playwright/test";
import { type CspViolation, watchCspViolations } from "./csp";
import { connect, type Sql } from "./database";

export const english = { locale: "en-US", extraHTTPHeaders: { "Accept-Language": "en" } };
export const spanish = { locale: "es-MX", extraHTTPHeaders: { "Accept-Language": "es-MX,es;q=0.9" } };

/**
 * `test` with a database connection for the worker and a fresh shopper (unique email) for each test. Every
 * test fails on a Content-Security-Policy violation in its browser context (the checkout runs under the real one).
 */
export const test = base.extend<{ shopper: Shopper; cspViolations: CspViolation[] }, { sql: Sql }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations = await watchCspViolations(context);
      await use(violations);
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  sql: [
    async ({}, use) => {
      const sql = connect();
      await use(sql);
      await sql.end({ timeout: 5 });
    },
    { scope: "worker" },
  ],
  shopper: async ({}, use, testInfo) => {
    // Letters only: a card number in the email would be masked in the sandbox's request log.
    const tag = testInfo.title.toLowerCase().replace(/[^a-z]+/g, "-").replace(/^-+/, "").slice(0, 24).replace(/-+$/, "");
    await use(newShopper(tag));
  },
});
export { expect };

export type Shopper = {
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  address: string;
  city: string;
  /** ISO 3166-2:MX code (the select's value). */
  state: string;
  stateName: string;
  postalCode: string;
};

export function newShopper(tag = "shopper"): Shopper {
  return {
    email: `e2e-${tag}-${randomBytes(5).toString("hex")}@example.com`,
    firstName: "Ana",
    lastName: "López Hernández",
    phone: "+52 55 1234 5678",
    address: "Av. Paseo de la Reforma 222",
    city: "Ciudad de México",
    state: "CMX",
    stateName: "Ciudad de México",
    postalCode: "06600",
  };
}

export type Card = { number: string; expiry?: string; cvc?: string };

/** Two years ahead, as the shopper types it. */
export const FUTURE_EXPIRY = `12/${String((new Date().getFullYear() + 2) % 100).padStart(2, "0")}`;

export const CARDS = {
  visa: "4111111111111111",
  mastercard: "5555555555554444",
  amex: "378282246310005",
  declined: "4000000000000002",
  insufficientFunds: "4000000000009995",
  expired: "4000000000000069",
  invalid: "4000000000000127",
  processorError: "4000000000000119",
  challenge: "4000000000002503",
  frictionless: "4000000000002701",
  frictionlessRejected: "4000000000002537",
} as const;

export type Labels = {
  addToCart: string;
  checkoutLink: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  country: string;
  address: string;
  city: string;
  state: string;
  postalCode: string;
  cardNumber: string;
  expiry: string;
  cvc: string;
  pay: string;
};

export const EN: Labels = {
  addToCart: "Add to cart",
  checkoutLink: "Checkout",
  email: "Email",
  firstName: "First name",
  lastName: "Last name",
  phone: "Phone (optional)",
  country: "Country",
  address: "Address",
  city: "City",
  state: "State",
  postalCode: "Postal code",
  cardNumber: "Card number",
  expiry: "Expiry date",
  cvc: "CVC",
  pay: "Pay",
};

export const ES: Labels = {
  addToCart: "Agregar al carrito",
  checkoutLink: "Ir a pagar",
  email: "Correo electrónico",
  firstName: "Nombre",
  lastName: "Apellidos",
  phone: "Teléfono (opcional)",
  country: "País",
  address: "Dirección",
  city: "Ciudad",
  state: "Estado",
  postalCode: "Código postal",
  cardNumber: "Número de tarjeta",
  expiry: "Fecha de vencimiento",
  cvc: "CVC",
  pay: "Pagar",
};

export const MESSAGES = {
  DECLINED: "Payment couldn't be processed. Please try a different card.",
  INSUFFICIENT_FUNDS: "Payment couldn't be completed. Please try another payment method.",
  EXPIRED_CARD: "This card has expired. Please use a different card.",
  INVALID_CARD: "Unable to process this card. Please check your details.",
  AUTHENTICATION_FAILED: "We couldn't verify your identity. Please try again.",
  GENERIC: "Unable to process payment. Please try again or contact support.",
} as const;

export const cartLink = (page: Page) => page.getByRole("navigation").getByRole("link", { name: /^(Cart|Carrito) \(\d+\)$/ });

/** A form field by its visible label. */
export const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/** An alert with this text (Next's route announcer is an alert too, so never the bare role). */
export const alertWith = (page: Page, text: string) => page.getByRole("alert").filter({ hasText: text });

/** The Pay button, whatever amount it names. */
export const payButton = (page: Page, labels: Labels = EN) =>
  page.getByRole("button", { name: new RegExp(`^${labels.pay} `) });

export async function addToCart(page: Page, product: string, labels: Labels = EN): Promise<void> {
  const card = page.getByRole("article", { name: product });
  const before = await cartCount(page);
  await card.getByRole("button", { name: labels.addToCart, exact: true }).click();
  await expect(card.getByRole("status")).toContainText(product);
  await expect(cartLink(page)).toHaveText(new RegExp(`\\(${before + 1}\\)$`));
}

async function cartCount(page: Page): Promise<number> {
  const text = (await cartLink(page).textContent()) ?? "";
  return Number(/\((\d+)\)/.exec(text)?.[1] ?? 0);
}

/**
 * From the home page: adds the products, opens the cart, reads its total and follows its Checkout link.
 * Answers the cart's total as the cart shows it (e.g. "$438.00 MXN").
 */
export async function addProductsAndCheckout(
  page: Page,
  products: readonly string[] = ["Café de Chiapas"],
  labels: Labels = EN,
): Promise<{ total: string }> {
  await page.goto("/");
  for (const product of products) await addToCart(page, product, labels);
  await cartLink(page).click();
  await expect(page).toHaveURL(/\/cart$/);
  const total = (await page.getByTestId("cart-total").textContent())?.trim() ?? "";
  expect(total).toMatch(/^\$[\d,]+\.\d{2} MXN$/);
  await page.getByRole("main").getByRole("link", { name: labels.checkoutLink, exact: true }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(payButton(page, labels)).toBeEnabled();
  return { total };
}

export async function fillContactAndAddress(page: Page, shopper: Shopper, labels: Labels = EN): Promise<void> {
  await field(page, labels.email).fill(shopper.email);
  await field(page, labels.firstName).fill(shopper.firstName);
  await field(page, labels.lastName).fill(shopper.lastName);
  await field(page, labels.phone).fill(shopper.phone);
  await field(page, labels.country).selectOption("MX");
  await field(page, labels.address).fill(shopper.address);
  await field(page, labels.city).fill(shopper.city);
  await field(page, labels.state).selectOption(shopper.state);
  await field(page, labels.postalCode).fill(shopper.postalCode);
}

export async function fillCard(page: Page, card: Card | string, labels: Labels = EN): Promise<void> {
  const { number, expiry = FUTURE_EXPIRY, cvc } = typeof card === "string" ? { number: card } : card;
  await field(page, labels.cardNumber).fill(number);
  await field(page, labels.expiry).fill(expiry);
  await field(page, labels.cvc).fill(cvc ?? (number.startsWith("34") || number.startsWith("37") ? "1234" : "123"));
}

/** Fills the whole form and presses Pay. */
export async function fillAndPay(page: Page, shopper: Shopper, card: Card | string, labels: Labels = EN): Promise<void> {
  await fillContactAndAddress(page, shopper, labels);
  await fillCard(page, card, labels);
  await payButton(page, labels).click();
}

export async function expectContactAndAddressKept(page: Page, shopper: Shopper, labels: Labels = EN): Promise<void> {
  await expect(field(page, labels.email)).toHaveValue(shopper.email);
  await expect(field(page, labels.firstName)).toHaveValue(shopper.firstName);
  await expect(field(page, labels.lastName)).toHaveValue(shopper.lastName);
  await expect(field(page, labels.phone)).toHaveValue(shopper.phone);
  await expect(field(page, labels.country)).toHaveValue("MX");
  await expect(field(page, labels.address)).toHaveValue(shopper.address);
  await expect(field(page, labels.city)).toHaveValue(shopper.city);
  await expect(field(page, labels.state)).toHaveValue(shopper.state);
  await expect(field(page, labels.postalCode)).toHaveValue(shopper.postalCode);
}

export async function expectCardCleared(page: Page, labels: Labels = EN): Promise<void> {
  await expect(field(page, labels.cardNumber)).toHaveValue("");
  await expect(field(page, labels.expiry)).toHaveValue("");
  await expect(field(page, labels.cvc)).toHaveValue("");
}

/** The order page after a successful payment. */
export async function expectOrderConfirmed(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{32}$/, { timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Order confirmed");
}

/** The checkout of a paid cart: "Your cart is empty", or a redirect to the paid order's page. Never a form. */
export async function expectNothingToPay(page: Page, orderUrl: string): Promise<void> {
  const confirmed = page.getByRole("heading", { level: 1, name: "Order confirmed" });
  await expect(page.getByText("Your cart is empty").or(confirmed)).toBeVisible();
  if (await confirmed.isVisible()) expect(page.url()).toBe(orderUrl);
  await expect(payButton(page)).toHaveCount(0);
  await expect(page.getByLabel("Card number", { exact: true })).toHaveCount(0);
}

/** The texts of the elements an element's aria-describedby points at. */
export async function describedByTexts(locator: Locator): Promise<string[]> {
  return locator.evaluate((element) =>
    (element.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? `<missing #${id}>`),
  );
}

/** The 3-D Secure challenge dialog and the bank's page in it. */
export const challengeDialog = (page: Page) => page.getByRole("dialog", { name: "Confirm it's you" });
export const challengeFrame = (page: Page) => page.frameLocator('iframe[title="3-D Secure verification"]');

/** Answers the challenge in the bank's page. */
export async function answerChallenge(page: Page, code: string): Promise<void> {
  const frame = challengeFrame(page);
  await frame.getByLabel("Verification code").fill(code);
  await frame.getByRole("button", { name: "Verify" }).click();
}
