// The storefront in a real browser: the product grid, the cart, both languages, forms without JavaScript,
// and an axe scan of every page state.
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import postgres from "postgres";

const english = { locale: "en-US", extraHTTPHeaders: { "Accept-Language": "en-US,en;q=0.9" } };

const productCard = (page: Page, name: string) => page.getByRole("article", { name });
const cartLink = (page: Page) => page.getByRole("navigation").getByRole("link", { name: /^(Cart|Carrito) \(\d+\)$/ });

async function addFromGrid(page: Page, name: string, button = "Add to cart", count?: number): Promise<void> {
  const card = productCard(page, name);
  await card.getByRole("button", { name: button, exact: true }).click();
  await expect(card.getByRole("status")).toContainText(name);
  if (count !== undefined) await expect(cartLink(page)).toHaveText(new RegExp(`\\(${count}\\)$`));
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary).toEqual([]);
}

test.describe("the shop in English", () => {
  test.use(english);

  test("add two products, change quantities, remove one; the cart survives a reload", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Made in Mexico");
    await expect(cartLink(page)).toHaveText("Cart (0)");
    await expect(productCard(page, "Café de Chiapas").getByText("MX$249.00")).toBeVisible();

    await addFromGrid(page, "Café de Chiapas", "Add to cart", 1);
    await expect(productCard(page, "Café de Chiapas").getByRole("status")).toHaveText(
      "Café de Chiapas was added to your cart (1 in your cart).",
    );
    await addFromGrid(page, "Rebozo de seda", "Add to cart", 2);
    await expect(cartLink(page)).toHaveText("Cart (2)");

    await cartLink(page).click();
    await expect(page).toHaveURL(/\/cart$/);
    await expect(page.getByRole("heading", { level: 1, name: "Cart" })).toBeVisible();
    const coffee = page.getByRole("group", { name: "Quantity of Café de Chiapas" });
    const total = page.getByTestId("cart-total");
    await expect(total).toHaveText("$1,498.00 MXN");

    const increase = page.getByRole("button", { name: "Increase quantity of Café de Chiapas" });
    await increase.click();
    await expect(coffee.locator(".quantity__value")).toHaveText("2");
    await increase.click();
    await expect(coffee.locator(".quantity__value")).toHaveText("3");
    await page.getByRole("button", { name: "Decrease quantity of Café de Chiapas" }).click();
    await expect(coffee.locator(".quantity__value")).toHaveText("2");
    await expect(cartLink(page)).toHaveText("Cart (3)");
    await expect(total).toHaveText("$1,747.00 MXN"); // 2 × 249.00 + 1,249.00

    await page.getByRole("button", { name: "Remove Rebozo de seda" }).click();
    await expect(page.getByRole("heading", { name: "Rebozo de seda" })).toHaveCount(0);
    await expect(total).toHaveText("$498.00 MXN");
    await expect(cartLink(page)).toHaveText("Cart (2)");

    await page.reload();
    await expect(page.getByRole("heading", { level: 3, name: "Café de Chiapas" })).toBeVisible();
    await expect(coffee.locator(".quantity__value")).toHaveText("2");
    await expect(total).toHaveText("$498.00 MXN");
    await expect(page.getByRole("link", { name: "Checkout", exact: true })).toHaveAttribute("href", "/checkout");

    await page.getByRole("button", { name: "Remove Café de Chiapas" }).click();
    await expect(page.getByText("Your cart is empty")).toBeVisible();
    await expect(page.getByRole("main").getByRole("link", { name: "Continue shopping" })).toHaveAttribute("href", "/");
    await expect(cartLink(page)).toHaveText("Cart (0)");
  });

  test("stops adding at 10 of a product and says so", async ({ page }) => {
    await page.goto("/");
    const card = productCard(page, "Chocolate de Oaxaca");
    for (let i = 1; i <= 10; i++) await addFromGrid(page, "Chocolate de Oaxaca", "Add to cart", i);
    await card.getByRole("button", { name: "Add to cart" }).click();
    await expect(card.getByRole("status")).toHaveText("Your cart already has the maximum of 10 of this product.");
    await expect(cartLink(page)).toHaveText("Cart (10)");
  });

  test("a product that is no longer sold is shown as such and blocks checkout", async ({ page }) => {
    const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const slug = `e2e-${randomUUID()}`;
    try {
      await sql`insert into products (slug, name, price_centavos) values (${slug}, 'Sombrero de palma', 45000)`;
      await page.goto("/");
      await addFromGrid(page, "Sombrero de palma", "Add to cart", 1);
      await addFromGrid(page, "Mole poblano", "Add to cart", 2);
      await sql`update products set active = false where slug = ${slug}`;

      await page.goto("/cart");
      const line = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Sombrero de palma" }) });
      await expect(line.getByText("No longer available")).toBeVisible();
      await expect(page.getByText("Some products in your cart are no longer available.")).toBeVisible();
      await expect(page.getByRole("link", { name: "Checkout", exact: true })).toHaveCount(0);
      await expect(page.getByTestId("cart-total")).toHaveText("$189.00 MXN");
      await expectNoAxeViolations(page);

      await page.getByRole("button", { name: "Remove Sombrero de palma" }).click();
      await expect(page.getByRole("link", { name: "Checkout", exact: true })).toBeVisible();
    } finally {
      await sql`update products set active = false where slug = ${slug}`;
      await sql.end({ timeout: 5 });
    }
  });
});

