import { describe, expect, it } from "vitest";
import { type BenchMetrics, markdownTable, rows, summaryLine } from "../../../bench/report";

const passing: BenchMetrics = {
  checkoutJsGzipKB: 170,
  orderPageJsGzipKB: 150,
  homeJsGzipKB: 140,
  floorJsGzipKB: 132,
  paymentP50Ms: 10,
  paymentP99Ms: 30,
  floorP50Ms: 6,
  floorP99Ms: 12,
  paymentsPerSecond: 300,
  trivialActionsPerSecond: 850,
  sandboxCreatesPerSecond: 2500,
  appCpuMsPerPayment: 3.2,
  appCpuMsPerTrivialAction: 1.1,
  appCoresDuringPayments: 0.96,
  smallOrders: 1000,
  largeOrders: 1_000_000,
  latencySmallP50Ms: 10,
  latencyLargeP50Ms: 11.9,
  floorLargeP50Ms: 6.5,
  searchSmallP95Ms: 3,
  searchLargeP95Ms: 49,
  successRateSmallP95Ms: 2,
  successRateLargeP95Ms: 4,
  lighthousePerformance: 95,
  lighthouseLcpMs: 1800,
  lighthouseTbtMs: 90,
  lighthouseCls: 0.01,
  lighthouseFloorPerformance: 100,
  lighthouseFloorLcpMs: 900,
  lighthouseFloorTbtMs: 40,
  lighthouseFloorCls: 0,
  lighthouseRuns: 1,
  lighthouseFloorRuns: 1,
  lighthousePerformanceRange: [95, 95],
  lighthouseTbtRangeMs: [90, 90],
  lighthouseFloorPerformanceRange: [100, 100],
  lighthouseFloorTbtRangeMs: [40, 40],
  lighthouseBenchmarkIndex: 900,
  lighthouseFloorBenchmarkIndex: 950,
  lighthouseCalibratedCpuSlowdown: 2.2,
  lighthouseCalibratedPerformance: 99,
  lighthouseCalibratedTbtMs: 30,
  lighthouseFloorCalibratedPerformance: 100,
  lighthouseFloorCalibratedTbtMs: 0,
  createRequestsFor100ConcurrentSubmits: 1,
  chargesFor100ConcurrentSubmits: 1,
};

const verdicts = (m: BenchMetrics) => Object.fromEntries(rows(m).map((row) => [row.measure, row.pass]));

describe("the issue's targets", () => {
  it("passes figures within every target (at the edge where the target allows it)", () => {
    const failed = rows(passing).filter((row) => row.pass === false);
    expect(failed).toEqual([]);
    expect(rows(passing).filter((row) => row.pass === true)).toHaveLength(11);
  });

  it("fails each target just past its edge", () => {
    const cases: [Partial<BenchMetrics>, string][] = [
      [{ checkoutJsGzipKB: 172.1 }, "/checkout client JS (gzip)"],
      [{ paymentP50Ms: 11.1 }, "Payment p50 (overhead over floor)"],
      [{ paymentP99Ms: 32.1 }, "Payment p99 (overhead over floor)"],
      [{ paymentsPerSecond: 297 }, "Payments/s at 20 concurrent"],
      [{ sandboxCreatesPerSecond: 1999 }, "Sandbox creates/s"],
      [{ latencyLargeP50Ms: 12.1 }, "Payment p50 at 1,000,000 vs 1,000 orders"],
      [{ searchLargeP95Ms: 50 }, "Order search p95 at 1,000,000 orders (worst search)"],
      [{ lighthousePerformance: 94 }, "Lighthouse performance (mobile)"],
      [{ lighthouseTbtMs: 100 }, "Lighthouse TBT"],
      [{ lighthouseCls: 0.05 }, "Lighthouse CLS"],
      [{ chargesFor100ConcurrentSubmits: 2 }, "100 concurrent identical submits"],
      [{ createRequestsFor100ConcurrentSubmits: 0 }, "100 concurrent identical submits"],
    ];
    for (const [change, measure] of cases) {
      const result = verdicts({ ...passing, ...change });
      expect(result[measure], measure).toBe(false);
      expect(Object.values(result).filter((v) => v === false), measure).toHaveLength(1);
    }
  });

  it("judges nothing it did not measure", () => {
    const result = verdicts({ ...passing, lighthousePerformance: null, floorJsGzipKB: null });
    expect(result["Lighthouse performance (mobile)"]).toBeNull();
    expect(result["/checkout client JS (gzip)"]).toBeNull();
  });
});

