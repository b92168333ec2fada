// Once per integration run: a fresh, migrated database for the tests that need one. `npm test` passes
// DATABASE_URL (a fresh database it made); run on its own, vitest gets an embedded server here.
import type {} from "vitest";
import type { TestProject } from "vitest/node";
import { runMigrations } from "../../lib/db/migrate";
import { createFreshDatabase, type FreshDatabase } from "../../scripts/lib/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

let fresh: FreshDatabase | null = null;

export async function setup(project: TestProject): Promise<void> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide("databaseUrl", given);
    return;
  }
  fresh = await createFreshDatabase(process.env.DATABASE_URL);
  await runMigrations(fresh.url);
  project.provide("databaseUrl", fresh.url);
}

export async function teardown(): Promise<void> {
  await fresh?.drop();
}
