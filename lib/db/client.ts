// One driver everywhere: postgres.js under drizzle. One pool per process, made on first use.
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { getConfig } from "../config";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;

let sqlClient: postgres.Sql | null = null;
let database: Database | null = null;

export function createDatabase(url: string, options: { max?: number } = {}): { db: Database; sql: postgres.Sql } {
  // Quiet NOTICEs ("relation already exists, skipping") from idempotent migrations.
  const sql = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  return { db: drizzle(sql, { schema, casing: "snake_case" }), sql };
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
