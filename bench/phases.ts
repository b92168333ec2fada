// The run's phases in order, each timed against its floor, and the figures they give. Payment latency at the
// small size is the main latency run (the database then holds about `smallOrders` orders).
import { pageJs } from "./client-js";
import { startFloorApp } from "./floor-build";
import { concurrentIdenticalSubmits } from "./idempotency";
import { makeCarts } from "./lib/carts";
import type { BenchContext } from "./lib/context";
import { payGuest, ping } from "./lib/shopper";
import { round2 } from "./lib/stats";
import { calibratedCpuSlowdown } from "./lib/cpu-calibration";
import { lighthouseMedians, type LighthouseResult, type RunFigures } from "./lighthouse";
import { measureLatency } from "./payment-latency";
import type { BenchMetrics } from "./report";
import { seedOrdersUpTo, timeQueries } from "./scale";
import { paymentThroughput, type Rate, sandboxThroughput, trivialActionThroughput } from "./throughput";

export type Phases = { metrics: BenchMetrics; details: Record<string, unknown> };

const WARM_UP_PAYMENTS = 10;
const WARM_UP_PINGS = 50;

export async function runPhases(ctx: BenchContext, floorBuild: Promise<{ dir: string }>): Promise<Phases> {
  const { sql } = ctx.pool;
  const { settings, log } = ctx;
  const details: Record<string, unknown> = {};
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const value = await work();
    log(`${name}: ${Math.round((Date.now() - started) / 100) / 10} s`);
    return value;
  };

  const smallOrders = await phase(`seed ${settings.smallOrders} orders`, () => seedOrdersUpTo(sql, settings.smallOrders));

  // Warm-up (not measured): JIT, connection pools, the first render of each route.
  const orderUrl = await phase("warm-up", async () => {
    let url = "";
    for (const cookie of await makeCarts(sql, WARM_UP_PAYMENTS)) url = await payGuest(ctx, cookie);
    for (let i = 0; i < WARM_UP_PINGS; i++) await ping(ctx, i);
    return url;
  });

  const js = await phase("client JS", async () => {
    const [cookie] = await makeCarts(sql, 1);
    const checkout = await pageJs(`${ctx.app.url}/checkout`, cookie);
    const orderPage = await pageJs(`${ctx.app.url}${orderUrl}`);
    const home = await pageJs(`${ctx.app.url}/`);
    const floor = await startFloorApp(ctx.repoRoot, (await floorBuild).dir);
    try {
      return { checkout, orderPage, home, floor: await pageJs(`${floor.url}/`) };
    } finally {
      await floor.stop();
    }
  });
  details.clientJs = js;

  const latency = await phase(`payment latency (${settings.latencyPayments} + ${settings.latencyPayments} floor)`, () =>
    measureLatency(ctx, settings.latencyPayments),
  );
  details.latency = { ...latency, orders: smallOrders };

  const smallQueries = await phase("queries at the small size", () => timeQueries(ctx));
  details.queriesSmall = { orders: smallOrders, ...smallQueries };

  const idempotency = await phase("100 concurrent identical submits", () => concurrentIdenticalSubmits(ctx, 100));
  details.idempotency = idempotency;

  const lh = await phase(`lighthouse (checkout and floor, median of ${settings.lighthouseRuns}, then of ${settings.lighthouseCalibratedRuns} at the calibrated CPU slowdown)`, () => lighthouseRuns(ctx, floorBuild));
  details.lighthouse = lh;

  const payments = await phase("throughput: payments", () => paymentThroughput(ctx));
  const trivial = await phase("throughput: trivial action", () => trivialActionThroughput(ctx));
  const sandboxRate = await phase("throughput: sandbox", () => sandboxThroughput(ctx));
  details.throughput = { payments, trivial, sandboxCreatesPerSecond: sandboxRate, concurrency: settings.concurrency };

  const largeOrders = await phase(`seed up to ${settings.largeOrders} orders`, () => seedOrdersUpTo(sql, settings.largeOrders));
  // Quick runs take half as many here (time): p50s of 50 and 100 samples still compare.
  const largeCount = settings.quick ? Math.ceil(settings.latencyPayments / 2) : settings.latencyPayments;
  const largeLatency = await phase(`payment latency at ${largeOrders} orders`, () => measureLatency(ctx, largeCount));
  const largeQueries = await phase("queries at the large size", () => timeQueries(ctx));
  // The floor at this size too: what the bigger tables cost any checkout, apart from what they cost ours.
  details.scaleLarge = { orders: largeOrders, latency: largeLatency.app, floorLatency: largeLatency.floor, ...largeQueries };

  const metrics: BenchMetrics = {
    checkoutJsGzipKB: js.checkout.gzipKB,
    orderPageJsGzipKB: js.orderPage.gzipKB,
    homeJsGzipKB: js.home.gzipKB,
    floorJsGzipKB: js.floor.gzipKB,
    paymentP50Ms: latency.app.p50,
    paymentP99Ms: latency.app.p99,
    floorP50Ms: latency.floor.p50,
    floorP99Ms: latency.floor.p99,
    paymentsPerSecond: payments.perSecond,
    trivialActionsPerSecond: trivial.perSecond,
    sandboxCreatesPerSecond: sandboxRate,
    appCpuMsPerPayment: cpuMsPerRequest(payments),
    appCpuMsPerTrivialAction: cpuMsPerRequest(trivial),
    appCoresDuringPayments: payments.cores?.app ?? null,
    smallOrders,
    largeOrders,
    latencySmallP50Ms: latency.app.p50,
    latencyLargeP50Ms: largeLatency.app.p50,
    floorLargeP50Ms: largeLatency.floor.p50,
    searchSmallP95Ms: smallQueries.worstSearchP95,
    searchLargeP95Ms: largeQueries.worstSearchP95,
    successRateSmallP95Ms: smallQueries.successRate.p95,
    successRateLargeP95Ms: largeQueries.successRate.p95,
    lighthousePerformance: lh.checkout?.performance ?? null,
    lighthouseLcpMs: lh.checkout?.lcpMs ?? null,
    lighthouseTbtMs: lh.checkout?.tbtMs ?? null,
    lighthouseCls: lh.checkout?.cls ?? null,
    lighthouseFloorPerformance: lh.floor?.performance ?? null,
    lighthouseFloorLcpMs: lh.floor?.lcpMs ?? null,
    lighthouseFloorTbtMs: lh.floor?.tbtMs ?? null,
    lighthouseFloorCls: lh.floor?.cls ?? null,
    lighthouseRuns: lh.checkout?.runs.length ?? null,
    lighthouseFloorRuns: lh.floor?.runs.length ?? null,
    lighthousePerformanceRange: rangeOf(lh.checkout, (run) => run.performance),
    lighthouseTbtRangeMs: rangeOf(lh.checkout, (run) => run.tbtMs),
    lighthouseFloorPerformanceRange: rangeOf(lh.floor, (run) => run.performance),
    lighthouseFloorTbtRangeMs: rangeOf(lh.floor, (run) => run.tbtMs),
    lighthouseBenchmarkIndex: lh.checkout?.benchmarkIndex ?? null,
    lighthouseFloorBenchmarkIndex: lh.floor?.benchmarkIndex ?? null,
    lighthouseCalibratedCpuSlowdown: lh.calibratedCpuSlowdown,
    lighthouseCalibratedPerformance: lh.calibratedCheckout?.performance ?? null,
    lighthouseCalibratedTbtMs: lh.calibratedCheckout?.tbtMs ?? null,
    lighthouseFloorCalibratedPerformance: lh.calibratedFloor?.performance ?? null,
    lighthouseFloorCalibratedTbtMs: lh.calibratedFloor?.tbtMs ?? null,
    createRequestsFor100ConcurrentSubmits: idempotency.createRequests,
    chargesFor100ConcurrentSubmits: idempotency.charges,
  };
  for (const key of Object.keys(metrics) as (keyof BenchMetrics)[]) {
    const value = metrics[key];
    if (typeof value === "number") (metrics as Record<keyof BenchMetrics, unknown>)[key] = round2(value);
  }
  return { metrics, details };
}

