// Times the back office's and the alert's queries on a seeded database: p50/p95/max over RUNS runs each.
//   tsx scripts/measure-queries-at-scale.ts <database url> [orders to seed first] [--explain]
// The database must be migrated (`npm run db:migrate` with DATABASE_URL, or the integration set-up); seeding
// adds to what is there (tests/support/seed-orders.ts). Harness code: reads its arguments, not the app's config.
import { bucketStarts, type Period } from "@/lib/admin/dashboard-chart";
import { loadDashboard } from "@/lib/admin/dashboard-queries";
import type { OrderSearch, searchOrders as SearchOrders } from "@/lib/admin/order-search";
import { checkSuccessRate } from "@/lib/alerts/check-success-rate";
import { createDatabase } from "@/lib/db/client";
import { seedOrders } from "../tests/support/seed-orders";

const [url, seedArg] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const RUNS = Number(process.env.RUNS ?? 30);
/** Only the queries whose label matches (a regular expression). */
const ONLY = new RegExp(process.env.ONLY ?? "");
// Another implementation of the search (e.g. the previous one, copied aside) to compare against.
const { searchOrders } = (await import(process.env.SEARCH_MODULE ?? "@/lib/admin/order-search")) as { searchOrders: typeof SearchOrders };
if (!url) throw new Error("usage: tsx scripts/measure-queries-at-scale.ts <database url> [orders to seed]");

const { db, sql } = createDatabase(url, { max: 4 });
if (seedArg) console.log("seeded", await seedOrders(sql, Number(seedArg)));
const [{ n }] = (await sql`select count(*)::int as n from orders`) as unknown as [{ n: number }];
const [{ min_day, max_day }] = (await sql`
  select (max(created_at) - interval '30 days')::date::text as min_day, (max(created_at) - interval '23 days')::date::text as max_day from orders`) as unknown as [{ min_day: string; max_day: string }];
const [{ number }] = (await sql`select order_number::int as number from orders order by order_number limit 1 offset ${Math.floor(n / 2)}`) as unknown as [
  { number: number },
];
console.log(`orders: ${n}, runs each: ${RUNS}`);

const base: OrderSearch = { q: "", status: null, from: null, to: null, page: 1 };
const searches: [string, OrderSearch][] = [
  ["listing page 1", base],
  ["listing page 40", { ...base, page: 40 }],
  ["status refunded", { ...base, status: "refunded" }],
  ["status pending page 3", { ...base, status: "pending", page: 3 }],
  ["date range (1 week)", { ...base, from: min_day, to: max_day }],
  ["email shopper-12345", { ...base, q: "shopper-12345" }],
  ["email example.com", { ...base, q: "example.com" }],
  ["email tienda.example + paid", { ...base, q: "tienda.example", status: "paid" }],
  ["order number", { ...base, q: `#${number}` }],
  ["last4 4242", { ...base, q: "4242" }],
  ["no match", { ...base, q: "nobody-here@nowhere" }],
];

async function time(label: string, run: () => Promise<unknown>): Promise<void> {
  await run(); // warm
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)]!.toFixed(1);
  console.log(`| ${label.padEnd(30)} | ${at(0.5).padStart(8)} | ${at(0.95).padStart(8)} | ${ms.at(-1)!.toFixed(1).padStart(8)} |`);
}

console.log(`| ${"query".padEnd(30)} | p50 ms   | p95 ms   | max ms   |`);
for (const [label, search] of searches) {
  if (!ONLY.test(label)) continue;
  const result = await searchOrders(db, search);
  await time(`${label} (${result.total}${"totalCapped" in result && result.totalCapped ? "+" : ""})`, () => searchOrders(db, search));
}
const settings = { successRate: 0.85, minPayments: 1_000_000, webhookUrl: null, staffEmails: [], appUrl: "http://localhost" };
const mailer = { sendMail: async () => ({ sent: false }) } as never;
if (ONLY.test("success-rate check")) await time("success-rate check", () => checkSuccessRate(db, mailer, settings));
for (const period of ["1h", "24h", "7d"] as Period[]) {
  if (!ONLY.test(`dashboard ${period}`)) continue;
  await time(`dashboard ${period}`, () => {
    const now = new Date();
    return loadDashboard(db, period, now, bucketStarts(period, now, "America/Mexico_City"));
  });
}
await sql.end({ timeout: 5 });
