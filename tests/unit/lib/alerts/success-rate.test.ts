// The success-rate alert's pure logic: the window's counts and rate, the top decline reasons, the state machine
// (one alert, silence while low, one recovery, no decision on too few payments) and the percentages it prints.
import { describe, expect, it } from "vitest";
import {
  type AlertThresholds,
  decide,
  isAlerting,
  isBelow,
  type OutcomeRow,
  ratePercent,
  summarizeWindow,
  type SuccessRateWindow,
  windowEndingAt,
  thresholdPercent,
  topDeclines,
} from "@/lib/alerts/success-rate";

const THRESHOLDS: AlertThresholds = { successRate: 0.85, minPayments: 20 };

/** A window of `succeeded` approvals and `failed` declines (code DECLINED). */
function windowOf(succeeded: number, failed: number): SuccessRateWindow {
  const rows: OutcomeRow[] = [
    { status: "succeeded", declineCode: null, count: succeeded },
    { status: "failed", declineCode: "DECLINED", count: failed },
  ];
  return summarizeWindow(rows);
}

describe("summarizeWindow", () => {
  it("counts succeeded against failed and expired, and computes the rate", () => {
    const window = summarizeWindow([
      { status: "succeeded", declineCode: null, count: 18 },
      { status: "failed", declineCode: "DECLINED", count: 9 },
      { status: "expired", declineCode: "AUTHENTICATION_FAILED", count: 3 },
    ]);
    expect(window).toEqual({
      succeeded: 18,
      failed: 12,
      total: 30,
      rate: 0.6,
      topDeclines: [
        { code: "DECLINED", count: 9 },
        { code: "AUTHENTICATION_FAILED", count: 3 },
      ],
    });
  });

  it("ignores attempts still in flight and empty groups", () => {
    const window = summarizeWindow([
      { status: "submitted", declineCode: null, count: 5 },
      { status: "requires_challenge", declineCode: null, count: 2 },
      { status: "succeeded", declineCode: null, count: 4 },
      { status: "failed", declineCode: "DECLINED", count: 0 },
    ]);
    expect(window).toMatchObject({ succeeded: 4, failed: 0, total: 4, rate: 1, topDeclines: [] });
  });

  it("has no rate without final attempts", () => {
    expect(summarizeWindow([])).toEqual({ succeeded: 0, failed: 0, total: 0, rate: null, topDeclines: [] });
  });

  it("adds up the same decline code across failed and expired, and names a missing code UNKNOWN", () => {
    const window = summarizeWindow([
      { status: "failed", declineCode: "AUTHENTICATION_FAILED", count: 2 },
      { status: "expired", declineCode: "AUTHENTICATION_FAILED", count: 3 },
      { status: "failed", declineCode: null, count: 1 },
      { status: "failed", declineCode: " ", count: 1 },
    ]);
    expect(window.topDeclines).toEqual([
      { code: "AUTHENTICATION_FAILED", count: 5 },
      { code: "UNKNOWN", count: 2 },
    ]);
  });
});

describe("topDeclines", () => {
  it("keeps the 3 most frequent codes, most first, ties by code", () => {
    const counts = new Map([
      ["INVALID_CARD", 2],
      ["DECLINED", 7],
      ["EXPIRED_CARD", 2],
      ["INSUFFICIENT_FUNDS", 4],
      ["AUTHENTICATION_FAILED", 1],
    ]);
    expect(topDeclines(counts)).toEqual([
      { code: "DECLINED", count: 7 },
      { code: "INSUFFICIENT_FUNDS", count: 4 },
      { code: "EXPIRED_CARD", count: 2 },
    ]);
    expect(topDeclines(counts, 1)).toEqual([{ code: "DECLINED", count: 7 }]);
    expect(topDeclines(new Map())).toEqual([]);
  });
});

