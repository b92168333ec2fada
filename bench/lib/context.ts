// What every phase of `npm run bench` shares: the app instance, the sandbox, the run's database and the
// Server Action ids of this build.
import type { createDatabase } from "@/lib/db/client";
import type { AppInstance } from "../../tests/support/app-instance";
import type { SandboxProcess } from "../../tests/support/sandbox-process";
import type { KnownProcesses } from "./process-cpu";

export type BenchSettings = {
  quick: boolean;
  /** Sequential payments (and as many floor payments) for the latency figures. */
  latencyPayments: number;
  throughputSeconds: number;
  concurrency: number;
  smallOrders: number;
  largeOrders: number;
  /** Repetitions of each back-office search and of the success-rate query. */
  queryRepetitions: number;
  /** Lighthouse runs on each page (the median counts), at the default CPU slowdown and at the calibrated one. */
  lighthouseRuns: number;
  lighthouseCalibratedRuns: number;
};

export function settingsFor(quick: boolean): BenchSettings {
  return quick
    ? { quick, latencyPayments: 100, throughputSeconds: 5, concurrency: 20, smallOrders: 1_000, largeOrders: 100_000, queryRepetitions: 10, lighthouseRuns: 1, lighthouseCalibratedRuns: 1 }
    : { quick, latencyPayments: 500, throughputSeconds: 20, concurrency: 20, smallOrders: 1_000, largeOrders: 1_000_000, queryRepetitions: 30, lighthouseRuns: 5, lighthouseCalibratedRuns: 3 };
}

export type BenchContext = {
  repoRoot: string;
  settings: BenchSettings;
  app: AppInstance;
  sandbox: SandboxProcess;
  databaseUrl: string;
  pool: ReturnType<typeof createDatabase>;
  payActionId: string;
  pingActionId: string;
  /** The run's app instance and job worker, for the CPU readings (bench/lib/process-cpu.ts). */
  processes: KnownProcesses;
  log(message: string): void;
};

const UNLIMITED = "100000000";

/** The app instance's settings in every bench run: shoppers' addresses come in X-Forwarded-For
 *  (bench/lib/shopper.ts), as behind a load balancer, and no card-testing limit refuses the run's payments. */
export const BENCH_APP_ENV: Readonly<Record<string, string>> = {
  LOG_LEVEL: "silent",
  TRUST_PROXY: "true",
  PAYMENT_LIMIT_ATTEMPTS_PER_IP: UNLIMITED,
  PAYMENT_LIMIT_DECLINES_PER_IP: UNLIMITED,
  PAYMENT_LIMIT_ATTEMPTS_PER_EMAIL: UNLIMITED,
};
