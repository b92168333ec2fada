import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { runMigrations } from "../../../lib/db/migrate";

const databaseUrl = inject("databaseUrl");
const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });

afterAll(() => sql.end({ timeout: 5 }));

describe("runMigrations", () => {
  it("creates every table of the schema", async () => {
    const rows = await sql<{ table_name: string }[]>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`;
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(["orders", "order_lines", "payment_attempts", "payment_events", "products", "webhook_events"]),
    );
  });

  it("is a no-op when run again, even by several instances at once", async () => {
    const before = await sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
    await Promise.all([runMigrations(databaseUrl), runMigrations(databaseUrl), runMigrations(databaseUrl)]);
    const after = await sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(after[0]!.n).toBeGreaterThan(0);
  });

  it("allows at most one succeeded payment attempt per order", async () => {
    const [order] = await sql`
      insert into orders (public_token, currency, subtotal_centavos, total_centavos, email, first_name, last_name, billing_address)
      values (${`tok_${Date.now()}`}, 'MXN', 1000, 1000, 'a@example.com', 'Ana', 'López', '{}') returning id`;
    const attempt = (key: string) => sql`
      insert into payment_attempts (order_id, external_id, submission_key, status, amount_centavos, currency)
      values (${order!.id}, ${`ext_${key}_${Date.now()}`}, ${key}, 'succeeded', 1000, 'MXN')`;
    await attempt("first");
    await expect(attempt("second")).rejects.toThrow(/payment_attempts_one_success_per_order/);
  });
});
