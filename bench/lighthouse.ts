// Lighthouse (mobile, simulated throttling: its defaults) on /checkout with a cart, through its CLI and the
// machine's Chromium, accepting the app's self-signed certificate.
import { spawn } from "node:child_process";
import path from "node:path";
import type { BenchContext } from "./lib/context";

export type LighthouseResult = { performance: number; lcpMs: number; tbtMs: number; cls: number; fcpMs: number; speedIndexMs: number };

type Report = { categories: { performance: { score: number } }; audits: Record<string, { numericValue?: number }> };

export async function lighthouseCheckout(ctx: BenchContext, cookie: string): Promise<LighthouseResult> {
  const cli = path.join(ctx.repoRoot, "node_modules", "lighthouse", "cli", "index.js");
  const args = [
    cli,
    `${ctx.app.url}/checkout`,
    "--output=json",
    "--output-path=stdout",
    "--quiet",
    "--only-categories=performance",
    "--form-factor=mobile",
    "--throttling-method=simulate",
    "--chrome-flags=--headless=new --no-sandbox --ignore-certificate-errors",
    `--extra-headers=${JSON.stringify({ cookie })}`,
  ];
  const child = spawn(process.execPath, args, {
    cwd: ctx.repoRoot,
    env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let errors = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString("utf8")));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`lighthouse exited ${code}: ${errors.slice(-2000)}`);
  const report = JSON.parse(output) as Report;
  const audit = (id: string) => report.audits[id]?.numericValue ?? Number.NaN;
  return {
    performance: Math.round(report.categories.performance.score * 100),
    lcpMs: audit("largest-contentful-paint"),
    tbtMs: audit("total-blocking-time"),
    cls: audit("cumulative-layout-shift"),
    fcpMs: audit("first-contentful-paint"),
    speedIndexMs: audit("speed-index"),
  };
}
