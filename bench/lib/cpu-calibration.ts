// Lighthouse's CPU slowdown calibrated to this host. Its default 4x assumes a fast desktop CPU (benchmarkIndex
// about 1500-2000, docs/throttling.md "Calibrating the CPU slowdown"); on a slower host 4x emulates a phone
// slower than Lighthouse's target. The multiplier for a benchmarkIndex is the piecewise-linear map of the
// Lighthouse team's CPU throttling calculator (lighthouse-cpu-throttling-calculator.vercel.app, source
// github.com/patrickhulce/lighthouse-cpu-throttling-calculator pages/index.js `computeMultiplierMessages`):
// 150 → 1x, 800 → 2x, 1300 → 3x, then +1x per 233 (1533 → 4x, 2000 → 6x). Pure.

/** The calibrated multiplier, one decimal (as the calculator shows it); null below 150 (too slow to emulate). */
export function calibratedCpuSlowdown(benchmarkIndex: number): number | null {
  if (!Number.isFinite(benchmarkIndex) || benchmarkIndex < 150) return null;
  const multiplier =
    benchmarkIndex >= 1300
      ? 3 + (benchmarkIndex - 1300) / 233
      : benchmarkIndex >= 800
        ? 2 + (benchmarkIndex - 800) / 500
        : 1 + (benchmarkIndex - 150) / 650;
  return Math.round(multiplier * 10) / 10;
}
