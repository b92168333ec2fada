// The SQL side of sliding-window limits: one aggregate per limit over the window's rows (alias `r`), read back
// as a LimitCount. Timestamps come back as epoch milliseconds on the database's clock.
import { type SQL, sql } from "drizzle-orm";
import type { LimitCount } from "./sliding-window";

export const windowInterval = (minutes: number): SQL => sql`make_interval(mins => ${minutes}::int)`;

/** `<name>_count` and `<name>_freed`: the rows matching `where`, and when the maximum-th newest leaves the window. */
export function countedColumns(name: string, where: SQL, maximum: number, windowMinutes: number): SQL {
  return sql`
    count(*) filter (where ${where})::int as ${sql.identifier(`${name}_count`)},
    (extract(epoch from (array_agg(r.created_at order by r.created_at desc) filter (where ${where}))[${maximum}::int]
      + ${windowInterval(windowMinutes)}) * 1000)::float8 as ${sql.identifier(`${name}_freed`)}`;
}

export function limitCountOf(row: Record<string, unknown>, name: string): LimitCount {
  const freed = row[`${name}_freed`];
  return { count: Number(row[`${name}_count`]), freedAtMs: freed === null || freed === undefined ? null : Number(freed) };
}

export const DATABASE_NOW_MS = sql`(extract(epoch from now()) * 1000)::float8`;

/** Serialises whoever counts and writes under the same key, across every instance, until the transaction ends.
 *  Callers lock their keys in one fixed order, so two transactions never wait on each other in a cycle. */
export const advisoryLock = (key: string): SQL => advisoryLocks([key]);

/** Several keys' locks in one round trip, taken in the order given (a select list is evaluated left to right). */
export const advisoryLocks = (keys: readonly string[]): SQL =>
  sql`select ${sql.join(keys.map((key) => sql`pg_advisory_xact_lock(hashtextextended(${key}, 0))`), sql`, `)}`;
