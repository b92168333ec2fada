// How old the Cheqpay API key is (CHEQPAY_API_KEY_CREATED_AT, a calendar date), and whether it is due for
// rotation. Pure: the back office's dashboard shows it and a daily job logs it.

/** Rotate the key at least this often. */
export const KEY_MAX_AGE_DAYS = 90;

export type KeyAgeStatus =
  /** CHEQPAY_API_KEY_CREATED_AT is not set: nobody knows how old the key is. */
  | { state: "unknown" }
  /** At most KEY_MAX_AGE_DAYS days old (a date in the future counts as 0 days). */
  | { state: "ok"; days: number; maxDays: number }
  /** Older than KEY_MAX_AGE_DAYS days: rotate it. */
  | { state: "rotate"; days: number; maxDays: number };

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * `createdAt` is a date like "2026-01-31" (or null when unset); `now` the moment asked about. The age is the number
 * of whole calendar days (UTC) from that date to `now`'s date: created today is 0 days old, yesterday 1.
 */
export function keyAgeStatus(createdAt: string | null | undefined, now: Date): KeyAgeStatus {
  if (createdAt === null || createdAt === undefined || createdAt.trim() === "") return { state: "unknown" };
  const created = parseDate(createdAt.trim());
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days = Math.max(0, Math.round((today - created) / DAY_MS));
  return { state: days > KEY_MAX_AGE_DAYS ? "rotate" : "ok", days, maxDays: KEY_MAX_AGE_DAYS };
}

function parseDate(value: string): number {
  const match = DATE.exec(value);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  // Date.UTC rolls "2026-02-30" over to March: such a date is refused, like any other malformed one.
  if (!match || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new RangeError(`The API key's creation date must be a date like 2026-01-31: ${value}`);
  }
  return time;
}
