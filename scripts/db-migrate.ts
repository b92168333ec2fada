// `npm run db:migrate`: applies drizzle/ migrations to DATABASE_URL (the app also does this as it starts).
import { existsSync } from "node:fs";
import { getConfig } from "../lib/config";
import { runMigrations } from "../lib/db/migrate";

if (existsSync(".env")) process.loadEnvFile(".env");
const { databaseUrl } = getConfig();
if (!databaseUrl) {
  console.error("DATABASE_URL is not set. (`npm start` runs an embedded server and migrates it itself.)");
  process.exit(1);
}
await runMigrations(databaseUrl);
console.log("Migrations applied.");
