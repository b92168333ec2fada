// Which parts of an email fragment the trigram index (orders_email_trgm_idx) should look up. The index finds
// `ilike '%fragment%'` by intersecting the posting lists of the fragment's trigrams, and it walks every list
// it is given: a trigram found in most emails (a common local-part prefix, "gma"/"ail"/"com" of the common
// domains) costs a walk over most of the table even when the fragment matches a dozen orders. So the index is
// given only the fragment's rare parts, and the whole fragment is checked on the rows they find. Rare is
// judged on the sample of emails ANALYZE keeps in pg_stats (a thousand: drizzle/0007). The index gets the
// whole fragment without a sample (a table never analyzed), for a fragment common in the sample (a broad
// search, which the planner lists from the created_at index instead), when no trigram is rare, and when every
// trigram is cheap (the whole fragment is then as quick to look up).

import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";

/** A trigram in at most this share of the sampled emails is rare: a part with one finds about this share of
 *  the orders at most (5,000 at a million), for the whole fragment to be checked on. A fragment in more than
 *  this share is a broad search. drizzle/0007 has ANALYZE keep a thousand emails, to tell such shares apart. */
export const RARE_SHARE = 0.005;
/** A trigram in at most this share is cheap for the index to walk along a rare one (and narrows what it finds). */
export const CHEAP_SHARE = 0.05;
/** Fewer sampled emails than this tell too little. */
const MIN_SAMPLE = 20;
/** The sample changes as slowly as the shop's customers: read once a while per database, not per search. */
const SAMPLE_TTL_MS = 10 * 60_000;

/** Lower-cased emails, each with the share of the orders it stands for, and each trigram's share of them. */
export type EmailSample = { emails: string[]; weights: number[]; trigramShares: Map<string, number> };

const cached = new WeakMap<Database, { at: number; sample: Promise<EmailSample | null> }>();

/** The orders' email sample from pg_stats (the most common emails and the histogram's bounds), or null. */
export function emailSample(db: Database, now = Date.now()): Promise<EmailSample | null> {
  const hit = cached.get(db);
  if (hit && now - hit.at < SAMPLE_TTL_MS) return hit.sample;
  const sample = readEmailSample(db).catch(() => null);
  cached.set(db, { at: now, sample });
  // A stale sample serves the search while the new one is read.
  return hit ? hit.sample : sample;
}

async function readEmailSample(db: Database): Promise<EmailSample | null> {
  const rows = await db.execute<{ null_frac: number; common: string[] | null; common_freqs: number[] | null; bounds: string[] | null }>(sql`
    select null_frac, most_common_vals::text::text[] as common, most_common_freqs as common_freqs,
      histogram_bounds::text::text[] as bounds
    from pg_stats where schemaname = current_schema() and tablename = 'orders' and attname = 'email' and not inherited`);
  const row = rows[0];
  if (!row) return null;
  const common = row.common ?? [];
  const commonFreqs = row.common_freqs ?? [];
  const bounds = row.bounds ?? [];
  // The histogram's bounds share what the most common values leave.
  const rest = Math.max(0, 1 - row.null_frac - commonFreqs.reduce((a, b) => a + b, 0));
  return emailSampleOf([...common, ...bounds], [...commonFreqs, ...bounds.map(() => rest / bounds.length)]);
}

/** A sample of these emails, each standing for its weight's share of the orders. */
export function emailSampleOf(sampled: readonly string[], sampledWeights: readonly number[]): EmailSample | null {
  const emails = sampled.map((e) => e.toLowerCase());
  const total = sampledWeights.reduce((a, b) => a + b, 0);
  if (emails.length < MIN_SAMPLE || !(total > 0)) return null;
  const weights = sampledWeights.map((w) => w / total);
  const trigramShares = new Map<string, number>();
  emails.forEach((email, i) => {
    for (const trigram of new Set(trigramsOf(Array.from(email)).map((t) => t.text))) {
      trigramShares.set(trigram, (trigramShares.get(trigram) ?? 0) + weights[i]!);
    }
  });
  return { emails, weights, trigramShares };
}

// pg_trgm's trigrams are made of word characters (letters and digits); a separator ends a word. (Its padded
// trigrams at a word's ends are left out: the parts looked up are runs inside words.)
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

const isWordChar = (c: string) => (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || (c > "\u007f" && WORD_CHAR.test(c));

/** The trigrams of lower-cased characters, with where each starts. */
function trigramsOf(chars: string[]): { at: number; text: string }[] {
  const word = chars.map(isWordChar);
  const found: { at: number; text: string }[] = [];
  for (let at = 0; at + 3 <= chars.length; at++) {
    if (word[at] && word[at + 1] && word[at + 2]) found.push({ at, text: chars[at]! + chars[at + 1]! + chars[at + 2]! });
  }
  return found;
}

/**
 * The fragment's runs of cheap trigrams with a rare one among them, as substrings of it, for the index to look
 * up (each implied by the whole fragment); null when the index should look up the whole fragment.
 */
export function rareParts(fragment: string, sample: EmailSample | null): string[] | null {
  if (!sample) return null;
  const chars = Array.from(fragment);
  const lower = chars.map((c) => c.toLowerCase());
  // Common in the sample itself: a broad search, which the planner, estimating from the same sample, lists
  // from the created_at index (reading until a page is found) rather than from the trigram index.
  const whole = lower.join("");
  if (sample.emails.reduce((sum, email, i) => (email.includes(whole) ? sum + sample.weights[i]! : sum), 0) > RARE_SHARE) return null;

  const trigrams = trigramsOf(lower).map((t) => ({ ...t, share: sample.trigramShares.get(t.text) ?? 0 }));
  const cheap = trigrams.filter((t) => t.share <= CHEAP_SHARE);
  if (!cheap.some((t) => t.share <= RARE_SHARE) || cheap.length === trigrams.length) return null;
  // Overlapping cheap trigrams make one part: "r10000" rather than "r10", "100", "000".
  const parts: { from: number; to: number; rare: boolean }[] = [];
  for (const { at, share } of cheap) {
    const last = parts.at(-1);
    if (last && at <= last.to - 2) last.to = at + 3;
    else parts.push({ from: at, to: at + 3, rare: false });
    parts.at(-1)!.rare ||= share <= RARE_SHARE;
  }
  // A part without a rare trigram would only add walking: the rare parts find few enough.
  return parts.filter((p) => p.rare).map(({ from, to }) => chars.slice(from, to).join(""));
}
