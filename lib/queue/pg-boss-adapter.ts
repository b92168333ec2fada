// pg-boss on postgres.js, our one driver: pg-boss only needs `executeSql(text, values)`. postgres.js refuses
// a BEGIN sent through a pool, so pg-boss's own "BEGIN; ...; COMMIT;" scripts run inside `sql.begin`.
import type postgres from "postgres";
import { preparingClient } from "@/lib/db/client";

const WRAPPED_IN_TRANSACTION = /^\s*BEGIN\s*;([\s\S]*?)COMMIT\s*;?\s*$/i;

export type PgBossDb = { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

/** What pg (pg-boss's usual driver) does with a value, done before postgres.js sees it: `undefined` is NULL and a
 *  plain object is JSON text (postgres.js would otherwise refuse both without a declared type). */
function asPgParameter(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object" && !(value instanceof Date) && !Buffer.isBuffer(value) && !Array.isArray(value)) {
    return JSON.stringify(value);
  }
  return value;
}

export function pgBossDb(pool: postgres.Sql): PgBossDb {
  // Prepared as the app's own queries are (lib/db/client.ts): a job's send or fetch is one round trip, not two.
  const sql = preparingClient(pool);
  return {
    async executeSql(text, values = []) {
      const params = values.map(asPgParameter) as postgres.ParameterOrJSON<never>[];
      const script = WRAPPED_IN_TRANSACTION.exec(text);
      if (script) {
        const rows = await sql.begin((tx) => tx.unsafe(script[1]!, params));
        return { rows: rows as unknown as unknown[] };
      }
      return { rows: await sql.unsafe(text, params) };
    },
  };
}
