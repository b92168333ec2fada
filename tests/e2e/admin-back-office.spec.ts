// The back office: staff (ADMIN_EMAILS, set for the app in playwright.config.ts) find an order by its number and
// by email, open it and refund part of it; the refund job succeeds at the sandbox, the shopper's order page
// shows it and the shopper gets the refund email. Everyone else gets a 404 at /admin.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { addProductsAndCheckout, CARDS, english, expect, expectOrderConfirmed, fillAndPay, newShopper, spanish, test } from "./support/checkout";
import { expectNoAxeViolations } from "./support/axe";
import { onlyOrderOf, orderByToken, tokenOfOrderUrl } from "./support/database";

test.use(english);

const STAFF_EMAIL = "staff@example.com";
const SIGN_IN_SUBJECT = { en: "Your sign-in link for Cheqpay Checkout", es: "Tu enlace para iniciar sesión en Cheqpay Checkout" };

type Language = typeof english | typeof spanish;

/** A new browser context signed in as `email` through the emailed link in the development mailbox. */
async function signedInContext(browser: Browser, email: string, language: Language = english): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...language, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const isSpanish = language === spanish;
  await page.goto("/signin");
  await page.getByLabel(isSpanish ? "Correo electrónico" : "Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: isSpanish ? "Envíame un enlace para iniciar sesión" : "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { level: 1, name: isSpanish ? "Revisa tu correo" : "Check your email" })).toBeVisible();
  await page.goto("/dev/mailbox");
  // Newest first: the first message of this subject to this address is the link just sent.
  const message = page
    .getByRole("main")
    .getByRole("listitem")
    .filter({ hasText: `to ${email},` })
    .filter({ hasText: isSpanish ? SIGN_IN_SUBJECT.es : SIGN_IN_SUBJECT.en })
    .first();
  await message.getByRole("link").click();
  const link = page.frameLocator("iframe").getByRole("link", { name: isSpanish ? "Iniciar sesión" : "Sign in", exact: true });
  const href = await link.getAttribute("href");
  expect(href).toBeTruthy();
  await page.goto(href!);
  await expect(page).not.toHaveURL(/\/signin/);
  return { context, page };
}

/** A guest's paid order (in English): its number, id and page. */
async function placePaidOrder(page: Page, shopper: ReturnType<typeof newShopper>, sql: Parameters<typeof onlyOrderOf>[0]) {
  await addProductsAndCheckout(page, ["Café de Chiapas", "Mole poblano"]);
  await fillAndPay(page, shopper, CARDS.visa);
  await expectOrderConfirmed(page);
  const order = await onlyOrderOf(sql, shopper.email);
  expect(order.status).toBe("paid");
  expect(order.total_centavos).toBe(43800);
  return { order, orderUrl: page.url() };
}

const searchField = (page: Page) => page.getByRole("searchbox", { name: "Search" });
const orderRows = (page: Page) => page.getByTestId("admin-order");

test("a shopper, signed in or not, gets a 404 at /admin and at an order's back-office page", async ({ page, browser, shopper, sql }) => {
  const { order } = await placePaidOrder(page, shopper, sql);
  for (const path of ["/admin", `/admin?q=${order.order_number}`, `/admin/orders/${order.id}`, "/admin/orders/not-a-uuid"]) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(404);
    await expect(page.getByText(shopper.email)).toHaveCount(0);
  }

  const { context, page: signedIn } = await signedInContext(browser, shopper.email);
  try {
    for (const path of ["/admin", `/admin/orders/${order.id}`]) {
      const response = await signedIn.goto(path);
      expect(response!.status(), path).toBe(404);
      await expect(signedIn.getByRole("heading", { name: "Orders" })).toHaveCount(0);
      await expect(signedIn.getByRole("button", { name: "Refund" })).toHaveCount(0);
    }
  } finally {
    await context.close();
  }
  expect((await orderByToken(sql, order.public_token))!.status).toBe("paid");
});

