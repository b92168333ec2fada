// The operations dashboard's pure pieces: the period asked for, its time buckets (aligned on the back office's
// clock), the figures as text, and the geometry of the chart drawn on the server as SVG.

export const PERIODS = ["1h", "24h", "7d"] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = "24h";

export type BucketUnit = "5m" | "1h" | "1d";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const UNIT_MS: Record<BucketUnit, number> = { "5m": 5 * MINUTE_MS, "1h": HOUR_MS, "1d": DAY_MS };

export const PERIOD_SETTINGS: Record<Period, { durationMs: number; unit: BucketUnit }> = {
  "1h": { durationMs: HOUR_MS, unit: "5m" },
  "24h": { durationMs: DAY_MS, unit: "1h" },
  "7d": { durationMs: 7 * DAY_MS, unit: "1d" },
};

/** `?period=` of the query string; anything else (missing, repeated, unknown) is the default. */
export function parsePeriod(value: string | string[] | undefined): Period {
  return typeof value === "string" && (PERIODS as readonly string[]).includes(value) ? (value as Period) : DEFAULT_PERIOD;
}

/** The period as a half-open range [from, to): the last hour, day or 7 days up to `now`. */
export function periodRange(period: Period, now: Date): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - PERIOD_SETTINGS[period].durationMs), to: new Date(now.getTime()) };
}

/** A fraction (0..1), or null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

// --- Buckets ---------------------------------------------------------------------------------------------

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at `date`, in ms (Mexico City: -6 h). */
export function timeZoneOffsetMs(date: Date, timeZone: string): number {
  let format = offsetFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    offsetFormatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour) % 24, Number(parts.minute), Number(parts.second));
  return wall - (date.getTime() - date.getUTCMilliseconds());
}

/** The instant at which `timeZone`'s wall clock reads `wallMs` (a wall-clock time written as if it were UTC). */
function fromWallClock(wallMs: number, timeZone: string): number {
  const guess = wallMs - timeZoneOffsetMs(new Date(wallMs), timeZone);
  return wallMs - timeZoneOffsetMs(new Date(guess), timeZone);
}

/**
 * The starts of the buckets covering the period, in order: 5 minutes, an hour or a (calendar) day of the back
 * office's clock. The first starts at or before `from`, the last before `to`: the first and last are partial.
 */
export function bucketStarts(period: Period, now: Date, timeZone: string): Date[] {
  const { unit } = PERIOD_SETTINGS[period];
  const { from, to } = periodRange(period, now);
  const step = UNIT_MS[unit];
  const fromWall = from.getTime() + timeZoneOffsetMs(from, timeZone);
  const starts: Date[] = [];
  for (let wall = Math.floor(fromWall / step) * step; ; wall += step) {
    const start = fromWallClock(wall, timeZone);
    if (start >= to.getTime()) break;
    starts.push(new Date(start));
  }
  return starts;
}

export type BucketCounts = { bucket: number; payments: number; succeeded: number };
export type Bucket = { start: Date; payments: number; succeeded: number; successRate: number | null };

/** The database's counts per bucket (1-based index into `starts`, as width_bucket gives them), with the
 *  empty buckets filled in. */
export function fillBuckets(starts: readonly Date[], counts: readonly BucketCounts[]): Bucket[] {
  const byIndex = new Map(counts.map((c) => [c.bucket, c]));
  return starts.map((start, index) => {
    const found = byIndex.get(index + 1);
    const payments = found?.payments ?? 0;
    const succeeded = found?.succeeded ?? 0;
    return { start, payments, succeeded, successRate: rate(succeeded, payments) };
  });
}

// --- Text ------------------------------------------------------------------------------------------------

export const NO_VALUE = "—";

export function formatPercent(value: number | null, locale: string): string {
  if (value === null) return NO_VALUE;
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value);
}

export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A processing time: "850 ms" under a second, "1.3 s" under a minute, "2.5 min" beyond. */
export function formatDuration(ms: number | null, locale: string): string {
  if (ms === null) return NO_VALUE;
  const unit = (u: string, value: number, digits: number) =>
    new Intl.NumberFormat(locale, { style: "unit", unit: u, unitDisplay: "short", maximumFractionDigits: digits }).format(value);
  if (Math.round(ms) < 1000) return unit("millisecond", Math.round(ms), 0);
  if (ms < 60_000) return unit("second", ms / 1000, 1);
  return unit("minute", ms / 60_000, 1);
}

