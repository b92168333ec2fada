// An extra app process for system tests (several instances, crashes, restarts, deploys): the production server
// `npm start` runs (scripts/app-server.ts over HTTPS) on an already built `.next` (or another release's build
// directory), with its own port and settings.
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { spawnAndWaitFor, stopChild } from "../../scripts/lib/child-process";
import { findFreePort } from "../../scripts/lib/free-port";
import { localCertificateFile } from "../../scripts/lib/tls-certificate";

const root = fileURLToPath(new URL("../..", import.meta.url));

export type AppInstanceOptions = {
  databaseUrl: string;
  /** The Cheqpay API base, e.g. a sandbox process's `baseUrl`. */
  cheqpayBaseUrl: string;
  /** A free one is found when not given (give the old one to restart "the same" instance). */
  port?: number;
  /** The public URL (APP_URL); defaults to this instance's own https://localhost:port. */
  appUrl?: string;
  /** Extra settings (lib/config.ts names), e.g. payment limits or job timings. */
  env?: Record<string, string>;
  /** The build to serve (NEXT_DIST_DIR), e.g. tests/support/second-release.ts's; default `.next`. */
  distDir?: string;
  /** Print the app's output (for debugging a test). */
  echo?: boolean;
  /** Node flags NODE_OPTIONS refuses, e.g. bench/profile-payment.ts's --cpu-prof. */
  nodeFlags?: string[];
};

export type AppInstance = {
  /** https://localhost:<port> */
  url: string;
  port: number;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL after a grace period. */
  stop(): Promise<void>;
  /** SIGKILL at once: a crash, nothing finishes. */
  kill(): Promise<void>;
};

export async function startAppInstance(options: AppInstanceOptions): Promise<AppInstance> {
  const port = options.port ?? (await findFreePort());
  const url = `https://localhost:${port}`;
  const certificateFile = await localCertificateFile();
  const { child } = await spawnAndWaitFor(process.execPath, [...(options.nodeFlags ?? []), "--import", "tsx", "scripts/app-server.ts"], /✓ Ready on/, {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "silent",
      // Not the e2e app's log file: each instance logs nothing unless a test asks.
      LOG_FILE: "",
      PORT: String(port),
      HOST: "localhost",
      APP_URL: options.appUrl ?? url,
      DATABASE_URL: options.databaseUrl,
      CHEQPAY_BASE_URL: options.cheqpayBaseUrl,
      NODE_EXTRA_CA_CERTS: certificateFile,
      NEXT_DIST_DIR: options.distDir ?? ".next",
      ...options.env,
    },
    echo: options.echo,
    timeoutMs: 60_000,
  });
  return {
    url,
    port,
    child,
    stop: () => stopChild(child, 10_000),
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}

/** Resolves when `url` answers 200 (e.g. `${instance.url}/api/ready`), or rejects after `timeoutMs`. */
export async function waitUntilReady(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} was not ready after ${timeoutMs} ms (${last})`);
}
