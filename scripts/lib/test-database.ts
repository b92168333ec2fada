// A fresh database for one test run: on DATABASE_URL's server when set, else on an embedded server.
import postgres from "postgres";
import { startEmbeddedPostgres } from "./embedded-postgres";

export type FreshDatabase = { url: string; name: string; drop(): Promise<void> };

export async function createFreshDatabase(serverDatabaseUrl?: string): Promise<FreshDatabase> {
  const embedded = serverDatabaseUrl ? null : await startEmbeddedPostgres({ name: "test", fast: true, ephemeral: true });
  const adminUrl = serverDatabaseUrl ?? `${embedded!.serverUrl}/postgres`;
  const name = `cheqpay_test_${Date.now().toString(36)}_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await sql.end({ timeout: 5 });
        await embedded?.stop();
      }
    },
  };
}
