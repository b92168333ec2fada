// What a system test compares before and after hostile traffic: every table of schema public, its row count and
// a checksum of all its rows (md5 over the rows' text, in a fixed order). Any insert, update or delete shows.
import type postgres from "postgres";

export type TableSnapshot = { table: string; rows: number; md5: string };

export async function snapshotPublicTables(sql: postgres.Sql): Promise<TableSnapshot[]> {
  const tables = await sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;
  const snapshots: TableSnapshot[] = [];
  for (const { name } of tables) {
    // Ordered by the row's own text: the same rows give the same checksum whatever order the table keeps them in.
    const [row] = await sql<{ rows: number; md5: string }[]>`
      select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\n' order by t::text), '')) as md5
      from ${sql("public")}.${sql(name)} t`;
    snapshots.push({ table: name, rows: row!.rows, md5: row!.md5 });
  }
  return snapshots;
}
