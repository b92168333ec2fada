// Names and addresses that hold markup are shown as the shopper typed them and never become elements: on the
// order page, in the back office's order detail, in the confirmation email (its HTML part) and on /account.
// Every page listens for dialogs: an injected `alert()` would open one.
import type { Page } from "@playwright/test";
import { expectSignedIn, signIn } from "./support/accounts";
import { addProductsAndCheckout, CARDS, english, expect, expectOrderConfirmed, fillAndPay, test } from "./support/checkout";
import { onlyOrderOf } from "./support/database";

test.use(english);

const FIRST_NAME = "<img src=x onerror=alert(1)>";
const ADDRESS = `<script>alert(2)</script> & "quotes"`;
const STAFF_EMAIL = "staff@example.com";

/** The dialogs the page opened (what an injected `alert()` would do); the test expects none. */
function recordDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss().catch(() => undefined);
  });
  return dialogs;
}

/** Nothing the shopper typed became an element of `root` (a page or the email's frame). */
async function expectNoInjectedElements(root: Pick<Page, "locator">): Promise<void> {
  await expect(root.locator("img[src=x]")).toHaveCount(0);
  await expect(root.locator("img[onerror]")).toHaveCount(0);
  await expect(root.locator("script", { hasText: "alert(2)" })).toHaveCount(0);
}

test("a guest's name and address holding markup show as text on the order page, in the back office and in the email", async ({
  page,
  browser,
  shopper,
  sql,
}) => {
  // A payment, a staff sign-in and the email job: slow on a busy machine.
  test.setTimeout(180_000);
  const dialogs = recordDialogs(page);
  await addProductsAndCheckout(page, ["Café de Chiapas"]);
  await fillAndPay(page, { ...shopper, firstName: FIRST_NAME, address: ADDRESS }, CARDS.visa);
  await expectOrderConfirmed(page);

  // The order page.
  const billing = page.getByRole("definition").filter({ hasText: ADDRESS });
  await expect(billing).toContainText(`${FIRST_NAME} ${shopper.lastName}`);
  await expect(billing).toContainText(ADDRESS);
  await expectNoInjectedElements(page);
  await page.reload();
  await expect(billing).toContainText(FIRST_NAME);
  await expectNoInjectedElements(page);
  const order = await onlyOrderOf(sql, shopper.email);

  // The back office, signed in as staff in a browser of its own.
  const staff = await browser.newContext({ ...english, ignoreHTTPSErrors: true });
  try {
    const admin = await staff.newPage();
    const staffDialogs = recordDialogs(admin);
    await signIn(admin, STAFF_EMAIL);
    await expectSignedIn(admin);
    const response = await admin.goto(`/admin/orders/${order.id}`);
    expect(response!.status()).toBe(200);
    const address = admin.locator("address");
    await expect(address).toContainText(`${FIRST_NAME} ${shopper.lastName}`);
    await expect(address).toContainText(ADDRESS);
    await expect(admin.getByRole("definition").filter({ hasText: FIRST_NAME }).first()).toBeVisible();
    await expectNoInjectedElements(admin);
    expect(staffDialogs).toEqual([]);
  } finally {
    await staff.close();
  }

  // The confirmation email, once the job has sent it.
  const subject = `Your order #${order.order_number} is confirmed`;
  const message = page.getByRole("listitem").filter({ hasText: `to ${shopper.email},` }).filter({ hasText: subject });
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(message).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await message.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);
  const email = page.frameLocator("iframe");
  await expect(email.locator("body")).toContainText(FIRST_NAME);
  await expect(email.locator("body")).toContainText(ADDRESS);
  await expectNoInjectedElements(email);
  // The text part holds the same characters, as text.
  await expect(page.getByRole("main").locator("pre")).toContainText(ADDRESS);
  expect(dialogs).toEqual([]);
});

test("an account's name holding markup is kept and shown as typed on /account", async ({ page, shopper }) => {
  test.setTimeout(120_000);
  const dialogs = recordDialogs(page);
  await signIn(page, shopper.email);
  await page.goto("/account");
  await page.getByLabel("First name", { exact: true }).fill(FIRST_NAME);
  await page.getByLabel("Last name", { exact: true }).fill(ADDRESS);
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByText("Your details were saved.")).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("First name", { exact: true })).toHaveValue(FIRST_NAME);
  await expect(page.getByLabel("Last name", { exact: true })).toHaveValue(ADDRESS);
  await expectNoInjectedElements(page);
  expect(dialogs).toEqual([]);
});
