import { defineConfig } from "drizzle-kit";

// Generation needs no database; `npm run db:migrate` applies the files with lib/db/migrate.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./drizzle",
  casing: "snake_case",
});
