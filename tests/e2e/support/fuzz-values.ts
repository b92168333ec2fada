// Hostile values for the fuzz test, drawn from a seeded PRNG: the same seed gives the same payloads, so a
// failure reproduces with FUZZ_SEED=<seed>. Strings, numbers and shapes a client can send but a form never does.

export type Random = {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** Lowercase hex of `length` characters. */
  hex(length: number): string;
  /** A version-4-shaped uuid, from the seed. */
  uuid(): string;
};

/** mulberry32: small, fast and good enough to spread payloads; deterministic for a seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (length: number) => Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join("");
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (probability) => next() < probability,
    hex,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`,
  };
}

export const SQL_FRAGMENTS = [
  "' OR 1=1 --",
  "'; drop table orders; --",
  "1; DROP TABLE payment_attempts",
  '" OR ""="',
  "admin'--",
  "%' OR '1'='1",
  "'); delete from webhook_events; --",
  "1 UNION SELECT session_token FROM sessions",
] as const;

export const HTML_FRAGMENTS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '"><svg onload=alert(1)>',
  "javascript:alert(1)",
  "</textarea><iframe src=//evil.test>",
  "{{7*7}}${7*7}",
  "&lt;b&gt;&amp;",
] as const;

export const UNICODE_STRINGS = [
  "\u202Eevil\u202C",
  "a\u200Bb\u200Dc\uFEFF",
  "🎉💳🔥👩‍👩‍👧",
  "a\u0000b",
  "\u0000",
  "Z̴̡̛͓a̷l̶g̸o",
  "\uD800",
  "line\u2028sep\u2029",
  "ناصر عبد الله",
  "日本語の名前",
  "\u001b[31mred\u001b[0m",
  "tab\there\r\nnewline",
] as const;

export const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype"] as const;

/** A string of at least 100 kB, of one of several kinds (ASCII, markup, emoji, NUL-laced). */
export function hugeString(random: Random): string {
  const size = random.int(100_000, 180_000);
  const unit = random.pick(["A", "<", "🎉", "\u0000x", "é", "' OR 1=1 -- "]);
  return unit.repeat(Math.ceil(size / unit.length));
}

export function hostileString(random: Random): string {
  return random.chance(0.1) ? hugeString(random) : hostileText(random);
}

/** SQL, markup or unicode trickery of ordinary length. */
export function hostileText(random: Random): string {
  const kind = random.int(1, 9);
  if (kind <= 3) return random.pick(SQL_FRAGMENTS);
  if (kind <= 6) return random.pick(HTML_FRAGMENTS);
  return random.pick(UNICODE_STRINGS);
}

/** Amounts and sizes no form sends: negative, fractional, NaN, infinite, past the safe integers. */
export const HOSTILE_NUMBERS = [-1, -100, 0.5, 1.999, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308, 2 ** 53 + 2, -(2 ** 31)] as const;

/** An object carrying prototype-pollution keys as own properties (as JSON.parse makes them). */
export function pollutingObject(random: Random): Record<string, unknown> {
  const key = random.pick(PROTOTYPE_KEYS);
  return JSON.parse(`{"${key}":{"polluted":true,"isAdmin":true,"prototype":{"polluted":true}}}`) as Record<string, unknown>;
}

/** A value of the wrong type for whatever field gets it. */
export function wrongType(random: Random): unknown {
  return random.pick<() => unknown>([
    () => random.pick(HOSTILE_NUMBERS),
    () => random.int(-5, 5),
    () => random.chance(0.5),
    () => null,
    () => [],
    () => [hostileString(random)],
    () => ({}),
    () => pollutingObject(random),
    () => new Date(0),
    () => ({ toString: "x", valueOf: 1 }),
  ])();
}
