// Lighthouse (mobile, simulated throttling: its defaults) through its CLI and the machine's Chromium, accepting
// the app's self-signed certificate: on /checkout with a cart, and on the floor app's page (the same run's
// floor: what any Next.js page costs on this machine). Each report's benchmarkIndex (the host's CPU speed as
// Lighthouse measures it) is kept; a second, calibrated run may set the CPU slowdown (lib/cpu-calibration.ts).
// One run on this shared host varies a lot (TBT 300-1,100 ms for one build), so a figure is the median of several
// runs, as Lighthouse's own docs advise (docs/variability.md), chosen by its computeMedianRun.
import { spawn } from "node:child_process";
import path from "node:path";
import { computeMedianRun } from "lighthouse/core/lib/median-run.js";

export type LighthouseResult = {
  performance: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  fcpMs: number;
  speedIndexMs: number;
  /** Lighthouse's measure of the host CPU (report `environment.benchmarkIndex`). */
  benchmarkIndex: number;
  /** The CPU slowdown the run simulated (4: Lighthouse's default). */
  cpuSlowdown: number;
  /** Script evaluation time (ms, scaled by the slowdown as Lighthouse reports it) by script, the largest first. */
  bootup: { url: string; scriptingMs: number }[];
  /** Every run's headline figures when this is the median of several (one entry for a single run). */
  runs: RunFigures[];
};

export type RunFigures = { performance: number; tbtMs: number; lcpMs: number; benchmarkIndex: number };

export type Report = {
  categories: { performance: { score: number } };
  audits: Record<string, { numericValue?: number; details?: { items?: Record<string, unknown>[] } }>;
  environment?: { benchmarkIndex?: number };
  configSettings?: { throttling?: { cpuSlowdownMultiplier?: number } };
};

export type LighthouseOptions = {
  cookie?: string;
  /** Unset: Lighthouse's default (4x). */
  cpuSlowdown?: number;
};

export type LighthouseTarget = { url: string; options?: LighthouseOptions };

/**
 * `runs` Lighthouse runs on each target, interleaved (a, b, a, b…: both see the same machine states), and each
 * target's median run. A failed run is logged and left out; a target with no run left is null.
 */
export async function lighthouseMedians<K extends string>(
  repoRoot: string,
  targets: Record<K, LighthouseTarget>,
  runs: number,
  log: (message: string) => void,
): Promise<Record<K, LighthouseResult | null>> {
  const names = Object.keys(targets) as K[];
  const reports = new Map<K, Report[]>(names.map((name) => [name, []]));
  for (let run = 1; run <= runs; run++) {
    for (const name of names) {
      const { url, options } = targets[name];
      try {
        reports.get(name)!.push(await lighthouseReport(repoRoot, url, options));
      } catch (error) {
        log(`lighthouse (${name}, run ${run} of ${runs}) failed: ${String(error).slice(0, 500)}`);
      }
    }
  }
  return Object.fromEntries(names.map((name) => [name, medianSummary(reports.get(name)!)])) as Record<K, LighthouseResult | null>;
}

/** The median run's summary (nearest the median FCP and TTI), with every run's figures; null for no run. */
export function medianSummary(reports: Report[]): LighthouseResult | null {
  if (reports.length === 0) return null;
  const median = computeMedianRun(reports as unknown as Parameters<typeof computeMedianRun>[0]) as unknown as Report;
  return { ...summarizeReport(median), runs: reports.map((report) => figuresOf(summarizeReport(report))) };
}

const figuresOf = ({ performance, tbtMs, lcpMs, benchmarkIndex }: RunFigures): RunFigures => ({ performance, tbtMs, lcpMs, benchmarkIndex });

async function lighthouseReport(repoRoot: string, url: string, options: LighthouseOptions = {}): Promise<Report> {
  const cli = path.join(repoRoot, "node_modules", "lighthouse", "cli", "index.js");
  const args = [
    cli,
    url,
    "--output=json",
    "--output-path=stdout",
    "--quiet",
    "--only-categories=performance",
    "--form-factor=mobile",
    "--throttling-method=simulate",
    "--chrome-flags=--headless=new --no-sandbox --ignore-certificate-errors",
    ...(options.cookie ? [`--extra-headers=${JSON.stringify({ cookie: options.cookie })}`] : []),
    ...(options.cpuSlowdown ? [`--throttling.cpuSlowdownMultiplier=${options.cpuSlowdown}`] : []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let errors = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString("utf8")));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`lighthouse exited ${code}: ${errors.slice(-2000)}`);
  return JSON.parse(output) as Report;
}

export function summarizeReport(report: Report): LighthouseResult {
  const audit = (id: string) => report.audits[id]?.numericValue ?? Number.NaN;
  const bootup = (report.audits["bootup-time"]?.details?.items ?? [])
    .map((item) => ({ url: String(item.url), scriptingMs: Math.round(Number(item.scripting) || 0) }))
    .sort((a, b) => b.scriptingMs - a.scriptingMs)
    .slice(0, 8);
  const summary = {
    performance: Math.round(report.categories.performance.score * 100),
    lcpMs: audit("largest-contentful-paint"),
    tbtMs: audit("total-blocking-time"),
    cls: audit("cumulative-layout-shift"),
    fcpMs: audit("first-contentful-paint"),
    speedIndexMs: audit("speed-index"),
    benchmarkIndex: report.environment?.benchmarkIndex ?? Number.NaN,
    cpuSlowdown: report.configSettings?.throttling?.cpuSlowdownMultiplier ?? 4,
    bootup,
  };
  return { ...summary, runs: [figuresOf(summary)] };
}
