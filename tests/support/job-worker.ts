// A `npm run worker` process (scripts/worker.ts) for system tests and the bench: it works the jobs of app
// instances started with RUN_JOBS=false, on the same database.
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { spawnAndWaitFor, stopChild } from "../../scripts/lib/child-process";
import { localCertificateFile } from "../../scripts/lib/tls-certificate";

const root = fileURLToPath(new URL("../..", import.meta.url));

export type JobWorker = { child: ChildProcess; stop(): Promise<void> };

export async function startJobWorker(options: {
  databaseUrl: string;
  cheqpayBaseUrl: string;
  /** The app's public URL (links in emails). */
  appUrl: string;
  env?: Record<string, string>;
}): Promise<JobWorker> {
  const { child } = await spawnAndWaitFor(process.execPath, ["--import", "tsx", "scripts/worker.ts"], /✓ Worker ready/, {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "silent",
      LOG_FILE: "",
      APP_URL: options.appUrl,
      DATABASE_URL: options.databaseUrl,
      CHEQPAY_BASE_URL: options.cheqpayBaseUrl,
      NODE_EXTRA_CA_CERTS: await localCertificateFile(),
      ...options.env,
    },
    timeoutMs: 60_000,
  });
  return { child, stop: () => stopChild(child, 15_000) };
}
