// The app's drizzle client prepares its queries (one round trip each, and they pipeline) but still plans each
// execution for its own parameters.
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDatabase } from "@/lib/db/client";

const { db, sql: pool } = createDatabase(inject("databaseUrl"), { max: 1 });
afterAll(() => pool.end({ timeout: 5 }));

const preparedLike = (marker: string) =>
  db.execute(sql`select count(*)::int as count from pg_prepared_statements where statement like ${`%${marker}%`} and statement not like '%pg_prepared_statements%'`);
const countOf = (rows: unknown) => Number((rows as { count: number }[])[0]!.count);

describe("createDatabase's client", () => {
  it("prepares a query with parameters once, and runs it again for other values without preparing it again", async () => {
    const marker = `probe_${Date.now()}_outside`;
    const first = await db.execute(sql`select ${1}::int + 1 as ${sql.identifier(marker)}`);
    const second = await db.execute(sql`select ${41}::int + 1 as ${sql.identifier(marker)}`);
    expect([first[0], second[0]]).toEqual([{ [marker]: 2 }, { [marker]: 42 }]);
    // One connection in the pool: the statement lives on it.
    expect(countOf(await preparedLike(marker))).toBe(1);
  });

  it("prepares the queries of a transaction too", async () => {
    const marker = `probe_${Date.now()}_inside`;
    const count = await db.transaction(async (tx) => {
      await tx.execute(sql`select ${7}::int as ${sql.identifier(marker)}`);
      const rows = await tx.execute(
        sql`select count(*)::int as count from pg_prepared_statements where statement like ${`%${marker}%`} and statement not like '%pg_prepared_statements%'`,
      );
      return countOf(rows);
    });
    expect(count).toBe(1);
  });

  it("plans each execution for its parameters, as an unprepared query would be", async () => {
    const [row] = await db.execute(sql`select current_setting('plan_cache_mode') as mode`);
    expect(row).toEqual({ mode: "force_custom_plan" });
  });
});