test.describe("without JavaScript", () => {
  test.use({ ...english, javaScriptEnabled: false });

  test("adding, changing and removing still work as plain forms", async ({ page }) => {
    await page.goto("/");
    await addFromGrid(page, "Taza de talavera", "Add to cart", 1);
    await page.goto("/cart");
    await page.getByRole("button", { name: "Increase quantity of Taza de talavera" }).click();
    await expect(page.getByTestId("cart-total")).toHaveText("$658.00 MXN");
    await page.getByRole("button", { name: "Remove Taza de talavera" }).click();
    await expect(page.getByText("Your cart is empty")).toBeVisible();
  });
});

test.describe("la tienda en español", () => {
  test.use({ locale: "es-MX", extraHTTPHeaders: { "Accept-Language": "es-MX,es;q=0.9" } });

  test("the browser's language picks Spanish", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "es-MX");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hecho en México");
    await expect(productCard(page, "Rebozo de seda").getByText("$1,249.00")).toBeVisible();
    await addFromGrid(page, "Rebozo de seda", "Agregar al carrito", 1);
    await expect(productCard(page, "Rebozo de seda").getByRole("status")).toHaveText(
      "Agregaste Rebozo de seda al carrito (1 en tu carrito).",
    );
    await expect(cartLink(page)).toHaveText("Carrito (1)");

    await cartLink(page).click();
    await expect(page.getByRole("heading", { level: 1, name: "Carrito" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Aumentar la cantidad de Rebozo de seda" })).toBeVisible();
    await expect(page.getByTestId("cart-total")).toHaveText("$1,249.00 MXN");
    await expect(page.getByRole("link", { name: "Ir a pagar" })).toHaveAttribute("href", "/checkout");
    await expect(page.getByText("soporte@cheqpay-checkout.test")).toBeVisible();
  });
});

test.describe("the language switch", () => {
  test.use(english);

  test("switches to Spanish and back, and the choice sticks after a reload", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Made in Mexico");
    await page.getByRole("button", { name: "Español" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hecho en México");
    await expect(page.locator("html")).toHaveAttribute("lang", "es-MX");
    await expect(page.getByRole("button", { name: "Español" })).toHaveAttribute("aria-pressed", "true");

    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hecho en México");
    await page.goto("/cart");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Carrito");
    await expect(page.getByText("Tu carrito está vacío")).toBeVisible();

    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cart");
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});

test.describe("accessibility", () => {
  test.use(english);

  test("the shop, an empty cart and a full cart have no axe violations", async ({ page }) => {
    await page.goto("/");
    await expectNoAxeViolations(page);
    await page.goto("/cart");
    await expectNoAxeViolations(page);
    await page.goto("/");
    await addFromGrid(page, "Alebrije de jaguar", "Add to cart", 1);
    await expectNoAxeViolations(page); // with a status message shown
    await page.goto("/cart");
    await expectNoAxeViolations(page);
  });
});

test.describe("accessibility in Spanish", () => {
  test.use({ locale: "es-MX", extraHTTPHeaders: { "Accept-Language": "es-MX" } });

  test("the shop and the cart have no axe violations", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "es-MX");
    await addFromGrid(page, "Huipil bordado", "Agregar al carrito", 1);
    await expectNoAxeViolations(page);
    await page.goto("/cart");
    await expectNoAxeViolations(page);
  });
});
