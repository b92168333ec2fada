// The Content-Security-Policy in a real browser: a whole checkout with a 3-D Secure challenge (Cheqpay's page
// in our frame, our return page in it), a frictionless one, signing in and the back office run without a
// single violation (the `cspViolations` fixture fails any checkout test that has one). The same watcher does
// see what the policy is for: an injected script, our pages framed by another site.
import type { Page, Response } from "@playwright/test";
import { signIn } from "./support/accounts";
import {
  addProductsAndCheckout,
  answerChallenge,
  CARDS,
  challengeDialog,
  challengeFrame,
  english,
  expect,
  expectOrderConfirmed,
  fillAndPay,
  test,
} from "./support/checkout";
import { onlyOrderOf } from "./support/database";
import { APP_ORIGIN, cspNonceOf, expectedPolicy, SANDBOX_ORIGIN, scriptNonces } from "./support/transport";

test.use(english);
// Whole checkouts and sign-ins, on machines shared with other test runs.
test.describe.configure({ timeout: 120_000 });

const STAFF_EMAIL = "staff@example.com";

/** Waits for the 3-D Secure return page (loaded inside the challenge frame). */
const returnPage = (page: Page): Promise<Response> =>
  page.waitForResponse((response) => response.url().startsWith(`${APP_ORIGIN}/checkout/three-d-secure/return`), { timeout: 45_000 });

/** Generous waits: these tests are about what the browser allows, not about speed (checkout-three-d-secure is). */
const SLOW = { timeout: 45_000 };

test("a 3-D Secure challenge runs without a CSP violation: Cheqpay's page in our frame, our return page in it", async ({ page, shopper, sql, cspViolations }) => {
  await addProductsAndCheckout(page, ["Caballitos tequileros"]);
  await fillAndPay(page, shopper, CARDS.challenge);
  await expect(challengeDialog(page)).toBeVisible(SLOW);
  await expect(challengeFrame(page).getByRole("heading", { name: "3-D Secure verification" })).toBeVisible(SLOW);
  const returned = returnPage(page);
  await answerChallenge(page, "1234");

  // Our return page sat in our own frame, which only we may do; its inline script ran with its nonce: it is
  // what takes the whole window to the order page.
  const headers = await (await returned).allHeaders();
  const nonce = cspNonceOf(headers["content-security-policy"]);
  expect(headers["content-security-policy"]).toBe(expectedPolicy(nonce, "'self'"));
  expect(headers["x-frame-options"]).toBe("SAMEORIGIN");
  await expect(page).toHaveURL(/\/orders\//, SLOW);
  await expectOrderConfirmed(page);
  expect((await onlyOrderOf(sql, shopper.email)).status).toBe("paid");
  expect(cspViolations).toEqual([]);
});

test("a frictionless 3-D Secure payment runs without a CSP violation", async ({ page, shopper, sql, cspViolations }) => {
  await addProductsAndCheckout(page, ["Mole poblano"]);
  await fillAndPay(page, shopper, CARDS.frictionless);
  await expect(page).toHaveURL(/\/orders\//, SLOW);
  await expectOrderConfirmed(page);
  expect((await onlyOrderOf(sql, shopper.email)).status).toBe("paid");
  expect(cspViolations).toEqual([]);
});

test("the 3-D Secure return page's one inline script carries its request's nonce", async ({ request }) => {
  const response = await request.get("/checkout/three-d-secure/return");
  const nonce = cspNonceOf(response.headers()["content-security-policy"]);
  expect(scriptNonces(await response.text())).toEqual([nonce]);
});

test("signing in, the account and the back office run without a CSP violation", async ({ page, shopper, cspViolations }) => {
  await addProductsAndCheckout(page);
  await fillAndPay(page, shopper, CARDS.visa);
  await expectOrderConfirmed(page);

  await signIn(page, STAFF_EMAIL);
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto(`/admin?q=${encodeURIComponent(shopper.email)}`);
  await page.getByTestId("admin-order").first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/admin\/orders\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  for (const path of ["/admin/dashboard", "/admin/alerts", "/support", "/policies/refunds"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }), path).toBeVisible();
  }
  expect(cspViolations).toEqual([]);
});

test("an injected inline script does not run, and the watcher reports it", async ({ page, cspViolations }) => {
  await page.goto("/");
  const ran = await page.evaluate(async () => {
    const script = document.createElement("script");
    script.textContent = "window.__injected = true;";
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  expect(cspViolations.map((v) => v.what).join("\n")).toContain("script-src");
  cspViolations.length = 0;
});

test("another site cannot frame the checkout or the 3-D Secure return page", async ({ page, cspViolations }) => {
  // Another origin's real page (the sandbox's), with our pages put in frames; our icon (served without the
  // policy) shows the frames themselves work.
  await page.goto(`${SANDBOX_ORIGIN}/_sandbox/requests`);
  await page.evaluate((app) => {
    document.body.innerHTML = ["checkout", "checkout/three-d-secure/return", "favicon.svg"]
      .map((path, index) => `<iframe name="frame${index}" src="${app}/${path}"></iframe>`)
      .join("");
  }, APP_ORIGIN);
  // The browser refuses both pages, and says why; the icon loads.
  await expect.poll(() => cspViolations.map((v) => /frame-ancestors '(none|self)'/.exec(v.what)?.[1]).sort()).toEqual(["none", "self"]);
  const frameUrls = () => page.frames().slice(1).map((frame) => frame.url());
  await expect.poll(() => frameUrls()[2]).toBe(`${APP_ORIGIN}/favicon.svg`);
  // In their place: nothing, or the browser's own error page; never ours.
  for (const url of frameUrls().slice(0, 2)) expect(["", "about:blank", "chrome-error://chromewebdata/"]).toContain(url);
  cspViolations.length = 0;
});
