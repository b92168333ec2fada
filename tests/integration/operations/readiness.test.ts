// Readiness against a real PostgreSQL (the run's migrated database, and databases of the file's own) and a real
// sandbox process; a closed port and a server that never answers stand in for an unreachable Cheqpay.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { checkReadiness, readinessResponse } from "@/lib/operations/readiness";
import { findFreePort } from "../../../scripts/lib/free-port";
import { startSandboxProcess, type SandboxProcess } from "../../support/sandbox-process";
import { useIsolatedDatabase } from "../../support/isolated-database";

const databaseUrl = inject("databaseUrl");
const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
const isolated = useIsolatedDatabase();
let sandbox: SandboxProcess;
let closedPort: number;
let silentServer: net.Server;
let silentPort: number;
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  sandbox = await startSandboxProcess();
  closedPort = await findFreePort();
  // Accepts connections and never answers.
  silentServer = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silentServer.listen(0, "127.0.0.1", resolve));
  silentPort = (silentServer.address() as net.AddressInfo).port;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silentServer?.close(resolve));
  await sandbox?.stop();
  await sql.end({ timeout: 5 });
});

describe("readiness", () => {
  it("is ready with the migrated database and the sandbox up", async () => {
    const report = await checkReadiness({ sql, cheqpayBaseUrl: sandbox.baseUrl });
    expect(report).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok", cheqpay: "ok" } });
    const response = readinessResponse(report);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual(report);
  });

  it("fails Cheqpay on a closed port, quickly, and answers 503 without the URL", async () => {
    const errors: string[] = [];
    const started = Date.now();
    const report = await checkReadiness({
      sql,
      cheqpayBaseUrl: `http://user:secret-password@127.0.0.1:${closedPort}/pos`,
      onError: (check) => errors.push(check),
    });
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(report).toEqual({
      status: "not_ready",
      checks: { database: "ok", migrations: "ok", cheqpay: "failed" },
      reasons: { cheqpay: "unreachable" },
    });
    expect(errors).toEqual(["cheqpay"]);
    const response = readinessResponse(report);
    expect(response.status).toBe(503);
    const body = await response.text();
    expect(body).not.toContain(String(closedPort));
    expect(body).not.toContain("secret-password");
  });

  it("gives up on a Cheqpay that never answers after the timeout", async () => {
    const started = Date.now();
    const report = await checkReadiness({ sql, cheqpayBaseUrl: `http://127.0.0.1:${silentPort}/pos`, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(report.checks).toEqual({ database: "ok", migrations: "ok", cheqpay: "failed" });
    expect(report.reasons).toEqual({ cheqpay: "timed out after 300 ms" });
  });

  it("fails the database and the migrations when PostgreSQL does not answer, without the connection string", async () => {
    const unreachable = postgres(`postgres://postgres:db-password@127.0.0.1:${closedPort}/nowhere`, { max: 1, onnotice: () => {} });
    try {
      const report = await checkReadiness({ sql: unreachable, cheqpayBaseUrl: sandbox.baseUrl });
      expect(report).toEqual({
        status: "not_ready",
        checks: { database: "failed", migrations: "failed", cheqpay: "ok" },
        reasons: { database: "query failed", migrations: "query failed" },
      });
      expect(JSON.stringify(report)).not.toMatch(/db-password|nowhere/);
    } finally {
      await unreachable.end({ timeout: 1 });
    }
  });

  it("fails the database and the migrations when none is configured", async () => {
    const report = await checkReadiness({ sql: null, cheqpayBaseUrl: sandbox.baseUrl });
    expect(report.checks).toEqual({ database: "failed", migrations: "failed", cheqpay: "ok" });
    expect(report.reasons).toEqual({ database: "not configured", migrations: "not configured" });
  });

  it("fails the migrations when one of drizzle/'s migrations is not applied", async () => {
    const { sql: own } = isolated();
    expect((await checkReadiness({ sql: own, cheqpayBaseUrl: sandbox.baseUrl })).status).toBe("ready");
    const [newest] = await own`select id from drizzle.__drizzle_migrations order by created_at desc limit 1`;
    await own`delete from drizzle.__drizzle_migrations where id = ${newest!.id}`;
    const total = (await own`select count(*)::int as n from drizzle.__drizzle_migrations`)[0]!.n + 1;
    const report = await checkReadiness({ sql: own, cheqpayBaseUrl: sandbox.baseUrl });
    expect(report.checks).toEqual({ database: "ok", migrations: "failed", cheqpay: "ok" });
    expect(report.reasons).toEqual({ migrations: `1 of ${total} migrations not applied` });
  });

  it("fails the migrations when the code has a migration the database lacks", async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "readiness-migrations-"));
    cpSync(path.join(process.cwd(), "drizzle"), folder, { recursive: true });
    const journalFile = path.join(folder, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { idx: number; when: number; tag: string }[] };
    const last = journal.entries.at(-1)!;
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: "9999_not_yet_applied" });
    writeFileSync(journalFile, JSON.stringify(journal));
    writeFileSync(path.join(folder, "9999_not_yet_applied.sql"), "select 1;");
    const report = await checkReadiness({ sql, cheqpayBaseUrl: sandbox.baseUrl, migrationsFolder: folder });
    expect(report.checks.migrations).toBe("failed");
    expect(report.reasons).toEqual({ migrations: `1 of ${journal.entries.length} migrations not applied` });
  });

  it("fails the migrations when nothing was ever applied", async () => {
    const report = await checkReadiness({ sql, cheqpayBaseUrl: sandbox.baseUrl, migrationsFolder: path.join(os.tmpdir(), "no-such-folder") });
    expect(report.reasons).toEqual({ migrations: "migration files unreadable" });
    const { sql: own } = isolated();
    await own`alter table drizzle.__drizzle_migrations rename to __drizzle_migrations_moved`;
    try {
      const fresh = await checkReadiness({ sql: own, cheqpayBaseUrl: sandbox.baseUrl });
      expect(fresh.reasons?.migrations).toMatch(/^0 of \d+ migrations applied$/);
    } finally {
      await own`alter table drizzle.__drizzle_migrations_moved rename to __drizzle_migrations`;
    }
  });
});