describe("the output", () => {
  it("is a Markdown table with a row per measure and failures in bold", () => {
    const table = markdownTable(rows({ ...passing, lighthouseTbtMs: 250 })).split("\n");
    expect(table[0]).toBe("| Measure | Value | Floor (same run) | Target | Result |");
    expect(table).toHaveLength(2 + rows(passing).length);
    expect(table.find((line) => line.startsWith("| Lighthouse TBT"))).toBe("| Lighthouse TBT | 250 ms | 40 ms | < 100 ms | **fail** |");
  });

  it("shows the floor's Lighthouse beside the checkout's, and the calibrated run as a second, unjudged figure", () => {
    const table = markdownTable(rows({ ...passing, lighthouseCalibratedTbtMs: 900 })).split("\n");
    expect(table.find((line) => line.startsWith("| Lighthouse performance"))).toBe("| Lighthouse performance (mobile) | 95 | 100 | ≥ 95 | pass |");
    expect(table.find((line) => line.startsWith("| Lighthouse benchmarkIndex"))).toBe("| Lighthouse benchmarkIndex (host CPU; higher is faster) | 900 | 950 |  |  |");
    expect(table.find((line) => line.startsWith("| Lighthouse at calibrated"))).toBe(
      "| Lighthouse at calibrated CPU slowdown 2.2x (benchmarkIndex 900) | score 99, TBT 900 ms | score 100, TBT 0 ms |  |  |",
    );
  });

  it("shows the median run's Lighthouse figures with the runs' range when there were several, and judges the median", () => {
    const several = {
      ...passing,
      lighthouseRuns: 5,
      lighthouseFloorRuns: 4,
      lighthousePerformance: 86,
      lighthousePerformanceRange: [74, 93] as [number, number],
      lighthouseTbtMs: 481,
      lighthouseTbtRangeMs: [292, 1174] as [number, number],
    };
    const table = markdownTable(rows(several)).split("\n");
    expect(table.find((line) => line.startsWith("| Lighthouse performance"))).toBe(
      "| Lighthouse performance (mobile) | 86 (5 runs: 74-93) | 100 (4 runs: 100-100) | ≥ 95 | **fail** |",
    );
    expect(table.find((line) => line.startsWith("| Lighthouse TBT"))).toBe(
      "| Lighthouse TBT | 481 ms (5 runs: 292-1174 ms) | 40 ms (4 runs: 40-40 ms) | < 100 ms | **fail** |",
    );
    expect(JSON.parse(summaryLine(several)).lighthouseTbtRangeMs).toEqual([292, 1174]);
  });

  it("shows the app's CPU per payment beside its CPU per trivial action, unjudged", () => {
    const row = rows(passing).find((r) => r.measure.startsWith("App CPU per request"));
    expect(row).toMatchObject({ value: "3.2 ms per payment (app at 0.96 cores)", floor: "1.1 ms per trivial action", pass: null });
  });

  it("ends with one JSON line holding the issue's keys", () => {
    const line = summaryLine({ ...passing, paymentP50Ms: 10.123 }, { quick: true });
    expect(line).not.toContain("\n");
    const parsed = JSON.parse(line) as Record<string, unknown>;
    for (const key of [
      "checkoutJsGzipKB",
      "floorJsGzipKB",
      "paymentP50Ms",
      "paymentP99Ms",
      "floorP50Ms",
      "floorP99Ms",
      "paymentsPerSecond",
      "trivialActionsPerSecond",
      "sandboxCreatesPerSecond",
      "lighthousePerformance",
      "lighthouseFloorTbtMs",
      "lighthouseBenchmarkIndex",
      "chargesFor100ConcurrentSubmits",
    ]) {
      expect(parsed, key).toHaveProperty(key);
    }
    expect(parsed.paymentP50Ms).toBe(10.12);
    expect(parsed.targetsFailed).toBe(0);
    expect(parsed.quick).toBe(true);
  });
});
