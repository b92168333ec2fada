// The dashboard's pure pieces: the period from the query string, buckets on Mexico City's clock, the figures as
// text and the chart's geometry.
import { describe, expect, it } from "vitest";
import {
  bucketAxisLabel,
  bucketDateTime,
  bucketLabel,
  bucketStarts,
  chartGeometry,
  fillBuckets,
  formatCount,
  formatDuration,
  formatPercent,
  niceCeiling,
  parsePeriod,
  periodRange,
  rate,
  timeZoneOffsetMs,
} from "@/lib/admin/dashboard-chart";

const MEXICO_CITY = "America/Mexico_City";
const NOW = new Date("2026-03-10T18:02:30.000Z");
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe("parsePeriod and periodRange", () => {
  it("reads 1h, 24h and 7d, and falls back to 24h", () => {
    expect(parsePeriod("1h")).toBe("1h");
    expect(parsePeriod("24h")).toBe("24h");
    expect(parsePeriod("7d")).toBe("7d");
    for (const other of [undefined, "", "30d", "1H", ["1h", "7d"]]) expect(parsePeriod(other)).toBe("24h");
  });

  it("ends the period now and starts it an hour, a day or 7 days before", () => {
    expect(periodRange("1h", NOW)).toEqual({ from: new Date("2026-03-10T17:02:30Z"), to: NOW });
    expect(periodRange("24h", NOW)).toEqual({ from: new Date("2026-03-09T18:02:30Z"), to: NOW });
    expect(periodRange("7d", NOW)).toEqual({ from: new Date("2026-03-03T18:02:30Z"), to: NOW });
  });

  it("divides only by something", () => {
    expect(rate(2, 8)).toBe(0.25);
    expect(rate(0, 3)).toBe(0);
    expect(rate(0, 0)).toBeNull();
  });
});

describe("bucketStarts", () => {
  it("cuts the last hour in 5-minute buckets on the clock, the first and last partial", () => {
    const starts = bucketStarts("1h", NOW, MEXICO_CITY);
    expect(starts).toHaveLength(13);
    expect(starts[0]!.toISOString()).toBe("2026-03-10T17:00:00.000Z");
    expect(starts[1]!.toISOString()).toBe("2026-03-10T17:05:00.000Z");
    expect(starts.at(-1)!.toISOString()).toBe("2026-03-10T18:00:00.000Z");
  });

  it("has no empty bucket at the end when now is on a bucket's edge", () => {
    const starts = bucketStarts("1h", new Date("2026-03-10T18:00:00Z"), MEXICO_CITY);
    expect(starts).toHaveLength(12);
    expect(starts.at(-1)!.toISOString()).toBe("2026-03-10T17:55:00.000Z");
  });

  it("cuts the last 24 hours in hours", () => {
    const starts = bucketStarts("24h", NOW, MEXICO_CITY);
    expect(starts).toHaveLength(25);
    expect(starts[0]!.toISOString()).toBe("2026-03-09T18:00:00.000Z");
    expect(starts.at(-1)!.toISOString()).toBe("2026-03-10T18:00:00.000Z");
  });

  it("cuts the last 7 days in Mexico City's calendar days (midnight there is 06:00 UTC)", () => {
    expect(iso(bucketStarts("7d", NOW, MEXICO_CITY))).toEqual([3, 4, 5, 6, 7, 8, 9, 10].map((d) => `2026-03-${String(d).padStart(2, "0")}T06:00:00.000Z`));
    // 23:30 on March 9th in Mexico City is already March 10th in UTC: the last bucket is still March 9th's.
    expect(bucketStarts("7d", new Date("2026-03-10T05:30:00Z"), MEXICO_CITY).at(-1)!.toISOString()).toBe("2026-03-09T06:00:00.000Z");
  });

  it("follows a daylight saving change in a zone that has one", () => {
    // New York moves to UTC-4 on March 8th, 2026.
    expect(iso(bucketStarts("7d", NOW, "America/New_York")).slice(4)).toEqual([
      "2026-03-07T05:00:00.000Z",
      "2026-03-08T05:00:00.000Z",
      "2026-03-09T04:00:00.000Z",
      "2026-03-10T04:00:00.000Z",
    ]);
    expect(timeZoneOffsetMs(new Date("2026-03-08T06:59:59Z"), "America/New_York")).toBe(-5 * 3_600_000);
    expect(timeZoneOffsetMs(new Date("2026-03-08T07:00:00Z"), "America/New_York")).toBe(-4 * 3_600_000);
    expect(timeZoneOffsetMs(NOW, MEXICO_CITY)).toBe(-6 * 3_600_000);
  });
});

