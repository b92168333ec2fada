import { describe, expect, it } from "vitest";
import {
  type AttemptFailure,
  backoffDelayMs,
  defaultRetryPolicy,
  parseRetryAfter,
  retryDelayMs,
  type RetryPolicy,
  shouldRetry,
} from "@/lib/cheqpay";

const policy: RetryPolicy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 };
const http = (status: number, retryAfterMs: number | null = null): AttemptFailure => ({ kind: "http", status, retryAfterMs });

describe("shouldRetry", () => {
  it.each([429, 500, 502, 503, 504])("retries an idempotent call answered %i", (status) => {
    expect(shouldRetry(http(status), 1, "idempotent", policy)).toBe(true);
  });

  it.each([400, 401, 403, 404, 409, 413, 422])("never retries an answer %i", (status) => {
    expect(shouldRetry(http(status), 1, "idempotent", policy)).toBe(false);
    expect(shouldRetry(http(status), 1, "unsafe", policy)).toBe(false);
  });

  it.each([500, 502, 503, 504])("does not retry an unsafe call answered %i", (status) => {
    expect(shouldRetry(http(status), 1, "unsafe", policy)).toBe(false);
  });

  it("retries an unsafe call answered 429, which is refused before any processing", () => {
    expect(shouldRetry(http(429), 1, "unsafe", policy)).toBe(true);
  });

  it("does not retry other 5xx statuses it does not know to be transient", () => {
    expect(shouldRetry(http(501), 1, "idempotent", policy)).toBe(false);
    expect(shouldRetry(http(505), 1, "idempotent", policy)).toBe(false);
  });

  it("retries a network error on an idempotent call whether or not the server was reached", () => {
    expect(shouldRetry({ kind: "network", reachedServer: true }, 1, "idempotent", policy)).toBe(true);
    expect(shouldRetry({ kind: "network", reachedServer: false }, 1, "idempotent", policy)).toBe(true);
  });

  it("retries an unsafe call only when the connection was never made", () => {
    expect(shouldRetry({ kind: "network", reachedServer: false }, 1, "unsafe", policy)).toBe(true);
    expect(shouldRetry({ kind: "network", reachedServer: true }, 1, "unsafe", policy)).toBe(false);
  });

  it("retries a timeout on an idempotent call but not on an unsafe one", () => {
    expect(shouldRetry({ kind: "timeout" }, 1, "idempotent", policy)).toBe(true);
    expect(shouldRetry({ kind: "timeout" }, 1, "unsafe", policy)).toBe(false);
  });

  it("stops once the attempt that failed is the last allowed", () => {
    expect(shouldRetry(http(503), 2, "idempotent", policy)).toBe(true);
    expect(shouldRetry(http(503), 3, "idempotent", policy)).toBe(false);
    expect(shouldRetry({ kind: "timeout" }, 3, "idempotent", policy)).toBe(false);
    expect(shouldRetry(http(503), 1, "idempotent", { ...policy, maxAttempts: 1 })).toBe(false);
  });

  it("does not wait for a Retry-After longer than the cap", () => {
    expect(shouldRetry(http(429, 5_000), 1, "idempotent", policy)).toBe(true);
    expect(shouldRetry(http(429, 5_001), 1, "idempotent", policy)).toBe(false);
    expect(shouldRetry(http(503, 60_000), 1, "idempotent", policy)).toBe(false);
  });

  it("allows three attempts by default", () => {
    expect(defaultRetryPolicy.maxAttempts).toBe(3);
    expect(shouldRetry(http(500), 2, "idempotent", defaultRetryPolicy)).toBe(true);
    expect(shouldRetry(http(500), 3, "idempotent", defaultRetryPolicy)).toBe(false);
  });
});

describe("backoffDelayMs", () => {
  it("waits nothing when the random draw is 0", () => {
    expect(backoffDelayMs(1, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(4, policy, () => 0)).toBe(0);
  });

  it("stays below the ceiling when the random draw is close to 1", () => {
    expect(backoffDelayMs(1, policy, () => 0.999)).toBe(99);
    expect(backoffDelayMs(2, policy, () => 0.999)).toBe(199);
  });

  it("doubles the ceiling with each attempt", () => {
    const half = () => 0.5;
    expect([1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt, policy, half))).toEqual([50, 100, 200, 400]);
  });

  it("never exceeds the maximum delay", () => {
    expect(backoffDelayMs(5, policy, () => 0.999)).toBe(999);
    expect(backoffDelayMs(30, policy, () => 0.999)).toBe(999);
  });

  it("stays within [0, ceiling) for any draw of Math.random", () => {
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelayMs(3, policy);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(400);
      expect(Number.isInteger(delay)).toBe(true);
    }
  });
});

describe("retryDelayMs", () => {
  it("uses the server's Retry-After when there is one", () => {
    expect(retryDelayMs(http(429, 1_500), 1, policy, () => 0.5)).toBe(1_500);
  });

  it("falls back to backoff without a Retry-After, and for timeouts and network errors", () => {
    expect(retryDelayMs(http(503), 2, policy, () => 0.5)).toBe(100);
    expect(retryDelayMs({ kind: "timeout" }, 1, policy, () => 0.5)).toBe(50);
    expect(retryDelayMs({ kind: "network", reachedServer: true }, 3, policy, () => 0.5)).toBe(200);
  });
});

describe("parseRetryAfter", () => {
  const now = new Date("2026-11-25T10:00:00.000Z");

  it("reads delay-seconds", () => {
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter("1", now)).toBe(1_000);
    expect(parseRetryAfter(" 30 ", now)).toBe(30_000);
  });

  it("reads an HTTP date as the time left until it", () => {
    expect(parseRetryAfter("Wed, 25 Nov 2026 10:00:05 GMT", now)).toBe(5_000);
  });

  it("reads an HTTP date in the past as no wait", () => {
    expect(parseRetryAfter("Wed, 25 Nov 2026 09:59:00 GMT", now)).toBe(0);
  });

  it("gives null for a missing or empty header", () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("", now)).toBeNull();
    expect(parseRetryAfter("   ", now)).toBeNull();
  });

  it.each(["soon", "5s", "1.5", "-5", "abc 12", "12abc"])("gives null for the garbage value %j", (value) => {
    expect(parseRetryAfter(value, now)).toBeNull();
  });
});
