import { describe, expect, it } from "vitest";
import { medianSummary, type Report, summarizeReport } from "../../../bench/lighthouse";

/** A Lighthouse report with just what the bench reads. */
function report(figures: { score: number; fcp: number; tti: number; tbt: number; lcp: number; benchmarkIndex?: number }): Report {
  return {
    categories: { performance: { score: figures.score / 100 } },
    audits: {
      "first-contentful-paint": { numericValue: figures.fcp },
      interactive: { numericValue: figures.tti },
      "total-blocking-time": { numericValue: figures.tbt },
      "largest-contentful-paint": { numericValue: figures.lcp },
      "cumulative-layout-shift": { numericValue: 0 },
      "speed-index": { numericValue: figures.fcp },
    },
    environment: { benchmarkIndex: figures.benchmarkIndex ?? 1500 },
  };
}

describe("a Lighthouse run's summary", () => {
  it("reads the score, the metrics and the host's benchmarkIndex, and lists itself as its only run", () => {
    const summary = summarizeReport(report({ score: 88, fcp: 900, tti: 2000, tbt: 420, lcp: 1800, benchmarkIndex: 1234 }));
    expect(summary).toMatchObject({ performance: 88, tbtMs: 420, lcpMs: 1800, fcpMs: 900, benchmarkIndex: 1234, cpuSlowdown: 4 });
    expect(summary.runs).toEqual([{ performance: 88, tbtMs: 420, lcpMs: 1800, benchmarkIndex: 1234 }]);
  });
});

describe("the median of several Lighthouse runs", () => {
  it("is the run nearest the median FCP and TTI (Lighthouse's computeMedianRun), not an outlier", () => {
    const runs = [
      report({ score: 76, fcp: 1100, tti: 3200, tbt: 1174, lcp: 1430 }),
      report({ score: 93, fcp: 800, tti: 1700, tbt: 292, lcp: 1820 }),
      report({ score: 86, fcp: 950, tti: 2000, tbt: 481, lcp: 1900 }),
    ];
    const median = medianSummary(runs)!;
    expect(median).toMatchObject({ performance: 86, tbtMs: 481, lcpMs: 1900 });
    expect(median.runs.map((run) => run.tbtMs)).toEqual([1174, 292, 481]);
  });

  it("is nothing when no run succeeded", () => {
    expect(medianSummary([])).toBeNull();
  });
});
