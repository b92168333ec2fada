// Throughput at N concurrent shoppers for a fixed time: payments/s through the app, against two floors in the
// same run: the trivial Server Action of the same build (the framework's own cost) and the sandbox's own
// create-order rate (sandbox/bench/create-orders.ts, the sandbox on one core).
import { spawn } from "node:child_process";
import { makeCarts } from "./lib/carts";
import type { BenchContext } from "./lib/context";
import { coresUsed, type CpuShares, cpuSecondsByKind } from "./lib/process-cpu";
import { payGuest, ping } from "./lib/shopper";

export type Rate = {
  completed: number;
  failed: number;
  seconds: number;
  perSecond: number;
  firstError: string | null;
  /** Cores each kind of process used meanwhile (bench/lib/process-cpu.ts); null off Linux. */
  cores: CpuShares | null;
};

/** `workers` loops calling `op` until `seconds` pass (or `op` answers false: nothing left to do); `readCpu`
 *  reads the processes' CPU before and after. */
export async function closedLoop(
  workers: number,
  seconds: number,
  op: (worker: number) => Promise<boolean>,
  readCpu: () => CpuShares | null = () => null,
): Promise<Rate> {
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const cpuBefore = readCpu();
  let completed = 0;
  let failed = 0;
  let firstError: string | null = null;
  const loop = async (worker: number) => {
    while (performance.now() < deadline) {
      try {
        if (!(await op(worker))) return;
        if (performance.now() <= deadline) completed++;
      } catch (error) {
        failed++;
        firstError ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => loop(w)));
  const cores = coresUsed(cpuBefore, readCpu(), (performance.now() - started) / 1000);
  const elapsed = Math.min(seconds, (performance.now() - started) / 1000);
  return { completed, failed, seconds: elapsed, perSecond: completed / elapsed, firstError, cores };
}

/** Enough carts for a generous rate; a run that uses them all stops early and says so. */
export async function paymentThroughput(ctx: BenchContext): Promise<Rate & { cartsRanOut: boolean }> {
  const { concurrency, throughputSeconds } = ctx.settings;
  const carts = await makeCarts(ctx.pool.sql, Math.max(2_000, throughputSeconds * 400));
  let next = 0;
  const rate = await closedLoop(
    concurrency,
    throughputSeconds,
    async () => {
      const cart = carts[next++];
      if (!cart) return false;
      await payGuest(ctx, cart);
      return true;
    },
    () => cpuSecondsByKind(ctx.processes),
  );
  return { ...rate, cartsRanOut: next >= carts.length };
}

export async function trivialActionThroughput(ctx: BenchContext): Promise<Rate> {
  let n = 0;
  return closedLoop(
    ctx.settings.concurrency,
    ctx.settings.throughputSeconds,
    async () => {
      await ping(ctx, n++);
      return true;
    },
    () => cpuSecondsByKind(ctx.processes),
  );
}

/** `npm run sandbox:bench`'s script, in its own processes; its last line is `{"sandboxCreatesPerSecond":N}`. */
export async function sandboxThroughput(ctx: BenchContext): Promise<number> {
  const args = ["--import", "tsx", "sandbox/bench/create-orders.ts", `--duration=${ctx.settings.throughputSeconds}`, `--concurrency=${ctx.settings.concurrency}`];
  const child = spawn(process.execPath, args, { cwd: ctx.repoRoot, stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const last = output.trim().split("\n").at(-1) ?? "";
  if (code !== 0 || !last.startsWith("{")) throw new Error(`sandbox bench exited ${code}:\n${output}`);
  return (JSON.parse(last) as { sandboxCreatesPerSecond: number }).sandboxCreatesPerSecond;
}
