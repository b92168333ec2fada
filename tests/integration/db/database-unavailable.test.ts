// isDatabaseUnavailable against the errors a real PostgreSQL and postgres.js give (through drizzle, as the app
// queries): a server nobody listens on, a connection the server ends, and, not to be confused with them,
// ordinary query errors.
import { sql as dsql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDatabase } from "@/lib/db/client";
import { isDatabaseUnavailable, isUniqueViolation } from "@/lib/db/errors";
import { findFreePort } from "../../../scripts/lib/free-port";

const databaseUrl = inject("databaseUrl");
const pools: postgres.Sql[] = [];
afterAll(() => Promise.all(pools.map((pool) => pool.end({ timeout: 5 }))));

function pool(url = databaseUrl, options: { max?: number } = {}) {
  const made = createDatabase(url, options);
  pools.push(made.sql);
  return made;
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("the query succeeded");
    },
    (error: unknown) => error,
  );
}

describe("isDatabaseUnavailable", () => {
  it("is true for a query to a server that does not listen (connection refused)", async () => {
    const url = new URL(databaseUrl);
    url.port = String(await findFreePort());
    const { db } = pool(url.toString());
    expect(isDatabaseUnavailable(await errorOf(db.execute(dsql`select 1`)))).toBe(true);
  });

  it("is true for a query whose connection the server ends (an administrator's shutdown, 57P01)", async () => {
    const victim = pool(databaseUrl, { max: 1 });
    const [backend] = await victim.sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const pid = backend!.pid;
    const running = errorOf(victim.db.execute(dsql`select pg_sleep(10)`));
    const admin = pool(databaseUrl, { max: 1 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await admin.sql`select pg_terminate_backend(${pid})`;
    expect(isDatabaseUnavailable(await running)).toBe(true);
    // postgres.js connects again by itself: the same pool serves queries again (once the ended one is gone).
    const one = () => victim.db.execute(dsql`select 1 as one`).then((rows) => rows[0]?.one, () => "failed");
    await expect.poll(one, { timeout: 3_000, interval: 50 }).toBe(1);
  });

  it("is false for ordinary query errors (a syntax error, a unique violation, a missing table)", async () => {
    const { db } = pool();
    const syntax = await errorOf(db.execute(dsql`selec 1`));
    const missing = await errorOf(db.execute(dsql`select * from no_such_table`));
    await db.execute(dsql`create temporary table t (id int primary key)`);
    const duplicate = await errorOf(db.execute(dsql`insert into t values (1), (1)`));
    expect(isUniqueViolation(duplicate, "t_pkey")).toBe(true);
    for (const error of [syntax, missing, duplicate]) expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("is false for things that are not errors of a connection", () => {
    for (const value of [null, undefined, "ECONNREFUSED", new Error("connection refused"), { code: "23505" }]) {
      expect(isDatabaseUnavailable(value)).toBe(false);
    }
  });
});
