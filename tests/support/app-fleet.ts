// Several app instances on one database behind one URL (a round-robin proxy), for system specs: what a deploy
// with more than one server looks like. The instances start at the same moment on a fresh database, as a
// scale-up would: migrations, the catalogue's seed and the job queues must each be made once between them.
import { Agent, request as httpsRequest } from "node:https";
import PgBoss from "pg-boss";
import { createDatabase } from "@/lib/db/client";
import { pgBossDb } from "@/lib/queue/pg-boss-adapter";
import type { QueueName } from "@/lib/queue/queues";
import { findFreePort } from "../../scripts/lib/free-port";
import { ensureLocalCertificate } from "../../scripts/lib/tls-certificate";
import { createFreshDatabase, type FreshDatabase } from "../../scripts/lib/test-database";
import { type AppInstance, startAppInstance, waitUntilReady } from "./app-instance";
import { type RoundRobinProxy, startRoundRobinProxy } from "./round-robin-proxy";
import type { SandboxProcess } from "./sandbox-process";
import { actionResultOf } from "./server-action";

export type AppFleet = {
  /** The one public URL (the proxy's); every instance's APP_URL. */
  url: string;
  proxy: RoundRobinProxy;
  instances: AppInstance[];
  database: FreshDatabase;
  pool: ReturnType<typeof createDatabase>;
  /** Queues jobs as any instance would (pg-boss on the shared database); one of the instances runs each. */
  sendJobs(queue: QueueName, singletonKeys: string[]): Promise<void>;
  stop(): Promise<void>;
};

export async function startAppFleet(options: { size: number; sandbox: SandboxProcess; env: Record<string, string> }): Promise<AppFleet> {
  const database = await createFreshDatabase(process.env.DATABASE_URL);
  const proxyPort = await findFreePort();
  const url = `https://localhost:${proxyPort}`;
  const instances: AppInstance[] = [];
  try {
    const started = await Promise.allSettled(
      Array.from({ length: options.size }, () =>
        startAppInstance({ databaseUrl: database.url, cheqpayBaseUrl: options.sandbox.baseUrl, appUrl: url, env: options.env }),
      ),
    );
    for (const one of started) if (one.status === "fulfilled") instances.push(one.value);
    const failed = started.find((one) => one.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
    await Promise.all(instances.map((instance) => waitUntilReady(`${instance.url}/api/ready`)));
  } catch (error) {
    await Promise.all(instances.map((instance) => instance.stop()));
    await database.drop();
    throw error;
  }
  const proxy = await startRoundRobinProxy(
    instances.map((instance) => instance.url),
    proxyPort,
  );
  const pool = createDatabase(database.url, { max: 6 });
  return {
    url,
    proxy,
    instances,
    database,
    pool,
    async sendJobs(queue, singletonKeys) {
      // Only sends: this process never works a queue (no supervision, no schedules, no migration).
      const boss = new PgBoss({ db: pgBossDb(pool.sql), schema: "pgboss", migrate: false, supervise: false, schedule: false } as PgBoss.ConstructorOptions);
      await boss.start();
      try {
        for (const key of singletonKeys) await boss.send(queue, {}, { singletonKey: key });
      } finally {
        await boss.stop({ graceful: false, close: false, wait: true, timeout: 1_000 });
      }
    },
    async stop() {
      await proxy.close();
      await Promise.all(instances.map((instance) => instance.stop()));
      await pool.sql.end({ timeout: 5 });
      await database.drop();
    },
  };
}

/** One instance's `checkout_jobs_total` (GET /metrics on the instance itself): queue → completed jobs. */
export async function completedJobs(instance: AppInstance, metricsToken: string): Promise<Record<string, number>> {
  const response = await fetch(`${instance.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
  if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
  const counts: Record<string, number> = {};
  for (const match of (await response.text()).matchAll(/^checkout_jobs_total\{([^}]*)\} (\d+)/gm)) {
    const labels = Object.fromEntries([...match[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((label) => [label[1], label[2]]));
    if (labels.result === "completed") counts[labels.queue!] = (counts[labels.queue!] ?? 0) + Number(match[2]);
  }
  return counts;
}

export type FleetAnswer<T> = { status: number; body: string; result: T | undefined };

/**
 * A client for many requests at once, as many shoppers' browsers: node:https with keep-alive and TLS sessions
 * resumed (so a burst of new connections costs no full handshake each), and no connect timeout of its own
 * (fetch's 10 s fails on a loaded machine while the proxy is still accepting the burst).
 */
export async function fleetClient(): Promise<{
  post<T>(url: string, body: string, headers: Record<string, string>): Promise<FleetAnswer<T>>;
  action<T>(baseUrl: string, call: { pagePath: string; actionId: string; args: unknown[]; cookie: string }): Promise<FleetAnswer<T>>;
  close(): void;
}> {
  const { cert } = await ensureLocalCertificate();
  // Idle connections are dropped after 30 s: the server (proxy or instance) keeps them 65 s.
  const agent = new Agent({ keepAlive: true, ca: cert, maxCachedSessions: 100, timeout: 30_000 });
  const post = <T>(url: string, body: string, headers: Record<string, string>) =>
    new Promise<FleetAnswer<T>>((resolve, reject) => {
      const request = httpsRequest(url, { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: response.statusCode ?? 0, body: text, result: actionResultOf<T>(text) });
        });
        response.on("error", reject);
      });
      request.setTimeout(120_000, () => request.destroy(new Error(`no answer from ${url} in 120 s`)));
      request.on("error", reject);
      request.end(body);
    });
  return {
    post,
    action: <T>(baseUrl: string, call: { pagePath: string; actionId: string; args: unknown[]; cookie: string }) =>
      post<T>(new URL(call.pagePath, baseUrl).toString(), JSON.stringify(call.args), {
        "next-action": call.actionId,
        accept: "text/x-component",
        "content-type": "text/plain;charset=UTF-8",
        cookie: call.cookie,
        origin: new URL(baseUrl).origin,
      }),
    close: () => agent.destroy(),
  };
}
