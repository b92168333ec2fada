// The development mailbox: a message stored by sendMail (no SMTP_URL, as in the app under test) is listed at
// /dev/mailbox newest first and opens with its subject and a clickable link inside the sandboxed HTML frame.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createDatabase } from "../../lib/db/client";
import { createMailer } from "../../lib/mail/send-mail";

const FROM = "Cheqpay Checkout <no-reply@cheqpay-checkout.test>";

test.describe("the development mailbox", () => {
  test("lists stored messages newest first and shows one with its HTML and text parts", async ({ page }) => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: run the end-to-end tests with `npm test -- e2e`.");
    const { db, sql } = createDatabase(url, { max: 2 });
    const mailer = createMailer({ smtpUrl: null, from: FROM });
    const run = randomUUID().slice(0, 8);
    const older = `Older message ${run}`;
    const newer = `Your order ${run} is confirmed`;
    try {
      await mailer.sendMail(db, {
        eventKey: `e2e-older:${run}`,
        to: `older-${run}@example.com`,
        subject: older,
        text: "Older.",
        html: "<p>Older.</p>",
      });
      await mailer.sendMail(db, {
        eventKey: `order-confirmation:${run}`,
        to: `shopper-${run}@example.com`,
        subject: newer,
        text: "Thank you. Your order: https://example.com/orders/abc",
        html: '<p>Thank you. <a href="https://example.com/orders/abc">View your order</a></p><script>document.body.dataset.ran = "yes"</script>',
      });
    } finally {
      mailer.close();
      await sql.end({ timeout: 5 });
    }

    await page.goto("/dev/mailbox");
    await expect(page.getByRole("heading", { level: 1, name: "Mailbox" })).toBeVisible();
    const links = page.getByRole("main").getByRole("list").getByRole("link");
    const subjects = await links.allTextContents();
    expect(subjects.indexOf(newer)).toBeGreaterThanOrEqual(0);
    expect(subjects.indexOf(newer)).toBeLessThan(subjects.indexOf(older));
    await expect(page.getByRole("listitem").filter({ hasText: newer })).toContainText(`shopper-${run}@example.com`);

    await page.getByRole("link", { name: newer }).click();
    await expect(page).toHaveURL(/\/dev\/mailbox\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(newer);
    await expect(page.getByRole("main")).toContainText(`shopper-${run}@example.com`);
    await expect(page.getByRole("main").locator("pre")).toContainText("Thank you. Your order:");

    const frame = page.frameLocator("iframe");
    const link = frame.getByRole("link", { name: "View your order" });
    await expect(link).toHaveAttribute("href", "https://example.com/orders/abc");
    // Scripts in the stored HTML do not run.
    await expect(frame.locator("body")).not.toHaveAttribute("data-ran", "yes");
    await expect(page.locator("iframe")).toHaveAttribute("sandbox", /allow-popups/);
  });

  test("answers 404 for an unknown message", async ({ page }) => {
    const response = await page.goto(`/dev/mailbox/${randomUUID()}`);
    expect(response?.status()).toBe(404);
    const malformed = await page.goto("/dev/mailbox/not-a-uuid");
    expect(malformed?.status()).toBe(404);
  });
});
