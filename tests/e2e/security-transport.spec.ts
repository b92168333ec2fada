// Transport: plain HTTP only ever redirects to the HTTPS shop (scripts/app-server.ts on HTTP_REDIRECT_PORT);
// every page renders per request with its own nonce (none is prerendered at build time); the cart cookie is
// Secure, HttpOnly and SameSite=Lax like the session cookie (accounts-sign-in.spec.ts). The shop speaks HTTP/2
// and still HTTP/1.1 on its HTTPS port.
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect as http2Connect, type IncomingHttpHeaders } from "node:http2";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { addProductsAndCheckout, english, expect, test } from "./support/checkout";
import { APP_ORIGIN, cspNonceOf, expectedPolicy, HTTP_REDIRECT_PORT, scriptNonces } from "./support/transport";

test.use(english);

function plainHttp(method: string, path: string): Promise<{ status: number; location: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "localhost", port: HTTP_REDIRECT_PORT, method, path }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, location: response.headers.location, body }));
    });
    request.on("error", reject);
    request.end(method === "POST" ? "a=1" : undefined);
  });
}

test("plain HTTP answers only with a permanent redirect to the same path and query on the HTTPS shop", async ({ request }) => {
  for (const [method, path] of [["GET", "/checkout?x=1"], ["GET", "/"], ["POST", "/checkout"], ["GET", "//evil.example/x"]] as const) {
    const answer = await plainHttp(method, path);
    expect(answer.status, `${method} ${path}`).toBe(308);
    expect(answer.location, `${method} ${path}`).toBe(`${APP_ORIGIN}${path}`);
    expect(answer.body).toBe("");
  }
  // The redirect leads somewhere that serves the page.
  const followed = await request.get((await plainHttp("GET", "/checkout?x=1")).location!, { maxRedirects: 0 });
  expect(followed.status()).toBe(200);
});

test("a proxy's X-Forwarded-Proto is ignored when no proxy is trusted (TRUST_PROXY unset)", async ({ request }) => {
  const response = await request.get("/support", { headers: { "x-forwarded-proto": "http" }, maxRedirects: 0 });
  expect(response.status()).toBe(200);
});

test("every page renders per request: its scripts carry that request's nonce", async ({ request }) => {
  for (const path of ["/", "/cart", "/checkout", "/signin", "/signin/check-email", "/support", "/policies/refunds", "/policies/terms", "/no-such-page"]) {
    const response = await request.get(path);
    const headers = response.headers();
    const nonce = cspNonceOf(headers["content-security-policy"]);
    expect(headers["content-security-policy"], path).toBe(expectedPolicy(nonce, "'none'"));
    expect(headers["x-frame-options"], path).toBe("DENY");
    const nonces = scriptNonces(await response.text());
    expect(nonces.length, path).toBeGreaterThan(0);
    expect(new Set(nonces), path).toEqual(new Set([nonce]));
  }
  // The build agrees: it prerendered no page (Next's own fallback for a failed root layout aside).
  const manifest = JSON.parse(readFileSync(".next/prerender-manifest.json", "utf8")) as { routes: Record<string, unknown> };
  expect(Object.keys(manifest.routes).filter((route) => route !== "/_global-error")).toEqual([]);
});

test("the cart cookie is Secure, HttpOnly and SameSite=Lax, and scripts cannot read it", async ({ page }) => {
  await addProductsAndCheckout(page);
  const cart = (await page.context().cookies()).find((cookie) => cookie.name === "cart_id");
  expect(cart, "the cart_id cookie").toBeDefined();
  expect(cart).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
  expect(await page.evaluate(() => document.cookie)).not.toContain("cart_id");
});

type Answer = { status: number; headers: Record<string, unknown>; body: string };

/** One request over HTTP/2 (ALPN h2), trusting the app's self-signed certificate. */
function overHttp2(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer & { alpn: string | false }> {
  return new Promise((resolve, reject) => {
    const session = http2Connect(APP_ORIGIN, { rejectUnauthorized: false });
    session.on("error", reject);
    const stream = session.request({ ":method": method, ":path": path, ...headers });
    let answer: IncomingHttpHeaders = {};
    let text = "";
    stream.on("response", (received) => (answer = received));
    stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
    stream.on("end", () => {
      resolve({ status: Number(answer[":status"]), headers: answer, body: text, alpn: session.alpnProtocol ?? false });
      session.close();
    });
    stream.on("error", reject);
    stream.end(body);
  });
}

/** One request from a client that knows only HTTP/1.1 (Node's https offers no ALPN protocol). */
function overHttp1(path: string): Promise<Answer & { version: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, APP_ORIGIN);
    const request = httpsRequest(url, { rejectUnauthorized: false }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text, version: response.httpVersion }));
    });
    request.on("error", reject);
    request.end();
  });
}

test("the shop answers over HTTP/2, and over HTTP/1.1 to clients that do not speak it", async () => {
  const page = await overHttp2("GET", "/checkout");
  expect(page.alpn).toBe("h2");
  expect(page.status).toBe(200);
  expect(page.headers["content-type"]).toContain("text/html");
  expect(cspNonceOf(page.headers["content-security-policy"] as string)).toBeTruthy();
  expect(page.body).toContain("</html>");
  expect((await overHttp2("GET", "/no-such-page")).status).toBe(404);
  // A route handler reads the raw body of an HTTP/2 request (an unsigned webhook is refused, not lost).
  const webhook = await overHttp2("POST", "/api/webhooks/cheqpay", { "content-type": "application/json" }, JSON.stringify({ type: "x" }));
  expect(webhook.status).toBe(401);
  expect(JSON.parse(webhook.body)).toMatchObject({ received: false });

  const old = await overHttp1("/checkout");
  expect(old.version).toBe("1.1");
  expect(old.status).toBe(200);
  expect(old.body).toContain("</html>");
});

test("answers request after request on one kept-alive connection without Nagle's delay, over HTTP/1.1 and HTTP/2", async () => {
  // With Nagle's algorithm on, a response written in two parts waits for the client's delayed ACK: ~40 ms each.
  const agent = new HttpsAgent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: false });
  const overOneConnection = (path: string) =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      const request = httpsRequest(new URL(path, APP_ORIGIN), { agent }, (response) => {
        response.resume();
        response.on("end", () => resolve(performance.now() - started));
      });
      request.on("error", reject);
      request.end();
    });
  const session = http2Connect(APP_ORIGIN, { rejectUnauthorized: false });
  const overOneSession = (path: string) =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      const stream = session.request({ ":method": "GET", ":path": path });
      stream.on("data", () => {});
      stream.on("end", () => resolve(performance.now() - started));
      stream.on("error", reject);
      stream.end();
    });
  // The fastest of 15: the delayed ACK is a fixed timer, so with Nagle on not one request is fast, while a busy
  // machine (the other specs running) slows some requests but not all.
  const fastest = async (send: (path: string) => Promise<number>) => {
    const times: number[] = [];
    for (let i = 0; i < 15; i++) times.push(await send("/api/health"));
    return Math.min(...times);
  };
  try {
    expect(await fastest(overOneConnection)).toBeLessThan(25);
    expect(await fastest(overOneSession)).toBeLessThan(25);
  } finally {
    agent.destroy();
    session.close();
  }
});
