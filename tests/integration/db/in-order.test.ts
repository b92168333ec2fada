// inOrder against a real PostgreSQL through drizzle and postgres.js, as the payment path uses it: statements sent
// together still run in the order given, each with its own snapshot, and one failure fails them all.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase } from "@/lib/db/client";
import { inOrder, noStatement } from "@/lib/db/in-order";

const { db, sql: pool } = createDatabase(inject("databaseUrl"), { max: 4 });
const table = sql.identifier(`in_order_probe_${randomBytes(4).toString("hex")}`);

beforeAll(() => db.execute(sql`create table ${table} (run text not null, n int not null)`));
afterAll(async () => {
  await db.execute(sql`drop table if exists ${table}`);
  await pool.end({ timeout: 5 });
});

const countOf = (rows: unknown) => Number((rows as { count: number }[])[0]!.count);

describe("inOrder", () => {
  it("runs the statements in the order given: each read sees the writes sent before it", async () => {
    for (let i = 0; i < 50; i++) {
      const run = `order-${i}`;
      const counts = await db.transaction(async (tx) => {
        const [, first, , second, , third] = await inOrder(
          tx.execute(sql`insert into ${table} (run, n) values (${run}, 1)`),
          tx.execute(sql`select count(*)::int as count from ${table} where run = ${run}`),
          tx.execute(sql`insert into ${table} (run, n) values (${run}, 2)`),
          tx.execute(sql`select count(*)::int as count from ${table} where run = ${run}`),
          tx.execute(sql`insert into ${table} (run, n) values (${run}, 3)`),
          tx.execute(sql`select count(*)::int as count from ${table} where run = ${run}`),
        );
        return [countOf(first), countOf(second), countOf(third)];
      });
      expect(counts).toEqual([1, 2, 3]);
    }
  });

  it("keeps the order of the others around a statement left out (noStatement), which answers no rows", async () => {
    for (let i = 0; i < 20; i++) {
      const run = `skip-${i}`;
      const [skipped, first, second] = await db.transaction(async (tx) => {
        const [, none, , one, , two] = await inOrder(
          tx.execute(sql`insert into ${table} (run, n) values (${run}, 1)`),
          noStatement,
          noStatement,
          tx.execute(sql`select count(*)::int as count from ${table} where run = ${run}`),
          tx.execute(sql`insert into ${table} (run, n) values (${run}, 2)`),
          tx.execute(sql`select count(*)::int as count from ${table} where run = ${run}`),
        );
        return [none, countOf(one), countOf(two)];
      });
      expect(skipped).toEqual([]);
      expect([first, second]).toEqual([1, 2]);
    }
  });

  it("lets a read sent with a lock see what the lock's previous holder committed while it waited", async () => {
    const run = `lock-${randomBytes(4).toString("hex")}`;
    const key = `in-order-test:${run}`;
    let releaseHolder!: () => void;
    const holderMayCommit = new Promise<void>((resolve) => (releaseHolder = resolve));
    let holderLocked!: () => void;
    const locked = new Promise<void>((resolve) => (holderLocked = resolve));
    const holder = db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
      holderLocked();
      await holderMayCommit;
      await tx.execute(sql`insert into ${table} (run, n) values (${run}, 1)`);
    });
    await locked;
    const waiter = db.transaction(async (tx) => {
      const [, counted] = await inOrder(
        tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`),
        tx.execute(sql`select count(*)::int as count from ${table} where run = ${run}`),
      );
      return countOf(counted);
    });
    // The waiter's statements are on the server, queued behind the lock, before the holder writes and commits.
    await new Promise((resolve) => setTimeout(resolve, 150));
    releaseHolder();
    await holder;
    expect(await waiter).toBe(1);
  });

  it("fails with the failing statement's own error and rolls the transaction back", async () => {
    const run = `fail-${randomBytes(4).toString("hex")}`;
    const failed = await db
      .transaction(async (tx) => {
        await inOrder(
          tx.execute(sql`insert into ${table} (run, n) values (${run}, 1)`),
          tx.execute(sql`select 1 / 0`),
          tx.execute(sql`insert into ${table} (run, n) values (${run}, 2)`),
        );
      })
      .then(
        () => null,
        (error: unknown) => error as { cause?: { code?: string } },
      );
    // drizzle wraps the driver's error: division_by_zero, not "current transaction is aborted" (25P02).
    expect(failed?.cause?.code).toBe("22012");
    const [row] = await db.execute(sql`select count(*)::int as count from ${table} where run = ${run}`);
    expect(Number((row as { count: number }).count)).toBe(0);
  });
});