describe("fillBuckets", () => {
  it("puts the database's counts (1-based) in their buckets and fills the others with zero", () => {
    const starts = bucketStarts("1h", new Date("2026-03-10T18:00:00Z"), MEXICO_CITY).slice(0, 4);
    const buckets = fillBuckets(starts, [
      { bucket: 2, payments: 4, succeeded: 3 },
      { bucket: 4, payments: 1, succeeded: 0 },
    ]);
    expect(buckets.map((b) => [b.start.toISOString(), b.payments, b.succeeded, b.successRate])).toEqual([
      ["2026-03-10T17:00:00.000Z", 0, 0, null],
      ["2026-03-10T17:05:00.000Z", 4, 3, 0.75],
      ["2026-03-10T17:10:00.000Z", 0, 0, null],
      ["2026-03-10T17:15:00.000Z", 1, 0, 0],
    ]);
  });
});

describe("text", () => {
  it("writes rates, counts and processing times in the reader's language", () => {
    expect(formatPercent(0.4, "en")).toBe("40%");
    expect(formatPercent(1 / 3, "en")).toBe("33.3%");
    expect(formatPercent(null, "en")).toBe("—");
    expect(formatCount(12345, "es-MX")).toBe("12,345");
    expect(formatDuration(850.4, "en")).toBe("850 ms");
    expect(formatDuration(999.6, "en")).toBe("1 sec");
    expect(formatDuration(5500, "en")).toBe("5.5 sec");
    expect(formatDuration(5500, "es-MX")).toBe("5.5 s");
    expect(formatDuration(334_500, "en")).toBe("5.6 min");
    expect(formatDuration(null, "en")).toBe("—");
  });

  it("labels buckets on Mexico City's clock", () => {
    const start = new Date("2026-03-07T18:05:00Z");
    expect(bucketAxisLabel(start, "5m", "en", MEXICO_CITY)).toBe("12:05");
    expect(bucketAxisLabel(start, "1d", "en", MEXICO_CITY)).toBe("Mar 7");
    expect(bucketLabel(start, "1h", "en", MEXICO_CITY)).toBe("Mar 7, 2026, 12:05");
    expect(bucketLabel(start, "1d", "es-MX", MEXICO_CITY)).toBe("7 mar 2026");
    expect(bucketDateTime(start, "5m", MEXICO_CITY)).toBe("2026-03-07T18:05:00.000Z");
    expect(bucketDateTime(new Date("2026-03-08T06:00:00Z"), "1d", MEXICO_CITY)).toBe("2026-03-08");
  });
});

describe("chartGeometry", () => {
  it("scales the payments axis to a whole middle tick", () => {
    expect([0, 1, 2, 3, 5, 9, 10, 11, 37, 100, 101].map(niceCeiling)).toEqual([2, 2, 2, 4, 6, 10, 10, 20, 40, 100, 200]);
  });

  it("draws a bar per bucket and the success rate as a line broken where there were no payments", () => {
    const chart = chartGeometry([
      { payments: 3, successRate: 2 / 3 },
      { payments: 0, successRate: null },
      { payments: 4, successRate: 0.5 },
      { payments: 1, successRate: 1 },
    ]);
    // Plot: x 44..672 (157 a bucket), y 12..212; payments up to 4 (top 4), rate 0..100 %.
    expect(chart.centers).toEqual([122.5, 279.5, 436.5, 593.5]);
    expect(chart.bars).toEqual([
      { x: 67.55, y: 62, width: 109.9, height: 150 },
      { x: 224.55, y: 212, width: 109.9, height: 0 },
      { x: 381.55, y: 12, width: 109.9, height: 200 },
      { x: 538.55, y: 162, width: 109.9, height: 50 },
    ]);
    expect(chart.points).toEqual([{ x: 122.5, y: 78.67 }, null, { x: 436.5, y: 112 }, { x: 593.5, y: 12 }]);
    expect(chart.ratePath).toBe("M122.5 78.67 M436.5 112 L593.5 12");
    expect(chart.volumeTicks).toEqual([
      { value: 0, y: 212 },
      { value: 2, y: 112 },
      { value: 4, y: 12 },
    ]);
    expect(chart.rateTicks.map((t) => t.y)).toEqual([212, 112, 12]);
    expect(chart.labelEvery).toBe(1);
  });

  it("labels about 8 buckets of many, and draws nothing for no payments at all", () => {
    expect(chartGeometry(Array.from({ length: 25 }, () => ({ payments: 0, successRate: null }))).labelEvery).toBe(4);
    const empty = chartGeometry(Array.from({ length: 13 }, () => ({ payments: 0, successRate: null })));
    expect(empty.ratePath).toBe("");
    expect(empty.bars.every((bar) => bar.height === 0)).toBe(true);
    expect(chartGeometry([]).bars).toEqual([]);
  });
});
