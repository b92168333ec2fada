// Readiness (GET /api/ready): may this instance take traffic? The database answers, every migration in drizzle/
// is applied, and Cheqpay's API answers over HTTP. The checks run in parallel, each within its own timeout,
// so the answer comes in about `timeoutMs` at worst. What a failure says is a fixed, short reason: never an
// error message, a URL or a connection string (the details go to the log through `onError`).
import path from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type postgres from "postgres";

export const READINESS_CHECKS = ["database", "migrations", "cheqpay"] as const;
export type ReadinessCheck = (typeof READINESS_CHECKS)[number];
export type CheckStatus = "ok" | "failed";

export type ReadinessReport = {
  status: "ready" | "not_ready";
  checks: Record<ReadinessCheck, CheckStatus>;
  /** Only when a check failed: why, in a few words. */
  reasons?: Partial<Record<ReadinessCheck, string>>;
};

export type ReadinessOptions = {
  /** The app's pool; null when no database is configured. */
  sql: postgres.Sql | null;
  /** The configured Cheqpay API base; only its origin is asked (no credentials are sent). */
  cheqpayBaseUrl: string;
  /** drizzle/ (the journal and the SQL files the migrator applies). */
  migrationsFolder?: string;
  /** Per check (default 2000 ms). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Told the underlying error of a failed check (for the log). */
  onError?: (check: ReadinessCheck, error: unknown) => void;
};

/** Where lib/db/migrate.ts's drizzle migrator records what it applied (drizzle's defaults). */
const MIGRATIONS_TABLE = 'drizzle."__drizzle_migrations"';
const DEFAULT_TIMEOUT_MS = 2_000;

/** A failure whose message is safe to answer with. */
class CheckFailure extends Error {}

export async function checkReadiness(options: ReadinessOptions): Promise<ReadinessReport> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const run: Record<ReadinessCheck, (signal: AbortSignal) => Promise<void>> = {
    database: () => checkDatabase(options.sql),
    migrations: () => checkMigrations(options.sql, options.migrationsFolder ?? path.join(process.cwd(), "drizzle")),
    cheqpay: (signal) => checkCheqpay(options.cheqpayBaseUrl, options.fetch ?? fetch, signal),
  };
  const results = await Promise.all(
    READINESS_CHECKS.map(async (name) => {
      try {
        await withTimeout(timeoutMs, run[name]);
        return [name, null] as const;
      } catch (error) {
        options.onError?.(name, error);
        return [name, reasonOf(error)] as const;
      }
    }),
  );
  const checks = Object.fromEntries(results.map(([name, reason]) => [name, reason === null ? "ok" : "failed"])) as ReadinessReport["checks"];
  const failed = results.filter(([, reason]) => reason !== null);
  if (failed.length === 0) return { status: "ready", checks };
  return { status: "not_ready", checks, reasons: Object.fromEntries(failed) };
}

/** 200 when ready, else 503; never cached. */
export function readinessResponse(report: ReadinessReport): Response {
  return Response.json(report, { status: report.status === "ready" ? 200 : 503, headers: { "cache-control": "no-store" } });
}

async function checkDatabase(sql: postgres.Sql | null): Promise<void> {
  if (!sql) throw new CheckFailure("not configured");
  try {
    await sql`select 1`;
  } catch (error) {
    throw new CheckFailure("query failed", { cause: error });
  }
}

async function checkMigrations(sql: postgres.Sql | null, folder: string): Promise<void> {
  if (!sql) throw new CheckFailure("not configured");
  let expected: string[];
  try {
    expected = readMigrationFiles({ migrationsFolder: folder }).map((migration) => migration.hash);
  } catch (error) {
    throw new CheckFailure("migration files unreadable", { cause: error });
  }
  let applied: Set<string>;
  try {
    const rows = await sql.unsafe<{ hash: string }[]>(`select hash from ${MIGRATIONS_TABLE}`);
    applied = new Set(rows.map((row) => row.hash));
  } catch (error) {
    // 42P01: the table does not exist yet; nothing was ever applied.
    if ((error as { code?: unknown }).code === "42P01") throw new CheckFailure(`0 of ${expected.length} migrations applied`);
    throw new CheckFailure("query failed", { cause: error });
  }
  const missing = expected.filter((hash) => !applied.has(hash)).length;
  if (missing > 0) throw new CheckFailure(`${missing} of ${expected.length} migrations not applied`);
}

async function checkCheqpay(baseUrl: string, fetchImpl: typeof fetch, signal: AbortSignal): Promise<void> {
  let origin: string;
  try {
    origin = new URL(baseUrl).origin;
  } catch (error) {
    throw new CheckFailure("invalid base URL", { cause: error });
  }
  // Any HTTP answer (404 and 405 included) proves the API is reachable; only no answer fails.
  let response: Response;
  try {
    response = await fetchImpl(origin, { method: "HEAD", redirect: "manual", cache: "no-store", signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new CheckFailure("unreachable", { cause: error });
  }
  await response.body?.cancel().catch(() => {});
}

async function withTimeout(timeoutMs: number, work: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new CheckFailure(`timed out after ${timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof CheckFailure) return error.message;
  const aborted = error instanceof Error && error.cause instanceof CheckFailure ? error.cause : null;
  return aborted?.message ?? "failed";
}
