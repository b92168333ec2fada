// Sliding-window limits, pure: each limit counted the rows of the last `windowMinutes`; past its maximum, the
// caller waits until enough of them leave the window. Shared by the card-testing limits and the sign-in limits.

/** What one limit counted within the window. `freedAtMs`: when the row that keeps the count at the maximum
 *  leaves the window (epoch ms; the maximum-th newest row's time plus the window), null below the maximum. */
export type LimitCount = { count: number; freedAtMs: number | null };

export type LimitCheck<Name extends string> = { name: Name; maximum: number; counted: LimitCount | null };

export type LimitVerdict<Name extends string> = { kind: "allowed" } | { kind: "limited"; limit: Name; retryAfterSeconds: number };

/**
 * Allowed while every count is below its maximum (the maximum-th row is allowed, the next one is not). A check
 * with nothing counted (`counted` null: nothing to count it by) never refuses. When several are reached, the one
 * that frees last is reported (all of them must free before a try is allowed); on a tie, the first listed.
 * `nowMs` is the database's clock, the one the rows were stamped with.
 */
export function decideLimits<Name extends string>(checks: readonly LimitCheck<Name>[], windowMinutes: number, nowMs: number): LimitVerdict<Name> {
  let verdict: LimitVerdict<Name> = { kind: "allowed" };
  for (const { name, maximum, counted } of checks) {
    if (!counted || counted.count < maximum) continue;
    // A count at the maximum always has a row that frees it; the whole window when none was read.
    const freedAtMs = counted.freedAtMs ?? nowMs + windowMinutes * 60_000;
    const retryAfterSeconds = Math.max(1, Math.ceil((freedAtMs - nowMs) / 1000));
    if (verdict.kind === "allowed" || retryAfterSeconds > verdict.retryAfterSeconds) verdict = { kind: "limited", limit: name, retryAfterSeconds };
  }
  return verdict;
}

/** The wait as a person reads it: whole minutes, at least one. */
export function minutesToWait(retryAfterSeconds: number): number {
  return Math.max(1, Math.ceil(retryAfterSeconds / 60));
}

/** The address limits count by: an IPv4-mapped IPv6 address (`::ffff:203.0.113.7`) is its IPv4 address. */
export function limitAddress(ipAddress: string | undefined | null): string | null {
  const address = ipAddress?.trim().toLowerCase();
  if (!address) return null;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  return (mapped ? mapped[1]! : address).slice(0, 64);
}
