// The back office's searches timed at one size, as `npm run bench` times them (timeQueries), without the rest of
// the bench: migrates DATABASE_URL's database, seeds it up to N orders (default 1,000,000) and prints p50/p95.
// Usage: DATABASE_URL=postgres://…/some_db npx tsx bench/search-at-scale.ts [orders] [repetitions]
import { createDatabase } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import type { BenchContext } from "./lib/context";
import { seedOrdersUpTo, timeQueries } from "./scale";
import { round2 } from "./lib/stats";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required (a database of your own: it is seeded)");
const target = Number(process.argv[2] ?? 1_000_000);
const queryRepetitions = Number(process.argv[3] ?? 30);

await runMigrations(url);
const pool = createDatabase(url, { max: 4 });
try {
  const orders = await seedOrdersUpTo(pool.sql, target);
  // Only what timeQueries reads: the pool, the repetitions, and an app URL for the success-rate check's settings.
  const ctx = { pool, settings: { queryRepetitions }, app: { url: "http://localhost" } } as unknown as BenchContext;
  const { searches, successRate } = await timeQueries(ctx);
  console.log(`${orders.toLocaleString("en")} orders, ${queryRepetitions} repetitions`);
  for (const [name, s] of Object.entries({ ...searches, successRate })) {
    console.log(`${name.padEnd(14)} p50 ${round2(s.p50).toFixed(2).padStart(8)} ms  p95 ${round2(s.p95).toFixed(2).padStart(8)} ms`);
  }
} finally {
  await pool.sql.end({ timeout: 5 });
}
