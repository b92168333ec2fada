// Shared steps of the account tests: signing in the way a shopper does (ask for a link on /signin, open the
// email in the development mailbox, follow its link), buying while signed in (a new card, saved or not, or a
// saved card with its CVC), and reading accounts and saved cards from the database.
import { expect, type Locator, type Page } from "@playwright/test";
import {
  addProductsAndCheckout,
  answerChallenge,
  challengeDialog,
  challengeFrame,
  EN,
  expectOrderConfirmed,
  field,
  fillCard,
  payButton,
  type Card,
  type Labels,
  type Shopper,
} from "./checkout";
import type { Sql } from "./database";

export const SIGN_IN_SUBJECT = { en: "Your sign-in link for Cheqpay Checkout", es: "Tu enlace para iniciar sesión en Cheqpay Checkout" };

export const SIGN_IN_REFUSED =
  "This sign-in link can no longer be used: it was already used or it has expired. Enter your email to get a new one.";

export const SESSION_COOKIE = "__Secure-authjs.session-token";

/** /signin in English: asks for a link for `email` and lands on "Check your email". */
export async function requestSignInLink(page: Page, email: string, path = "/signin"): Promise<void> {
  await page.goto(path);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  // /signin/check-email's page. The address bar is not checked: after the Server Action it still shows
  // Auth.js's /api/auth/verify-request?provider=email&type=email (which redirects to /signin/check-email).
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
  await expect(page.getByRole("status").filter({ hasText: "We sent a sign-in link to your email address." })).toBeVisible();
}

/**
 * Opens the newest sign-in email to `email` in the development mailbox and answers its link (the "Sign in"
 * button of the HTML part, which the raw URL repeats).
 */
export async function signInLinkFromMailbox(page: Page, email: string, subject = SIGN_IN_SUBJECT.en, button = "Sign in"): Promise<string> {
  await page.goto("/dev/mailbox");
  const message = page.getByRole("listitem").filter({ hasText: email }).filter({ hasText: subject }).first();
  await message.getByRole("link", { name: subject }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);
  await expect(page.getByRole("main")).toContainText(email);
  const frame = page.frameLocator("iframe");
  const href = await frame.getByRole("link", { name: button, exact: true }).getAttribute("href");
  expect(href).toMatch(/^https:\/\/localhost:\d+\/api\/auth\/callback\/email\?/);
  await expect(frame.getByRole("link", { name: href!, exact: true })).toHaveAttribute("href", href!);
  // The link is on the app's own origin (APP_URL).
  expect(new URL(href!).origin).toBe(new URL(page.url()).origin);
  return href!;
}

/** Signs in through an emailed link and lands where `path`'s callbackUrl says (/account by default). */
export async function signIn(page: Page, email: string, path = "/signin"): Promise<void> {
  await requestSignInLink(page, email, path);
  await page.goto(await signInLinkFromMailbox(page, email));
  await expectSignedIn(page);
}

export const accountLink = (page: Page) => page.getByRole("navigation").getByRole("link", { name: "Account", exact: true });
export const signOutButton = (page: Page) => page.getByRole("button", { name: "Sign out", exact: true });
export const signInLink = (page: Page) => page.getByRole("navigation").getByRole("link", { name: "Sign in", exact: true });

export async function expectSignedIn(page: Page): Promise<void> {
  await expect(accountLink(page)).toBeVisible();
  await expect(signOutButton(page)).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await signOutButton(page).click();
  await expect(signInLink(page)).toBeVisible();
  await expect(accountLink(page)).toHaveCount(0);
}

/** The saved cards' radios at the checkout ("Pay with"). */
export const payWith = (page: Page) => page.getByRole("radiogroup", { name: "Pay with" });

/** A saved card's radio by its label ("Visa ending in 1111"), whatever its expiry. */
export const savedCardRadio = (page: Page, label: string) =>
  payWith(page).getByRole("radio", { name: new RegExp(`^${label} (expires|expired) \\d{2}/\\d{2}$`) });

export const newCardRadio = (page: Page) => payWith(page).getByRole("radio", { name: "Use a new card", exact: true });

export const saveCardCheckbox = (page: Page) => page.getByRole("checkbox", { name: "Save this card for future purchases" });

/** The billing address and phone, as the signed-in checkout asks for them (the email is the account's). */
export async function fillAddress(page: Page, shopper: Shopper, labels: Labels = EN): Promise<void> {
  await field(page, labels.firstName).fill(shopper.firstName);
  await field(page, labels.lastName).fill(shopper.lastName);
  await field(page, labels.phone).fill(shopper.phone);
  await field(page, labels.country).selectOption("MX");
  await field(page, labels.address).fill(shopper.address);
  await field(page, labels.city).fill(shopper.city);
  await field(page, labels.state).selectOption(shopper.state);
  await field(page, labels.postalCode).fill(shopper.postalCode);
}

