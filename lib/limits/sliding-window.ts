// Sliding-window limits, pure: each limit counted the rows of the last `windowMinutes`; past its maximum, the
// caller waits until enough of them leave the window. Shared by the card-testing limits and the sign-in limits.
import { isIPv4, isIPv6 } from "node:net";

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

/**
 * The address limits count by. An IPv6 shopper is counted by its /64 network (`2001:db8:1:2::/64`): one
 * subscriber or host usually holds a whole /64 and can use a new address in it for every try. An IPv4 address,
 * also one written as IPv6 (`::ffff:203.0.113.7`, or NAT64's `64:ff9b::203.0.113.7`), is itself. Anything that
 * is not an IP address (a proxy's odd header) is kept as given, trimmed and lower-cased.
 */
export function limitAddress(ipAddress: string | undefined | null): string | null {
  const address = ipAddress?.trim().toLowerCase();
  if (!address) return null;
  if (isIPv4(address)) return address;
  const groups = isIPv6(address) ? ipv6Groups(address.replace(/%.*$/, "")) : null;
  if (!groups) return address.slice(0, 64);
  const embeddedIpv4 = (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) || (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0));
  if (embeddedIpv4) return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
  return `${canonicalIpv6([...groups.slice(0, 4), 0, 0, 0, 0])}/64`;
}

/** RFC 5952's text for eight groups: lower-case hex, the longest run of two or more zero groups as `::`. */
function canonicalIpv6(groups: number[]): string {
  let best = { start: -1, length: 1 };
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > best.length) best = { start, length };
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start < 0) return hex.join(":");
  return `${hex.slice(0, best.start).join(":")}::${hex.slice(best.start + best.length).join(":")}`;
}

/** The eight 16-bit groups of a valid IPv6 address (net.isIPv6 checked it), its `::` and a dotted tail expanded. */
function ipv6Groups(address: string): number[] | null {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const text = dotted
    ? `${address.slice(0, dotted.index)}${((+dotted[1]! << 8) | +dotted[2]!).toString(16)}:${((+dotted[3]! << 8) | +dotted[4]!).toString(16)}`
    : address;
  const [head, tail] = text.split("::") as [string, string | undefined];
  const parse = (part: string | undefined) => (part ? part.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const front = parse(head);
  const back = parse(tail);
  const groups = tail === undefined ? front : [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}
