// Server Actions accept only our own origin: the real "Pay" request of a checkout, caught in the browser, is
// sent again from "another site" (a foreign Origin, none at all, a forged Host with it) and too large. Each is
// refused before the action runs: no order, no attempt, nothing sent to Cheqpay. The same request from our
// own origin then pays, which shows the copies were real Server Action calls.
import type { Page } from "@playwright/test";
import { addProductsAndCheckout, CARDS, english, expect, fillAndPay, type Shopper, test } from "./support/checkout";
import { attemptsOf, ordersByEmail, type Sql } from "./support/database";
import { createPaymentOrdersFor, latestRequestSeq, SANDBOX_CREATES_LOCK, sandboxRequests } from "./support/sandbox";
import { APP_ORIGIN, rawRequest } from "./support/transport";

test.use(english);

type CaughtAction = { headers: Record<string, string>; body: Buffer };

/** Presses Pay and catches the Server Action request the browser sends, without letting it reach the app. */
async function catchPayAction(page: Page, shopper: Shopper): Promise<CaughtAction> {
  let caught: CaughtAction | null = null;
  await page.route("**/checkout", async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    caught = { headers: await request.allHeaders(), body: request.postDataBuffer() ?? Buffer.alloc(0) };
    await route.abort();
  });
  await addProductsAndCheckout(page);
  await fillAndPay(page, shopper, CARDS.visa);
  // The route stays: should the page send the action again, that copy never reaches the app either.
  await expect.poll(() => caught !== null).toBe(true);
  const action = caught!;
  expect(action.headers["next-action"]).toMatch(/^[0-9a-f]{40,}$/);
  expect(action.headers.origin).toBe(APP_ORIGIN);
  return action;
}

/** The caught request's headers for a replay: the action id, router state and cookies, and the given Origin. */
async function replayHeaders(page: Page, action: CaughtAction, origin: string | null): Promise<Record<string, string>> {
  const cookies = await page.context().cookies(APP_ORIGIN);
  const headers: Record<string, string> = {
    accept: action.headers.accept ?? "text/x-component",
    "content-type": action.headers["content-type"]!,
    "next-action": action.headers["next-action"]!,
    cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; "),
  };
  if (action.headers["next-router-state-tree"]) headers["next-router-state-tree"] = action.headers["next-router-state-tree"];
  if (origin !== null) headers.origin = origin;
  return headers;
}

async function expectNothingWritten(sql: Sql, shopper: Shopper, since: number): Promise<void> {
  expect(await ordersByEmail(sql, shopper.email)).toEqual([]);
  expect(await createPaymentOrdersFor(shopper.email, since)).toEqual([]);
  expect(await sandboxRequests({ operation: "createPaymentOrder", since })).toEqual([]);
}

test("a Server Action from another origin, or from none, is refused before it runs", { lock: SANDBOX_CREATES_LOCK }, async ({ page, shopper, sql }) => {
  const action = await catchPayAction(page, shopper);
  const since = await latestRequestSeq();
  const host = new URL(APP_ORIGIN).host;
  const attempts: { name: string; origin: string | null; host: string }[] = [
    { name: "a foreign Origin", origin: "https://evil.example", host },
    { name: "no Origin", origin: null, host },
    // Next's own check compares Origin with Host: a forged Host that agrees with the foreign Origin passes it.
    { name: "a foreign Origin with a Host forged to match it", origin: "https://evil.example", host: "evil.example" },
    { name: "our host over plain HTTP", origin: `http://${host}`, host },
    { name: "the opaque origin", origin: "null", host },
  ];
  for (const attempt of attempts) {
    const headers = { ...(await replayHeaders(page, action, attempt.origin)), host: attempt.host };
    const response = await rawRequest({ method: "POST", path: "/checkout", headers, body: action.body });
    expect(response.status, attempt.name).toBe(403);
    expect(response.headers["content-type"], attempt.name).toBe("text/plain; charset=utf-8");
    expect(response.body, attempt.name).toBe("Forbidden: this request did not come from the shop's own pages.");
  }
  await expectNothingWritten(sql, shopper, since);

  // The same request from our own pages is a real payment: the refusals above were not for anything else.
  const response = await rawRequest({ method: "POST", path: "/checkout", headers: await replayHeaders(page, action, APP_ORIGIN), body: action.body });
  expect(response.status).toBe(200);
  const [order] = await ordersByEmail(sql, shopper.email);
  expect(order?.status).toBe("paid");
  expect(await attemptsOf(sql, order!.id)).toHaveLength(1);
  expect(await createPaymentOrdersFor(shopper.email, since)).toHaveLength(1);
});

test("a Server Action body over 64 kB, or of no stated length, is refused and nothing is written", { lock: SANDBOX_CREATES_LOCK }, async ({ page, shopper, sql }) => {
  const action = await catchPayAction(page, shopper);
  // The real payment form's payload, for the record: far below the limit.
  expect(action.body.length).toBeLessThan(4 * 1024);
  const since = await latestRequestSeq();
  const [args] = JSON.parse(action.body.toString("utf8")) as [Record<string, unknown>];
  const oversized = Buffer.from(JSON.stringify([{ ...args, notes: "x".repeat(70 * 1024) }]));
  const headers = await replayHeaders(page, action, APP_ORIGIN);

  const declared = await rawRequest({ method: "POST", path: "/checkout", headers, body: oversized });
  expect(declared.status).toBe(413);
  expect(declared.body).toBe("Request too large.");
  // Sent in chunks, without a Content-Length: refused before it is read (a browser always sends the length).
  const chunked = await rawRequest({ method: "POST", path: "/checkout", headers, chunks: [oversized.subarray(0, 1000), oversized.subarray(1000)] });
  expect(chunked.status).toBe(411);
  expect(chunked.body).toBe("Length required.");
  await expectNothingWritten(sql, shopper, since);
});

test("a Server Action body Next could not decode is a 400 before it runs, and the real body still pays", { lock: SANDBOX_CREATES_LOCK }, async ({ page, shopper, sql }) => {
  const action = await catchPayAction(page, shopper);
  const since = await latestRequestSeq();
  const headers = await replayHeaders(page, action, APP_ORIGIN);
  const multipart = { ...headers, "content-type": "multipart/form-data; boundary=----cheqpay" };
  const undecodable: { name: string; headers: Record<string, string>; body: string }[] = [
    { name: "text that is not JSON", headers, body: "garbage" },
    { name: "JSON cut short", headers, body: action.body.toString("utf8").slice(0, 20) },
    { name: "a reference to a part that is not there", headers, body: '"$Q1"' },
    { name: "a promise reference inside the form", headers, body: '[{"email":"$@7"}]' },
    { name: "multipart without its parts", headers: multipart, body: "garbage" },
  ];
  for (const attempt of undecodable) {
    const response = await rawRequest({ method: "POST", path: "/checkout", headers: attempt.headers, body: Buffer.from(attempt.body) });
    expect(response.status, attempt.name).toBe(400);
    expect(response.body, attempt.name).toMatch(/^Bad request: /);
  }
  await expectNothingWritten(sql, shopper, since);

  // The proxy read the body to check it: the action behind it still gets all of it.
  const response = await rawRequest({ method: "POST", path: "/checkout", headers, body: action.body });
  expect(response.status).toBe(200);
  const [order] = await ordersByEmail(sql, shopper.email);
  expect(order?.status).toBe("paid");
});
