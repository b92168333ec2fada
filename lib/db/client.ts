// One driver everywhere: postgres.js under drizzle. One pool per process, made on first use.
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { getConfig } from "../config";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;
/** The `tx` a `Database["transaction"]` callback receives. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

let sqlClient: postgres.Sql | null = null;
let database: Database | null = null;

export function createDatabase(url: string, options: { max?: number } = {}): { db: Database; sql: postgres.Sql } {
  const sql = postgres(url, {
    max: options.max ?? 10,
    // Quiet NOTICEs ("relation already exists, skipping") from idempotent migrations.
    onnotice: () => {},
    // Prepared statements (preparingClient) are planned for their parameters at each execution, as unnamed ones
    // are: a generic plan would ignore, say, how selective a search's pattern is.
    connection: { plan_cache_mode: "force_custom_plan" },
  });
  return { db: drizzle(preparingClient(sql), { schema, casing: "snake_case" }), sql };
}

/**
 * drizzle runs every query unnamed (`prepare: false`). postgres.js then sends a query with parameters in two
 * round trips (describe, then execute) and holds the connection's later queries until it is done, so nothing
 * pipelines (lib/db/in-order.ts). Prepared, once per connection and query text, a query is one round trip and
 * pipelines. Transactions get the same treatment through `begin`.
 */
export function preparingClient(sql: postgres.Sql): postgres.Sql {
  return new Proxy(sql, {
    get(target, key, receiver) {
      if (key === "unsafe") {
        return (query: string, params?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params, { ...options, prepare: true });
      }
      if (key === "begin") {
        return (...args: unknown[]) => {
          const callback = args.pop() as (tx: postgres.TransactionSql) => unknown;
          return (target.begin as (...a: unknown[]) => unknown)(...args, (tx: postgres.TransactionSql) =>
            callback(preparingClient(tx as unknown as postgres.Sql) as unknown as postgres.TransactionSql),
          );
        };
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

export function getDb(): Database {
  if (database) return database;
  const url = getConfig().databaseUrl;
  if (!url) {
    throw new Error("DATABASE_URL is not set. `npm start` and `npm test` start an embedded PostgreSQL and set it for you.");
  }
  ({ db: database, sql: sqlClient } = createDatabase(url));
  return database;
}

/** The process's postgres.js pool under `getDb()` (pg-boss runs its queries through it). */
export function getSql(): postgres.Sql {
  getDb();
  return sqlClient!;
}

export async function closeDb(): Promise<void> {
  await sqlClient?.end({ timeout: 5 });
  sqlClient = null;
  database = null;
}
