// The store's policies in a real browser: the refund policy, the terms of sale and the support page in both
// languages, reached from the footer and (the refund policy) from the checkout, with no axe violations.
// The app runs with the default support contact (SUPPORT_EMAIL, SUPPORT_PHONE and SUPPORT_HOURS unset).
import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { addProductsAndCheckout, english, ES, spanish } from "./support/checkout";

const SUPPORT_EMAIL = "soporte@cheqpay-checkout.test";
const SUPPORT_PHONE = "+52 55 0000 0000";

type Language = {
  name: string;
  use: typeof english;
  lang: string;
  pages: { path: string; heading: string; title: string; text: string }[];
  footer: { nav: string; refunds: string; terms: string; support: string };
  support: { email: string; phone: string; hours: string; defaultHours: string; last4: string; neverCard: RegExp };
};

const LANGUAGES: Language[] = [
  {
    name: "English",
    use: english,
    lang: "en",
    pages: [
      {
        path: "/policies/refunds",
        heading: "Refund policy",
        title: "Refund policy · Cheqpay Checkout",
        text: "it usually takes 5 to 10 business days to appear on your card statement",
      },
      {
        path: "/policies/terms",
        heading: "Terms of sale",
        title: "Terms of sale · Cheqpay Checkout",
        text: "Prices are in Mexican pesos (MXN)",
      },
      { path: "/support", heading: "Support", title: "Support · Cheqpay Checkout", text: "Have this ready" },
    ],
    footer: { nav: "Store policies", refunds: "Refund policy", terms: "Terms of sale", support: "Support" },
    support: {
      email: "Email",
      phone: "Phone",
      hours: "Hours",
      defaultHours: "Monday to Friday, 9:00–18:00 (Mexico City time)",
      last4: "The last 4 digits of the card you paid with",
      neverCard: /^Never send us your full card number/,
    },
  },
  {
    name: "Spanish",
    use: spanish,
    lang: "es-MX",
    pages: [
      {
        path: "/policies/refunds",
        heading: "Política de reembolsos",
        title: "Política de reembolsos · Cheqpay Checkout",
        text: "normalmente tarda de 5 a 10 días hábiles en aparecer en el estado de cuenta de tu tarjeta",
      },
      {
        path: "/policies/terms",
        heading: "Términos de venta",
        title: "Términos de venta · Cheqpay Checkout",
        text: "Los precios están en pesos mexicanos (MXN)",
      },
      {
        path: "/support",
        heading: "Atención a clientes",
        title: "Atención a clientes · Cheqpay Checkout",
        text: "Qué tener a la mano",
      },
    ],
    footer: {
      nav: "Políticas de la tienda",
      refunds: "Política de reembolsos",
      terms: "Términos de venta",
      support: "Atención a clientes",
    },
    support: {
      email: "Correo electrónico",
      phone: "Teléfono",
      hours: "Horario",
      defaultHours: "Lunes a viernes, de 9:00 a 18:00 (hora de la Ciudad de México)",
      last4: "Los últimos 4 dígitos de la tarjeta con la que pagaste",
      neverCard: /^Nunca nos envíes el número completo de tu tarjeta/,
    },
  },
];

const main = (page: Page) => page.getByRole("main");
const footerNav = (page: Page, name: string) => page.getByRole("contentinfo").getByRole("navigation", { name });

/** The <dd> that follows a <dt> in the support page's contact list. */
const contactValue = (page: Page, term: string) =>
  main(page).locator("dl.support-contact > div").filter({ has: page.locator("dt", { hasText: new RegExp(`^${term}$`) }) }).locator("dd");

