// Where the app under test answers (playwright.config.ts) and what its security headers must say, written out
// here rather than computed by lib/http, so a change to the policy is a change to the tests too.
import { request as httpsRequest } from "node:https";
import { expect } from "@playwright/test";

export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const APP_ORIGIN = `https://localhost:${APP_PORT}`;
/** scripts/app-server.ts's plain HTTP port (HTTP_REDIRECT_PORT in playwright.config.ts). */
export const HTTP_REDIRECT_PORT = Number(process.env.E2E_HTTP_REDIRECT_PORT ?? APP_PORT + 1);
export const SANDBOX_ORIGIN = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? 4110}`;

/** The whole Content-Security-Policy of a page of ours under test. */
export function expectedPolicy(nonce: string, frameAncestors: "'none'" | "'self'"): string {
  return [
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    `script-src 'self' 'nonce-${nonce}'`,
    `frame-src 'self' ${SANDBOX_ORIGIN}`,
    `frame-ancestors ${frameAncestors}`,
    `form-action 'self' ${SANDBOX_ORIGIN}`,
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** The nonce in a policy's script-src (the test fails when there is none). */
export function cspNonceOf(policy: string | undefined): string {
  const nonce = /script-src [^;]*'nonce-([A-Za-z0-9+/=]+)'/.exec(policy ?? "")?.[1];
  expect(nonce, `a nonce in ${policy}`).toBeTruthy();
  return nonce!;
}

/** The nonce attribute of every <script> in a page's HTML ("(none)" for a script without one). */
export function scriptNonces(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>/gi)].map((match) => /\bnonce="([^"]*)"/.exec(match[1]!)?.[1] ?? "(none)");
}

export type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/**
 * One HTTPS request to the app with exactly these headers (a forged Host included, which browsers and
 * Playwright's request API would not send). `chunks`: a body sent in pieces, without a Content-Length.
 */
export function rawRequest(options: { method: string; path: string; headers: Record<string, string>; body?: Buffer; chunks?: Buffer[] }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      {
        host: "localhost",
        port: APP_PORT,
        method: options.method,
        path: options.path,
        headers: { ...options.headers, ...(options.body ? { "content-length": String(options.body.length) } : {}) },
        servername: "localhost",
        rejectUnauthorized: false,
      },
      (response) => {
        const parts: Buffer[] = [];
        response.on("data", (part: Buffer) => parts.push(part));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(parts).toString("utf8") }));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    if (options.body) request.end(options.body);
    else {
      for (const chunk of options.chunks ?? []) request.write(chunk);
      request.end();
    }
  });
}
