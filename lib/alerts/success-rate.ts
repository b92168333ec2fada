// The success-rate alert's arithmetic and its state machine. Pure: counts in, a decision out. The job that reads
// the counts, records the decision and delivers it is ./check-success-rate.ts.
import type { AlertDecline, AlertKind } from "@/lib/db/schema";

/** How far back the check looks: card payments that reached a final status in the last 15 minutes. */
export const SUCCESS_RATE_WINDOW_MINUTES = 15;

/**
 * The window that ends at the database clock's reading `clockMs` (epoch ms, with its fraction). The end is
 * rounded up to the millisecond: updated_at keeps microseconds, and an attempt finished in the same millisecond
 * as the reading (a fast machine, a check right after a payment) must not fall just past the window's end.
 */
export function windowEndingAt(clockMs: number, minutes: number): { windowStart: Date; windowEnd: Date } {
  const windowEnd = new Date(Math.ceil(clockMs));
  return { windowStart: new Date(windowEnd.getTime() - minutes * 60_000), windowEnd };
}
/** How many decline reasons an alert names. */
export const TOP_DECLINES = 3;
/** A failed or expired attempt without a decline code is counted under this one. */
export const UNKNOWN_DECLINE = "UNKNOWN";

/** Final attempts of the window, grouped as the query returns them. */
export type OutcomeRow = { status: string; declineCode: string | null; count: number };

export type SuccessRateWindow = {
  succeeded: number;
  /** Failed and expired together: every final attempt that did not take the money. */
  failed: number;
  total: number;
  /** succeeded / total, 0..1; null when there were no final attempts. */
  rate: number | null;
  topDeclines: AlertDecline[];
};

/** The counts, the rate and the most frequent decline reasons of a window's final attempts. */
export function summarizeWindow(rows: readonly OutcomeRow[]): SuccessRateWindow {
  let succeeded = 0;
  let failed = 0;
  const declines = new Map<string, number>();
  for (const row of rows) {
    if (row.count <= 0) continue;
    if (row.status === "succeeded") succeeded += row.count;
    else if (row.status === "failed" || row.status === "expired") {
      failed += row.count;
      const code = row.declineCode?.trim() || UNKNOWN_DECLINE;
      declines.set(code, (declines.get(code) ?? 0) + row.count);
    }
  }
  const total = succeeded + failed;
  return { succeeded, failed, total, rate: total === 0 ? null : succeeded / total, topDeclines: topDeclines(declines) };
}

/** The `limit` most frequent codes, most first (ties by code, so the order is stable). */
export function topDeclines(counts: ReadonlyMap<string, number>, limit = TOP_DECLINES): AlertDecline[] {
  return [...counts.entries()]
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .slice(0, limit);
}

export type AlertThresholds = { successRate: number; minPayments: number };

export type AlertDecision =
  /** Fewer final payments than `minPayments`: too few to judge; the state stays as it is. */
  | { action: "none"; reason: "too_few_payments" }
  /** Nothing changed: still healthy, or still low and already alerted. */
  | { action: "none"; reason: "healthy" | "still_low" }
  | { action: "alert"; kind: "success_rate_low" }
  | { action: "recovered"; kind: "success_rate_recovered" };

/** Whether we are alerting now, from the latest recorded alert's kind (none yet: not alerting). */
export function isAlerting(latestKind: AlertKind | null): boolean {
  return latestKind === "success_rate_low";
}

/**
 * The state machine. Below the threshold and not alerting: one alert. Still low while alerting: nothing. At or
 * above the threshold while alerting: one recovery. Too few payments: no decision either way.
 */
export function decide(window: SuccessRateWindow, alerting: boolean, thresholds: AlertThresholds): AlertDecision {
  if (window.rate === null || window.total < thresholds.minPayments) return { action: "none", reason: "too_few_payments" };
  const low = isBelow(window.rate, thresholds.successRate);
  if (low && !alerting) return { action: "alert", kind: "success_rate_low" };
  if (!low && alerting) return { action: "recovered", kind: "success_rate_recovered" };
  return { action: "none", reason: low ? "still_low" : "healthy" };
}

/** Below the threshold, with a tolerance for floating point (17 of 20 is exactly 85%, not just under it). */
export function isBelow(rate: number, threshold: number): boolean {
  return rate < threshold - 1e-9;
}

/** A rate as a whole percentage, rounded down so that a rate below the threshold never reads as the threshold
 *  ("85% (below 85%)"): 0.6 → "60%", 0.849 → "84%". */
export function ratePercent(rate: number): string {
  return `${Math.floor(rate * 100 + 1e-9)}%`;
}

/** The threshold as configured, up to one decimal: 0.85 → "85%", 0.875 → "87.5%". */
export function thresholdPercent(threshold: number): string {
  return `${Math.round(threshold * 1000) / 10}%`;
}