for (const language of LANGUAGES) {
  test.describe(`the store policies in ${language.name}`, () => {
    test.use(language.use);

    test("each page renders with its heading, its title and its content", async ({ page }) => {
      for (const { path, heading, title, text } of language.pages) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await expect(page.locator("html")).toHaveAttribute("lang", language.lang);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
        await expect(page).toHaveTitle(title);
        await expect(main(page)).toContainText(text);
      }
    });

    test("the support page shows the configured email and phone and the default hours, translated", async ({ page }) => {
      await page.goto("/support");
      await expect(contactValue(page, language.support.email).getByRole("link", { name: SUPPORT_EMAIL })).toHaveAttribute(
        "href",
        `mailto:${SUPPORT_EMAIL}`,
      );
      await expect(contactValue(page, language.support.phone).getByRole("link", { name: SUPPORT_PHONE })).toHaveAttribute(
        "href",
        "tel:+525500000000",
      );
      await expect(contactValue(page, language.support.hours)).toHaveText(language.support.defaultHours);
      await expect(main(page).getByRole("listitem").filter({ hasText: language.support.last4 })).toBeVisible();
      await expect(main(page).getByText(language.support.neverCard)).toBeVisible();
      // Nothing on the page asks for card data.
      await expect(page.locator("main input, main textarea, main form")).toHaveCount(0);
    });

    test("the footer's links reach each page", async ({ page }) => {
      await page.goto("/");
      const headingOf = (path: string) => language.pages.find((p) => p.path === path)?.heading ?? "";
      const links = [
        [language.footer.refunds, "/policies/refunds"],
        [language.footer.terms, "/policies/terms"],
        [language.footer.support, "/support"],
      ] as const;
      for (const [name, path] of links) {
        const heading = headingOf(path);
        expect(heading, path).not.toBe("");
        await footerNav(page, language.footer.nav).getByRole("link", { name, exact: true }).click();
        await expect(page).toHaveURL(new RegExp(`${path}$`));
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
      }
      // The footer is on every page, the policy pages included.
      await expect(footerNav(page, language.footer.nav).getByRole("link")).toHaveCount(3);
    });

    test("the three pages have no axe violations", async ({ page }) => {
      for (const { path, heading } of language.pages) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
        await expectNoAxeViolations(page);
      }
    });
  });
}

test.describe("the policy pages without JavaScript", () => {
  test.use({ ...english, javaScriptEnabled: false });

  test("are complete server-rendered pages, links included", async ({ page }) => {
    await page.goto("/policies/refunds");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Refund policy");
    await main(page).getByRole("link", { name: "Contact our support team" }).click();
    await expect(page).toHaveURL(/\/support$/);
    await expect(contactValue(page, "Email")).toHaveText(SUPPORT_EMAIL);
    await main(page).getByRole("link", { name: "terms of sale" }).click();
    await expect(page).toHaveURL(/\/policies\/terms$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Terms of sale");
    await expect(main(page).getByRole("link", { name: "refund policy" })).toHaveAttribute("href", "/policies/refunds");
    await expect(main(page).getByRole("link", { name: "PROFECO" })).toHaveAttribute("href", "https://www.gob.mx/profeco");
  });
});

test.describe("the checkout", () => {
  test.describe("in English", () => {
    test.use(english);

    test("links to the refund policy next to how the payment works", async ({ page }) => {
      await addProductsAndCheckout(page, ["Café de Chiapas"]);
      const instructions = page.getByRole("region", { name: "How your payment works" });
      await expect(instructions.getByRole("listitem").filter({ hasText: "it goes back to the card you pay with" })).toBeVisible();
      const link = instructions.getByRole("link", { name: "Read our refund policy" });
      await expect(link).toHaveAttribute("href", "/policies/refunds");
      await link.click();
      await expect(page).toHaveURL(/\/policies\/refunds$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Refund policy");
    });
  });

  test.describe("in Spanish", () => {
    test.use(spanish);

    test("links to the refund policy", async ({ page }) => {
      await addProductsAndCheckout(page, ["Chocolate de Oaxaca"], ES);
      const instructions = page.getByRole("region", { name: "Cómo funciona tu pago" });
      const link = instructions.getByRole("link", { name: "Consulta nuestra política de reembolsos" });
      await expect(link).toHaveAttribute("href", "/policies/refunds");
      await link.click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Política de reembolsos");
    });
  });
});