test("staff find an order by number and email, refund part of it, and the shopper sees it and gets the email", async ({
  page,
  browser,
  shopper,
  sql,
}) => {
  test.setTimeout(150_000);
  const { order, orderUrl } = await placePaidOrder(page, shopper, sql);
  const number = String(order.order_number);

  const { context, page: staff } = await signedInContext(browser, STAFF_EMAIL);
  try {
    // Find it by its number…
    await staff.goto("/admin");
    await expect(staff.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
    await searchField(staff).fill(`#${number}`);
    await staff.getByRole("button", { name: "Search", exact: true }).click();
    await expect(staff).toHaveURL(/\/admin\?q=%23\d+/);
    await expect(orderRows(staff)).toHaveCount(1);
    const row = orderRows(staff).first();
    await expect(row.getByRole("link", { name: `#${number}`, exact: true })).toBeVisible();
    await expect(row).toContainText(shopper.email);
    await expect(row).toContainText("Paid");
    await expect(row).toContainText("MX$438.00");
    await expect(row).toContainText("Visa ending in 1111");
    await expectNoAxeViolations(staff);

    // …and by the shopper's email, filtered to paid orders (a plain GET form: the URL is the search).
    await staff.goto("/admin");
    await searchField(staff).fill(shopper.email.toUpperCase());
    await staff.getByLabel("Status").selectOption("paid");
    await staff.getByRole("button", { name: "Search", exact: true }).click();
    await expect(staff).toHaveURL(/status=paid/);
    await expect(orderRows(staff)).toHaveCount(1);
    await expect(staff.getByRole("status").filter({ hasText: /^1 order$/ })).toBeVisible();
    await orderRows(staff).first().getByRole("link", { name: `#${number}`, exact: true }).click();

    // The order's page: what was bought, by whom, with which card, and what happened.
    await expect(staff).toHaveURL(new RegExp(`/admin/orders/${order.id}$`));
    await expect(staff.getByRole("heading", { level: 1 })).toHaveText(`Order #${number}`);
    const main = staff.getByRole("main");
    await expect(main.getByText("Café de Chiapas")).toBeVisible();
    await expect(main.getByText("Guest (no account)")).toBeVisible();
    await expect(main.getByText(shopper.email).first()).toBeVisible();
    await expect(main.getByTestId("admin-card")).toHaveText("Visa ending in 1111");
    const timeline = main.getByTestId("timeline-entry");
    await expect(timeline.first()).toContainText("Order created");
    await expect(timeline.filter({ hasText: "Payment attempt 1 started: MX$438.00" })).toContainText("Now: succeeded");
    await expect(timeline.filter({ hasText: "Order paid" })).toHaveCount(1);
    await expect(main).not.toContainText("4111111111111111");

    // The amount starts at what remains refundable.
    const amount = staff.getByLabel("Amount (MXN)");
    await expect(amount).toHaveValue("438.00");

    // Wrong amounts change nothing and say why.
    await amount.fill("12.345");
    await staff.getByLabel("Reason", { exact: true }).fill("Damaged in transit");
    await staff.getByRole("button", { name: "Refund", exact: true }).click();
    await expect(staff.getByText("Use at most 2 decimals, like 123.45.")).toBeVisible();
    await expect(amount).toHaveAttribute("aria-invalid", "true");
    await expect(amount).toHaveValue("12.345");
    await amount.fill("500");
    await staff.getByRole("button", { name: "Refund", exact: true }).click();
    await expect(staff.getByRole("alert").filter({ hasText: "only MX$438.00 remains" })).toBeVisible();
    const refundsOfOrder = () => sql<{ status: string }[]>`select status from refunds where order_id = ${order.id}`;
    expect(await refundsOfOrder()).toEqual([]);

    // A partial refund (its Server Action request kept, to be replayed by someone else below).
    await amount.fill("100.50");
    await staff.getByLabel("Reason", { exact: true }).fill("Damaged in transit");
    const actionRequest = staff.waitForRequest((request) => request.method() === "POST" && request.headers()["next-action"] !== undefined);
    await staff.getByRole("button", { name: "Refund", exact: true }).click();
    await expect(staff.getByRole("status").filter({ hasText: "Refund of MX$100.50 requested: it is being processed." })).toBeVisible();
    const refundRow = main.getByTestId("admin-refund");
    await expect(refundRow).toHaveCount(1);

    // The same action sent without the staff's session: a 404, and no refund.
    const captured = await actionRequest;
    const stranger = await browser.newContext({ ...english, ignoreHTTPSErrors: true });
    try {
      const headers = await captured.allHeaders();
      const replayed = await stranger.request.post(captured.url(), {
        headers: { "next-action": headers["next-action"]!, "content-type": headers["content-type"]!, origin: new URL(captured.url()).origin, accept: "text/x-component" },
        data: captured.postDataBuffer()!,
      });
      expect(replayed.status()).toBe(404);
    } finally {
      await stranger.close();
    }
    expect(await refundsOfOrder()).toHaveLength(1);
    await expect(refundRow).toContainText("MX$100.50");
    await expect(refundRow).toContainText("Damaged in transit");

    // The job refunds it at the sandbox; the page updates by itself (reloaded here too, to be sure).
    await expect(async () => {
      await staff.reload();
      await expect(refundRow).toContainText("SUCCEEDED", { timeout: 2_000 });
    }).toPass({ timeout: 60_000, intervals: [1_000, 2_000, 3_000] });
    await expect(staff.getByTestId("admin-order-status")).toHaveText("Partially refunded");
    await expect(main.getByTestId("admin-refunded")).toHaveText("MX$100.50");
    await expect(main.getByTestId("admin-remaining")).toHaveText("MX$337.50");
    await expect(amount).toHaveValue("337.50");
    await expect(timeline.filter({ hasText: "Refund of MX$100.50 requested" })).toHaveCount(1);
    await expect(timeline.filter({ hasText: "Refund of MX$100.50 succeeded" })).toHaveCount(1);
    expect((await orderByToken(sql, order.public_token))!.status).toBe("partially_refunded");
    await expectNoAxeViolations(staff);

    // Filtering the list by status finds it among the partially refunded orders.
    await staff.goto(`/admin?q=${encodeURIComponent(shopper.email)}&status=partially_refunded`);
    await expect(orderRows(staff)).toHaveCount(1);
    await expect(orderRows(staff).first()).toContainText("Partially refunded");
  } finally {
    await context.close();
  }

  // The shopper's order page.
  await page.goto(orderUrl);
  expect(tokenOfOrderUrl(page.url())).toBe(order.public_token);
  const main = page.getByRole("main");
  await expect(main.locator("dt", { hasText: /^Status$/ }).locator("+ dd")).toHaveText("Partially refunded");
  await expect(main.getByTestId("order-refunded")).toHaveText("MX$100.50");
  await expect(main.getByTestId("order-refund")).toContainText("MX$100.50: refunded");
  await expect(main.getByText("We refunded MX$100.50 of this order to the card you paid with.", { exact: false })).toBeVisible();

  // The refund email, in the order's language (English).
  const subject = `Refund for your order #${number}`;
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(page.getByRole("listitem").filter({ hasText: subject }).filter({ hasText: shopper.email })).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000, 3_000] });
});

test("the back office speaks Spanish to staff whose browser does", async ({ browser }) => {
  const { context, page } = await signedInContext(browser, STAFF_EMAIL, spanish);
  try {
    await page.goto("/admin?status=bogus&from=nope&page=-4");
    await expect(page.getByRole("heading", { level: 1, name: "Pedidos" })).toBeVisible();
    await expect(page.getByRole("searchbox", { name: "Buscar" })).toBeVisible();
    await expect(page.getByLabel("Estado")).toHaveValue("");
    await expect(page.getByRole("button", { name: "Buscar", exact: true })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: /pedido/i })).toBeVisible();
  } finally {
    await context.close();
  }
});
