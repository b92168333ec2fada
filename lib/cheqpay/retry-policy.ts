// Whether and when to try a Cheqpay request again: pure functions, tested directly.

/** `idempotent`: repeating it cannot do anything twice (reads; creating an order, keyed by `externalId`).
 *  `unsafe`: it might (a refund has no idempotency key), so only failures that prove nothing happened retry. */
export type RetrySafety = "idempotent" | "unsafe";

export type AttemptFailure =
  | { kind: "http"; status: number; retryAfterMs: number | null }
  /** `reachedServer`: false when the connection was never made (refused, DNS), so nothing was processed. */
  | { kind: "network"; reachedServer: boolean }
  | { kind: "timeout" };

export type RetryPolicy = {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the error goes back to the caller. */
  maxRetryAfterMs: number;
};

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxRetryAfterMs: 10_000,
};

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

/** May attempt number `attempt` (1-based, the one that just failed) be followed by another? */
export function shouldRetry(failure: AttemptFailure, attempt: number, safety: RetrySafety, policy: RetryPolicy): boolean {
  if (attempt >= policy.maxAttempts) return false;
  if (failure.kind === "http") {
    if (failure.retryAfterMs !== null && failure.retryAfterMs > policy.maxRetryAfterMs) return false;
    // A 429 is refused before any processing, so it is safe to repeat even for unsafe operations.
    if (failure.status === 429) return true;
    return safety === "idempotent" && RETRYABLE_STATUSES.has(failure.status);
  }
  if (failure.kind === "network") return safety === "idempotent" || !failure.reachedServer;
  return safety === "idempotent";
}

/** Exponential backoff with full jitter: a random wait in [0, min(max, base * 2^(attempt-1))). */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** The wait before the next attempt: the server's `Retry-After` when it gave one, else backoff. */
export function retryDelayMs(
  failure: AttemptFailure,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  if (failure.kind === "http" && failure.retryAfterMs !== null) return failure.retryAfterMs;
  return backoffDelayMs(attempt, policy, random);
}

const HTTP_DATE_SHAPE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? .*\b\d{2}:\d{2}:\d{2}\b/i;

/** `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now: Date = new Date()): number | null {
  if (header === null || header.trim() === "") return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Date.parse reads almost anything ("1.5", "-5") as some date; only an HTTP-date (a weekday name and a
  // time of day) counts, anything else falls back to our own backoff.
  if (!HTTP_DATE_SHAPE.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now.getTime());
}