describe("decide: the alert's state machine", () => {
  it("alerts once when the rate falls below the threshold and nothing is alerting", () => {
    expect(decide(windowOf(18, 12), false, THRESHOLDS)).toEqual({ action: "alert", kind: "success_rate_low" });
  });

  it("says nothing more while the rate stays low and the alert stands", () => {
    expect(decide(windowOf(18, 12), true, THRESHOLDS)).toEqual({ action: "none", reason: "still_low" });
    expect(decide(windowOf(0, 40), true, THRESHOLDS)).toEqual({ action: "none", reason: "still_low" });
  });

  it("recovers once when the rate is back at or above the threshold while alerting", () => {
    expect(decide(windowOf(68, 12), true, THRESHOLDS)).toEqual({ action: "recovered", kind: "success_rate_recovered" });
    expect(decide(windowOf(19, 1), true, THRESHOLDS)).toEqual({ action: "recovered", kind: "success_rate_recovered" });
  });

  it("stays quiet while healthy and not alerting", () => {
    expect(decide(windowOf(20, 0), false, THRESHOLDS)).toEqual({ action: "none", reason: "healthy" });
    expect(decide(windowOf(17, 3), false, THRESHOLDS)).toEqual({ action: "none", reason: "healthy" });
  });

  it("treats exactly the threshold as healthy (17 of 20 is 85%)", () => {
    expect(windowOf(17, 3).rate).toBeCloseTo(0.85);
    expect(decide(windowOf(17, 3), false, THRESHOLDS).action).toBe("none");
    expect(decide(windowOf(16, 4), false, THRESHOLDS).action).toBe("alert");
    expect(decide(windowOf(17, 3), true, THRESHOLDS).action).toBe("recovered");
  });

  it("makes no decision on fewer than minPayments final payments, whatever the state", () => {
    for (const alerting of [false, true]) {
      expect(decide(windowOf(0, 19), alerting, THRESHOLDS)).toEqual({ action: "none", reason: "too_few_payments" });
      expect(decide(windowOf(19, 0), alerting, THRESHOLDS)).toEqual({ action: "none", reason: "too_few_payments" });
      expect(decide(windowOf(0, 0), alerting, THRESHOLDS)).toEqual({ action: "none", reason: "too_few_payments" });
    }
    expect(decide(windowOf(0, 20), false, THRESHOLDS).action).toBe("alert");
    expect(decide(windowOf(0, 5), false, { successRate: 0.85, minPayments: 5 }).action).toBe("alert");
  });

  it("walks a whole episode: quiet, one alert, quiet while low, one recovery, quiet", () => {
    const windows = [windowOf(25, 0), windowOf(18, 12), windowOf(18, 12), windowOf(38, 12), windowOf(5, 5), windowOf(68, 12), windowOf(80, 0)];
    let latest: "success_rate_low" | "success_rate_recovered" | null = null;
    const actions: string[] = [];
    for (const window of windows) {
      const decision = decide(window, isAlerting(latest), THRESHOLDS);
      actions.push(decision.action === "none" ? `none:${decision.reason}` : decision.action);
      if (decision.action !== "none") latest = decision.kind;
    }
    expect(actions).toEqual(["none:healthy", "alert", "none:still_low", "none:still_low", "none:too_few_payments", "recovered", "none:healthy"]);
  });
});

describe("isAlerting", () => {
  it("follows the latest recorded alert", () => {
    expect(isAlerting(null)).toBe(false);
    expect(isAlerting("success_rate_low")).toBe(true);
    expect(isAlerting("success_rate_recovered")).toBe(false);
  });
});

describe("percentages", () => {
  it("prints a rate as a whole percentage rounded down, so a low rate never reads as the threshold", () => {
    expect(ratePercent(0.6)).toBe("60%");
    expect(ratePercent(0.62)).toBe("62%");
    expect(ratePercent(0.29)).toBe("29%");
    expect(ratePercent(0.849)).toBe("84%");
    expect(ratePercent(68 / 80)).toBe("85%");
    expect(ratePercent(1)).toBe("100%");
    expect(ratePercent(0)).toBe("0%");
  });

  it("prints the threshold with up to one decimal", () => {
    expect(thresholdPercent(0.85)).toBe("85%");
    expect(thresholdPercent(0.875)).toBe("87.5%");
    expect(thresholdPercent(0.9)).toBe("90%");
  });

  it("compares with a tolerance for floating point", () => {
    expect(isBelow(0.84, 0.85)).toBe(true);
    expect(isBelow(17 / 20, 0.85)).toBe(false);
    expect(isBelow(68 / 80, 0.85)).toBe(false);
    expect(isBelow(0.9, 0.85)).toBe(false);
  });
});

describe("windowEndingAt", () => {
  it("ends the window at the clock's millisecond rounded up, so an attempt finished within it is inside", () => {
    const { windowStart, windowEnd } = windowEndingAt(1_764_000_000_123.4, 15);
    expect(windowEnd.getTime()).toBe(1_764_000_000_124);
    // An attempt stamped 123.7 ms (microseconds kept by PostgreSQL) is not past the end.
    expect(1_764_000_000_123.7).toBeLessThanOrEqual(windowEnd.getTime());
    expect(windowEnd.getTime() - windowStart.getTime()).toBe(15 * 60_000);
  });

  it("keeps a reading on a whole millisecond as it is", () => {
    expect(windowEndingAt(1_764_000_000_123, 5).windowEnd.getTime()).toBe(1_764_000_000_123);
  });
});
