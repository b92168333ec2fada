// Several statements of one transaction sent together: postgres.js pipelines the prepared queries of a
// connection (lib/db/client.ts prepares them all), so they cost one network round trip instead of one each. The server still runs them one after the other, in the
// order given, and in READ COMMITTED each takes its snapshot as it starts: a statement after a lock sees what
// the lock's previous holder committed, exactly as if it had been awaited first.
//
// The order holds because each query is started here, synchronously and in turn (drizzle's execute() creates
// the postgres.js query at once, and every query reaches the connection's queue after the same number of
// microtask turns). Pass drizzle queries only (tx.select()…, tx.insert()…, tx.execute(sql)), not functions
// that await before their query. A statement that fails aborts the transaction: the rest fail with it.
type Query<T> = { execute(): Promise<T> };

export function inOrder<const Queries extends readonly Query<unknown>[]>(
  ...queries: Queries
): Promise<{ -readonly [K in keyof Queries]: Awaited<ReturnType<Queries[K]["execute"]>> }> {
  const started = queries.map((query) => query.execute());
  // Each failure is handled (the first one is thrown): the others would otherwise be unhandled rejections.
  for (const promise of started) promise.catch(() => {});
  return Promise.all(started) as never;
}

/** The place of a statement not needed this time (the same call sends it when it is): no round trip, no rows. */
export const noStatement = { execute: async (): Promise<never[]> => [] };
