// The secrets scan's database dump (scripts/lib/secrets-scan.ts, run by `npm test` after the e2e suite): every
// row of every table of the given schemas, partitioned tables read once through their parent.
import { describe, expect, it } from "vitest";
import { createScanner, databaseRows } from "../../../scripts/lib/secrets-scan";
import { useIsolatedDatabase } from "../../support/isolated-database";

const database = useIsolatedDatabase();

describe("the secrets scan's database dump", () => {
  it("reads every row of every table once and finds what must not be there", async () => {
    const { sql, url } = database();
    await sql.unsafe(`
      create schema scan_test;
      create table scan_test.notes (id serial primary key, body text, data jsonb);
      create table scan_test."Odd ""name""" (label text);
      create table scan_test.jobs (id int, queue text, data jsonb) partition by list (queue);
      create table scan_test.jobs_a partition of scan_test.jobs for values in ('a');
      create table scan_test.jobs_b partition of scan_test.jobs for values in ('b');
      insert into scan_test.notes (body, data) values ('clean', '{}'), ('card 4111 1111 1111 1111', '{"card":{"cvc":"123"}}');
      insert into scan_test."Odd ""name""" values ('sk_test_local_sandbox');
      insert into scan_test.jobs values (1, 'a', '{"ok":true}'), (2, 'b', '{"number":"5555555555554444"}');
    `);
    const rows: { table: string; where: string; text: string }[] = [];
    for await (const row of databaseRows(url, ["scan_test"])) rows.push(row);
    expect(rows.map((row) => row.table).sort()).toEqual([
      'scan_test.Odd "name"',
      "scan_test.jobs",
      "scan_test.jobs",
      "scan_test.notes",
      "scan_test.notes",
    ]);

    const scanner = createScanner({
      cardNumbers: ["4111111111111111", "5555555555554444"],
      secrets: [{ name: "CHEQPAY_API_KEY", value: "sk_test_local_sandbox" }],
    });
    const findings = rows.flatMap((row) => scanner.scan(row.text, row.where));
    expect(findings.map((f) => [f.where, f.what]).sort()).toEqual([
      ['database scan_test.Odd "name" row #1', "CHEQPAY_API_KEY"],
      ["database scan_test.jobs row id=2", "test card number …4444"],
      ["database scan_test.notes row id=2", "CVC"],
      ["database scan_test.notes row id=2", "test card number …1111"],
    ]);
  });

  it("reads the schemas public and pgboss by default", async () => {
    const { sql, url } = database();
    await sql.unsafe(`
      create table public.scan_probe (id int);
      insert into public.scan_probe values (1);
      create schema if not exists pgboss;
      create table pgboss.scan_probe (id int);
      insert into pgboss.scan_probe values (2);
    `);
    const tables = new Set<string>();
    for await (const row of databaseRows(url)) tables.add(row.table);
    expect(tables).toContain("public.scan_probe");
    expect(tables).toContain("pgboss.scan_probe");
    expect([...tables].filter((table) => !/^(public|pgboss)\./.test(table))).toEqual([]);
  });
});
