// Applies drizzle/ migrations. Several instances may start at once: an advisory lock makes them take turns.
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

const MIGRATION_LOCK_KEY = 727_001; // any constant shared by every instance of this app
// The app always runs from the project root (npm scripts); bundlers would rewrite import.meta.url.
const defaultFolder = path.join(process.cwd(), "drizzle");

export async function runMigrations(databaseUrl: string, migrationsFolder: string = defaultFolder): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await migrate(drizzle(sql), { migrationsFolder });
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}
