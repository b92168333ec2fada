// Signing in by an emailed link: the link works once and not after it expires, the session cookie is secure
// and http-only, Sign out ends the session; the checkout offers signing in but guest checkout still works;
// the email and the pages in Spanish; no axe violations on /signin and /account.
import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { addProductsAndCheckout, CARDS, english, expect, expectOrderConfirmed, fillAndPay, spanish, test } from "./support/checkout";
import {
  accountLink,
  buyWithNewCard,
  expectAccountCheckout,
  expectSignedIn,
  expireSignInLinks,
  openSignInTokens,
  requestSignInLink,
  SESSION_COOKIE,
  SIGN_IN_REFUSED,
  SIGN_IN_SUBJECT,
  signIn,
  signInLink,
  signInLinkFromMailbox,
  signOut,
  userByEmail,
} from "./support/accounts";
import { onlyOrderOf, tokenOfOrderUrl } from "./support/database";
import { SANDBOX_CREATES_LOCK } from "./support/sandbox";

const refusal = (page: Page, text = SIGN_IN_REFUSED) => page.getByRole("alert").filter({ hasText: text });

// Some tests sign in and buy; the run shares the machine with the whole suite.
test.describe.configure({ timeout: 60_000 });

test.describe("in English", () => {
  test.use(english);

  test("a sign-in link works once: used again, it is refused with a clear message", async ({ page, shopper, sql }) => {
    await requestSignInLink(page, shopper.email);
    const link = await signInLinkFromMailbox(page, shopper.email);
    expect(await openSignInTokens(sql, shopper.email)).toBe(1);

    await page.goto(link);
    await expect(page).toHaveURL(/\/account$/);
    await expectSignedIn(page);
    await expect(page.getByText(`Signed in as ${shopper.email}`, { exact: true })).toBeVisible();
    expect(await openSignInTokens(sql, shopper.email)).toBe(0);

    // Signed out, the same link does not sign in again.
    await signOut(page);
    await page.goto(link);
    await expect(page).toHaveURL(/\/signin\?error=Verification$/);
    await expect(refusal(page)).toBeVisible();
    await expect(signInLink(page)).toBeVisible();
    await expect(accountLink(page)).toHaveCount(0);
    // The form to ask for a new link is right there.
    await expect(page.getByLabel("Email", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Email me a sign-in link" })).toBeVisible();
  });

  test("a callbackUrl to another site is ignored: the link signs in to the account page", async ({ page, shopper }) => {
    await requestSignInLink(page, shopper.email, `/signin?callbackUrl=${encodeURIComponent("https://evil.example/steal")}`);
    const link = await signInLinkFromMailbox(page, shopper.email);
    expect(link).not.toContain("evil.example");
    await page.goto(link);
    await expect(page).toHaveURL(/^https:\/\/localhost:\d+\/account$/);
    await expectSignedIn(page);
  });

  test("a sign-in link past its expiry is refused and does not sign in", async ({ page, shopper, sql }) => {
    await requestSignInLink(page, shopper.email);
    const link = await signInLinkFromMailbox(page, shopper.email);
    await expireSignInLinks(sql, shopper.email);

    await page.goto(link);
    await expect(page).toHaveURL(/\/signin\?error=Verification$/);
    await expect(refusal(page)).toBeVisible();
    await expect(signInLink(page)).toBeVisible();
    await expect(accountLink(page)).toHaveCount(0);
    expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain(SESSION_COOKIE);
    await page.goto("/account");
    await expect(page).toHaveURL("/signin?callbackUrl=%2Faccount");
  });

  test("the session cookie is secure and http-only, and Sign out ends the session", async ({ page, shopper, sql }) => {
    await signIn(page, shopper.email);
    const session = (await page.context().cookies()).find((cookie) => cookie.name === SESSION_COOKIE);
    expect(session, `the ${SESSION_COOKIE} cookie`).toBeDefined();
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
    expect(await page.evaluate(() => document.cookie)).not.toContain(SESSION_COOKIE);
    const user = await userByEmail(sql, shopper.email);
    const sessionsOf = async () => (await sql`select 1 from sessions where user_id = ${user.id}`).length;
    expect(await sessionsOf()).toBe(1);

    await page.goto("/");
    await signOut(page);
    expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain(SESSION_COOKIE);
    expect(await sessionsOf()).toBe(0);
    await page.goto("/account");
    await expect(page).toHaveURL("/signin?callbackUrl=%2Faccount");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
    await expect(accountLink(page)).toHaveCount(0);
  });

  test("the checkout's sign-in link brings the shopper back to the checkout, signed in", async ({ page, shopper }) => {
    await addProductsAndCheckout(page);
    await expect(page.getByText("Have an account?")).toBeVisible();
    const offer = page.getByRole("link", { name: "Sign in for faster checkout" });
    await expect(offer).toHaveAttribute("href", "/signin?callbackUrl=%2Fcheckout");
    await offer.click();
    await expect(page).toHaveURL("/signin?callbackUrl=%2Fcheckout");
    await requestSignInLink(page, shopper.email, page.url());
    await page.goto(await signInLinkFromMailbox(page, shopper.email));
    await expect(page).toHaveURL(/\/checkout$/);
    await expectSignedIn(page);
    await expectAccountCheckout(page, shopper.email);
    await expect(page.getByRole("link", { name: "Sign in for faster checkout" })).toHaveCount(0);
    await expect(page.getByRole("checkbox", { name: "Save this card for future purchases" })).not.toBeChecked();
  });

  test("guest checkout still works, and the paid guest order offers to create an account", { lock: SANDBOX_CREATES_LOCK }, async ({ page, shopper, sql }) => {
    await addProductsAndCheckout(page);
    await expect(page.getByRole("link", { name: "Sign in for faster checkout" })).toBeVisible();
    await expect(page.getByRole("checkbox", { name: "Save this card for future purchases" })).toHaveCount(0);
    await expect(page.getByLabel("Email", { exact: true })).not.toHaveAttribute("readonly");
    await fillAndPay(page, shopper, CARDS.visa);
    await expectOrderConfirmed(page);
    const orderPath = new URL(page.url()).pathname;
    const order = await onlyOrderOf(sql, shopper.email);
    expect(order.status).toBe("paid");
    expect(order.public_token).toBe(tokenOfOrderUrl(orderPath));
    const [guestOrder] = await sql<{ user_id: string | null }[]>`select user_id from orders where id = ${order.id}`;
    expect(guestOrder!.user_id).toBeNull();

    // "Create an account" emails a sign-in link to the order's email; the link opens the new account.
    const offer = page.getByRole("region", { name: "Pay faster next time" });
    await expect(offer).toContainText(`Create an account with ${shopper.email}`);
    await offer.getByRole("button", { name: "Create an account" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
    await page.goto(await signInLinkFromMailbox(page, shopper.email));
    await expect(page).toHaveURL(/\/account$/);
    await expectSignedIn(page);
    expect((await userByEmail(sql, shopper.email)).email).toBe(shopper.email);

    // A guest order opens by its link, signed in too, without the offer.
    await page.goto(orderPath);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Order confirmed");
    await expect(page.getByRole("button", { name: "Create an account" })).toHaveCount(0);
  });

  test("/signin and /account have no axe violations", async ({ page, shopper }) => {
    await page.goto("/signin");
    await expectNoAxeViolations(page);
    await page.goto("/signin?error=Verification");
    await expect(refusal(page)).toBeVisible();
    await expectNoAxeViolations(page);
    await requestSignInLink(page, shopper.email);
    await expectNoAxeViolations(page);

    await page.goto(await signInLinkFromMailbox(page, shopper.email));
    await expect(page).toHaveURL(/\/account$/);
    await expectNoAxeViolations(page); // empty: no cards, no orders
    await buyWithNewCard(page, shopper, CARDS.visa, { save: true });
    await page.goto("/account");
    await expect(page.getByTestId("saved-card")).toHaveCount(1);
    await expect(page.getByTestId("account-order")).toHaveCount(1);
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Remove Visa ending in 1111" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Visa ending in 1111 was removed." })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test.describe("en español", () => {
  test.use(spanish);

  test("the sign-in page, the email and the refused link are in Spanish", async ({ page, shopper }) => {
    await page.goto("/signin");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Iniciar sesión");
    await page.getByLabel("Correo electrónico", { exact: true }).fill(shopper.email);
    await page.getByRole("button", { name: "Envíame un enlace para iniciar sesión" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Revisa tu correo");
    await expect(page.getByText("El enlace funciona una sola vez y vence en 24 horas.")).toBeVisible();

    const link = await signInLinkFromMailbox(page, shopper.email, SIGN_IN_SUBJECT.es, "Iniciar sesión");
    await expect(page.getByRole("main").locator("pre")).toContainText("Usa este enlace para iniciar sesión en Cheqpay Checkout:");
    await page.goto(link);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tu cuenta");
    await expect(page.getByRole("navigation").getByRole("link", { name: "Cuenta", exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Cerrar sesión" })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "Cerrar sesión" }).click();
    await expect(page.getByRole("navigation").getByRole("link", { name: "Iniciar sesión", exact: true })).toBeVisible();
    await page.goto(link);
    await expect(page).toHaveURL(/\/signin\?error=Verification$/);
    await expect(
      refusal(page, "Este enlace para iniciar sesión ya no se puede usar: ya se usó o venció. Escribe tu correo para recibir uno nuevo."),
    ).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