/** Signed in, on the checkout: the account's email read-only. */
export async function expectAccountCheckout(page: Page, email: string): Promise<void> {
  await expect(page.getByText(`Signed in as ${email}`, { exact: true })).toBeVisible();
  await expect(field(page, "Email")).toHaveValue(email);
  await expect(field(page, "Email")).toHaveAttribute("readonly", "");
}

/**
 * Signed in: puts a product in the cart, goes to the checkout, pays with a new card (saved when `save`) and
 * waits for the order page (`challengeCode`: the 3-D Secure code to answer first). Answers the order's URL.
 */
export async function buyWithNewCard(
  page: Page,
  shopper: Shopper,
  card: Card | string,
  options: { save: boolean; product?: string; challengeCode?: string },
): Promise<string> {
  await addProductsAndCheckout(page, [options.product ?? "Café de Chiapas"]);
  await expectAccountCheckout(page, shopper.email);
  if ((await payWith(page).count()) > 0) await newCardRadio(page).check();
  await fillAddress(page, shopper);
  await fillCard(page, card);
  if (options.save) await saveCardCheckbox(page).check();
  await payButton(page).click();
  if (options.challengeCode) await completeChallenge(page, options.challengeCode);
  await expectOrderConfirmed(page);
  return page.url();
}

/** On the checkout: chooses the saved card (when not chosen yet), types only its CVC and presses Pay. */
export async function payWithSavedCard(page: Page, label: string, cvc = "123"): Promise<void> {
  const radio = savedCardRadio(page, label);
  if (!(await radio.isChecked())) await radio.check();
  await expect(page.getByLabel("Card number", { exact: true })).toHaveCount(0);
  await expect(page.getByLabel("Expiry date", { exact: true })).toHaveCount(0);
  await field(page, "CVC").fill(cvc);
  await payButton(page).click();
}

export async function completeChallenge(page: Page, code: string): Promise<void> {
  await expect(challengeDialog(page)).toBeVisible({ timeout: 15_000 });
  await expect(challengeFrame(page).getByRole("heading", { name: "3-D Secure verification" })).toBeVisible();
  await answerChallenge(page, code);
}

/** /account's saved card item by its label. */
export const savedCardItem = (page: Page, label: string): Locator =>
  page.getByTestId("saved-card").filter({ has: page.getByText(label, { exact: true }) });

// The database (read-only, plus the one write the expiry test needs).

export type UserRow = { id: string; email: string; first_name: string | null; last_name: string | null; cheqpay_customer_id: string | null };

export type SavedCardRow = {
  id: string;
  user_id: string;
  cheqpay_customer_id: string;
  payment_method_id: string;
  brand: string;
  last4: string;
  is_default: boolean;
  removed_at: Date | null;
};

export async function userByEmail(sql: Sql, email: string): Promise<UserRow> {
  const [user] = await sql<UserRow[]>`
    select id, email, first_name, last_name, cheqpay_customer_id from users where email = ${email.toLowerCase()}`;
  expect(user, `the account of ${email}`).toBeDefined();
  return user!;
}

/** Every card the account saved, removed ones too, oldest first. */
export async function savedCardsOf(sql: Sql, userId: string): Promise<SavedCardRow[]> {
  return sql<SavedCardRow[]>`
    select id::text, user_id, cheqpay_customer_id, payment_method_id, brand, last4, is_default, removed_at
    from saved_cards where user_id = ${userId} order by created_at, id`;
}

export async function savedCard(sql: Sql, userId: string, last4: string): Promise<SavedCardRow> {
  const cards = (await savedCardsOf(sql, userId)).filter((card) => card.last4 === last4);
  expect(cards, `saved cards ending in ${last4}`).toHaveLength(1);
  return cards[0]!;
}

/** The sign-in links not used yet for this email (rows of verification_tokens). */
export async function openSignInTokens(sql: Sql, email: string): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from verification_tokens where identifier = ${email.toLowerCase()}`;
  return row!.n;
}

/** Makes every sign-in link of this email expired, as if its time had passed. */
export async function expireSignInLinks(sql: Sql, email: string): Promise<void> {
  const updated = await sql`
    update verification_tokens set expires = now() - interval '1 minute' where identifier = ${email.toLowerCase()}`;
  expect(updated.count).toBeGreaterThan(0);
}

/** Makes a saved card expired (December 2020), as if its time had passed: only this test's account's row. */
export async function expireSavedCard(sql: Sql, cardId: string): Promise<void> {
  const updated = await sql`update saved_cards set expiry_month = 12, expiry_year = 2020 where id = ${cardId}`;
  expect(updated.count).toBe(1);
}
