// A database of the test file's own, on the run's PostgreSQL server, migrated like the run's database. For the
// files that start job runners (pg-boss's tables and workers) or run the reconciliation (which reads every
// stuck attempt): on the shared database they would pick up other files' jobs and attempts.
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { createDatabase, type Database } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";

export type Pool = { db: Database; sql: postgres.Sql };
export type IsolatedDatabase = Pool & {
  url: string;
  /** Another pool on the same database (another "app process"), closed after the file. */
  newPool(max?: number): Pool;
};

/** Creates the database before the file's tests (`beforeAll`); closes its pools and drops it after them. */
export function useIsolatedDatabase(): () => IsolatedDatabase {
  const serverUrl = inject("databaseUrl");
  const name = `cheqpay_iso_${randomUUID().replaceAll("-", "").slice(0, 20)}`;
  const pools: postgres.Sql[] = [];
  let isolated: IsolatedDatabase | null = null;

  beforeAll(async () => {
    await onServer(serverUrl, (admin) => admin.unsafe(`create database "${name}"`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    await runMigrations(url.toString());
    const newPool = (max = 12) => {
      const pool = createDatabase(url.toString(), { max });
      pools.push(pool.sql);
      return pool;
    };
    isolated = { url: url.toString(), ...newPool(), newPool };
  });

  afterAll(async () => {
    await Promise.all(pools.splice(0).map((sql) => sql.end({ timeout: 5 })));
    await onServer(serverUrl, (admin) => admin.unsafe(`drop database if exists "${name}" with (force)`));
  });

  return () => {
    if (!isolated) throw new Error("the isolated database is not ready (use it inside a test or hook)");
    return isolated;
  };
}

async function onServer(url: string, run: (admin: postgres.Sql) => Promise<unknown>): Promise<void> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await run(admin);
  } finally {
    await admin.end({ timeout: 5 });
  }
}