/** The app's CPU milliseconds per completed request in a throughput run; null without a CPU reading. */
function cpuMsPerRequest(rate: Rate): number | null {
  return rate.cores && rate.perSecond > 0 ? (rate.cores.app / rate.perSecond) * 1000 : null;
}

/** The lowest and highest of a figure over a median's runs. */
function rangeOf(result: LighthouseResult | null, figure: (run: RunFigures) => number): [number, number] | null {
  if (!result) return null;
  const values = result.runs.map(figure);
  return [Math.min(...values), Math.max(...values)];
}

type LighthouseRuns = {
  checkout: LighthouseResult | null;
  floor: LighthouseResult | null;
  /** From the checkout run's benchmarkIndex (null: too slow a host, or no run). */
  calibratedCpuSlowdown: number | null;
  calibratedCheckout: LighthouseResult | null;
  calibratedFloor: LighthouseResult | null;
};

/**
 * Lighthouse on /checkout and on the floor app, interleaved (the same machine states), the median of
 * `lighthouseRuns` runs each with the default settings; then both again at the CPU slowdown calibrated
 * from the benchmarkIndex, a second figure that never replaces the first. A failed run is logged and left out.
 */
async function lighthouseRuns(ctx: BenchContext, floorBuild: Promise<{ dir: string }>): Promise<LighthouseRuns> {
  const [cookie] = await makeCarts(ctx.pool.sql, 1);
  const checkoutUrl = `${ctx.app.url}/checkout`;
  const floor = await startFloorApp(ctx.repoRoot, (await floorBuild).dir);
  try {
    const floorUrl = `${floor.url}/`;
    const { lighthouseRuns: runs, lighthouseCalibratedRuns: calibratedRuns } = ctx.settings;
    const { checkout, floor: floorRun } = await lighthouseMedians(
      ctx.repoRoot,
      { checkout: { url: checkoutUrl, options: { cookie } }, floor: { url: floorUrl } },
      runs,
      ctx.log,
    );
    const index = checkout?.benchmarkIndex ?? floorRun?.benchmarkIndex ?? Number.NaN;
    const slowdown = calibratedCpuSlowdown(index);
    ctx.log(`lighthouse benchmarkIndex ${Math.round(index)}: calibrated CPU slowdown ${slowdown ?? "none"} (default 4)`);
    if (slowdown === null) return { checkout, floor: floorRun, calibratedCpuSlowdown: null, calibratedCheckout: null, calibratedFloor: null };
    const calibrated = await lighthouseMedians(
      ctx.repoRoot,
      { checkout: { url: checkoutUrl, options: { cookie, cpuSlowdown: slowdown } }, floor: { url: floorUrl, options: { cpuSlowdown: slowdown } } },
      calibratedRuns,
      ctx.log,
    );
    return { checkout, floor: floorRun, calibratedCpuSlowdown: slowdown, calibratedCheckout: calibrated.checkout, calibratedFloor: calibrated.floor };
  } finally {
    await floor.stop();
  }
}
