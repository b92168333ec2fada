// Where the machine's cores go during a throughput run: CPU seconds per kind of process (the run's app instance
// and job worker by pid, the sandbox, PostgreSQL, this load generator, anything else), read from /proc before and
// after. With one app
// instance on a 2-core machine, the app at ~1.0 core means its own CPU per request sets the rate. Linux only:
// elsewhere the reading is null.
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";

export type CpuShares = Record<ProcessKind, number>;
type ProcessKind = "app" | "worker" | "sandbox" | "postgres" | "bench" | "other";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** The run's own processes by pid: the app instance and the job worker (another app on the machine, a test
 *  run's, is "other"). */
export type KnownProcesses = { app?: number; worker?: number };

/** The kind of a process: by pid for the run's own, else from its name and command line. */
export function processKind(commandLine: string, name: string, pid: number, ownPid: number, known: KnownProcesses = {}): ProcessKind {
  if (pid === ownPid) return "bench";
  if (pid === known.app) return "app";
  if (pid === known.worker) return "worker";
  if (name === "postgres" || /(^|\/)postgres(\s|$)/.test(commandLine)) return "postgres";
  if (commandLine.includes("sandbox/src/main.ts")) return "sandbox";
  return "other";
}

/** CPU seconds used so far by every process now running, summed per kind; null off Linux. */
export function cpuSecondsByKind(known: KnownProcesses = {}): CpuShares | null {
  if (os.platform() !== "linux") return null;
  const totals: CpuShares = { app: 0, worker: 0, sandbox: 0, postgres: 0, bench: 0, other: 0 };
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // Fields after the parenthesised name: state is 3rd, utime 14th, stime 15th (man 5 proc).
      const afterName = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ticks = Number(afterName[11]) + Number(afterName[12]);
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      totals[processKind(commandLine, name, pid, process.pid, known)] += ticks / TICKS_PER_SECOND;
    } catch {
      // The process ended while being read.
    }
  }
  return totals;
}

/** Cores used per kind between two readings over `seconds` (processes that started or ended in between are
 *  counted from what they show at the end). */
export function coresUsed(before: CpuShares | null, after: CpuShares | null, seconds: number): CpuShares | null {
  if (!before || !after || seconds <= 0) return null;
  const used = {} as CpuShares;
  for (const kind of Object.keys(after) as ProcessKind[]) used[kind] = Math.round((Math.max(0, after[kind] - before[kind]) / seconds) * 100) / 100;
  return used;
}