/** The bucket's short label under the chart: "14:05", "14:00" or "Mar 7". */
export function bucketAxisLabel(start: Date, unit: BucketUnit, locale: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions =
    unit === "1d" ? { month: "short", day: "numeric", timeZone } : { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone };
  return new Intl.DateTimeFormat(locale, options).format(start);
}

/** The bucket's full label in the table: "Mar 7, 2026" or "Mar 7, 2026, 14:05". */
export function bucketLabel(start: Date, unit: BucketUnit, locale: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions =
    unit === "1d" ? { dateStyle: "medium", timeZone } : { dateStyle: "medium", timeStyle: "short", hourCycle: "h23", timeZone };
  return new Intl.DateTimeFormat(locale, options).format(start);
}

/** A `<time dateTime>` for the bucket: the back office's calendar date for a day, else the instant. */
export function bucketDateTime(start: Date, unit: BucketUnit, timeZone: string): string {
  if (unit !== "1d") return start.toISOString();
  const wall = new Date(start.getTime() + timeZoneOffsetMs(start, timeZone));
  return wall.toISOString().slice(0, 10);
}

// --- Chart geometry --------------------------------------------------------------------------------------

export const CHART = { width: 720, height: 240, left: 44, right: 48, top: 12, bottom: 28 } as const;

export type ChartBar = { x: number; y: number; width: number; height: number };
export type ChartPoint = { x: number; y: number };
export type ChartTick = { y: number; value: number };
export type ChartGeometry = {
  bars: ChartBar[];
  /** The success-rate line: one "M…L…" run per stretch of buckets that had payments (empty ones break it). */
  ratePath: string;
  /** The line's points (null where the bucket had no payments), one per bucket. */
  points: (ChartPoint | null)[];
  /** Bucket centres along the x axis. */
  centers: number[];
  /** Payments axis (left): 0, half and the top of the scale. */
  volumeTicks: ChartTick[];
  /** Success-rate axis (right): 0, 50 % and 100 %. */
  rateTicks: ChartTick[];
  /** Label every n-th bucket on the x axis (about 8 labels at most). */
  labelEvery: number;
};

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The top of the payments axis: the smallest 2, 4, 6, 8 or 10 × 10^k not below `max` (at least 2), so that the
 *  middle tick is a whole number too. */
export function niceCeiling(max: number): number {
  if (max <= 2) return 2;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 4, 6, 8]) if (step * power >= max && (step * power) % 2 === 0) return step * power;
  return 10 * power;
}

export function chartGeometry(buckets: readonly Pick<Bucket, "payments" | "successRate">[]): ChartGeometry {
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const bottom = CHART.top + plotHeight;
  const slot = buckets.length > 0 ? plotWidth / buckets.length : plotWidth;
  const barWidth = Math.max(1, slot * 0.7);
  const top = niceCeiling(Math.max(0, ...buckets.map((b) => b.payments)));
  const yOfCount = (count: number) => bottom - (count / top) * plotHeight;
  const yOfRate = (value: number) => bottom - value * plotHeight;

  const centers = buckets.map((_, i) => round2(CHART.left + slot * i + slot / 2));
  const bars = buckets.map((b, i) => ({
    x: round2(centers[i]! - barWidth / 2),
    y: round2(yOfCount(b.payments)),
    width: round2(barWidth),
    height: round2(bottom - yOfCount(b.payments)),
  }));
  const points = buckets.map((b, i) => (b.successRate === null ? null : { x: centers[i]!, y: round2(yOfRate(b.successRate)) }));
  let ratePath = "";
  points.forEach((point, i) => {
    if (!point) return;
    ratePath += `${ratePath && points[i - 1] ? " L" : ratePath ? " M" : "M"}${point.x} ${point.y}`;
  });
  return {
    bars,
    ratePath,
    points,
    centers,
    volumeTicks: [0, top / 2, top].map((value) => ({ value, y: round2(yOfCount(value)) })),
    rateTicks: [0, 0.5, 1].map((value) => ({ value, y: round2(yOfRate(value)) })),
    labelEvery: Math.max(1, Math.ceil(buckets.length / 8)),
  };
}
