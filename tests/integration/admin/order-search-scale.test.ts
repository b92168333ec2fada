// The back office's search at scale: 200,000 seeded orders in a database of this file's own (the shared one's
// dashboard and search tests count what is in it). Each search's plans must stay on indexes (no sequential
// scan of orders or of payment_attempts: at a million orders one costs seconds), the count stops at COUNT_CAP,
// and the answers match what plain SQL counts.
import { beforeAll, describe, expect, it } from "vitest";
import { COUNT_CAP, type OrderSearch, orderSearchQueries, searchOrders } from "@/lib/admin/order-search";
import { useIsolatedDatabase } from "../../support/isolated-database";
import { seedOrders } from "../../support/seed-orders";

const SEEDED = 200_000;
const database = useIsolatedDatabase();

beforeAll(async () => {
  const { sql } = database();
  await seedOrders(sql, SEEDED);
}, 120_000);

const search = (overrides: Partial<OrderSearch> = {}): OrderSearch => ({ q: "", status: null, from: null, to: null, page: 1, ...overrides });

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; "Index Cond"?: string; Plans?: PlanNode[] };
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/** The nodes of the plans of a search's page query and count query, by query. */
async function planNodes(s: OrderSearch): Promise<[string, PlanNode][]> {
  const { db, sql } = database();
  const nodes: [string, PlanNode][] = [];
  for (const [name, query] of Object.entries(await orderSearchQueries(db, s))) {
    const { sql: text, params } = query.toSQL();
    const [row] = await sql.unsafe(`explain (format json) ${text}`, params as never[]);
    for (const node of nodesOf((row!["QUERY PLAN"] as { Plan: PlanNode }[])[0]!.Plan)) nodes.push([name, node]);
  }
  return nodes;
}

/** The sequential scans (by table) in the plans of a search's page query and count query. */
async function seqScans(s: OrderSearch): Promise<string[]> {
  return (await planNodes(s)).filter(([, node]) => node["Node Type"] === "Seq Scan").map(([name, node]) => `${name}: ${node["Relation Name"]}`);
}

describe(`order search over ${SEEDED.toLocaleString("en")} orders`, () => {
  it("plans every search on indexes, never a sequential scan of orders or attempts", async () => {
    const { sql } = database();
    const [{ number }] = (await sql`select order_number::int as number from orders order by order_number desc limit 1 offset 5000`) as unknown as [
      { number: number },
    ];
    const searches: OrderSearch[] = [
      search({ page: 2 }),
      search({ q: "shopper-12345" }),
      search({ q: "nobody-here@nowhere" }),
      search({ q: "4242" }),
      search({ q: `#${number}` }),
      search({ status: "refunded", page: 3 }),
      search({ q: "shopper-1234", status: "paid" }),
    ];
    for (const s of searches) expect(await seqScans(s), JSON.stringify(s)).toEqual([]);
  });

  it("looks up an email fragment's rare part on the trigram index, not the trigrams every email has", async () => {
    // "sho", "hop", … are in every seeded email: given them, the index would walk nearly every order's entry.
    const lookups = (await planNodes(search({ q: "shopper-12345" }))).filter(([, node]) => node["Index Name"] === "orders_email_trgm_idx");
    expect(lookups.map(([name]) => name).sort()).toEqual(["count", "page"]);
    for (const [, node] of lookups) {
      const part = /^\(email ~~\* '%(\w+)%'::text\)$/.exec(node["Index Cond"] ?? "")?.[1];
      expect(part, node["Index Cond"]).toBeDefined();
      expect("12345").toContain(part); // the digits, or the rarer ones of them
    }
  });

  it("counts a broad search up to the cap, and still pages through it", async () => {
    const first = await searchOrders(database().db, search());
    expect(first).toMatchObject({ total: COUNT_CAP, totalCapped: true, hasNextPage: true, page: 1, pageCount: COUNT_CAP / 25 });
    expect(first.rows).toHaveLength(25);
    // Past the cap's pages: the next link still shows while there are rows, and the page count says at least this.
    const deep = await searchOrders(database().db, search({ page: 500 }));
    expect(deep).toMatchObject({ totalCapped: true, hasNextPage: true, pageCount: 501 });
    expect(deep.rows).toHaveLength(25);
    const times = [...first.rows, ...deep.rows].map((r) => r.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("counts exactly below the cap, as plain SQL does", async () => {
    const { db, sql } = database();
    const [{ byEmail }] = (await sql`select count(*)::int as "byEmail" from orders where email ilike '%shopper-1234%'`) as unknown as [{ byEmail: number }];
    const email = await searchOrders(db, search({ q: "shopper-1234" }));
    expect(email).toMatchObject({ total: byEmail, totalCapped: false, pageCount: Math.ceil(byEmail / 25) });
    expect(byEmail).toBeGreaterThan(25); // 1234, 12340–12349, 123400–123499…: more than a page, so it was counted
    const [{ byCard }] = (await sql`
      select count(*)::int as "byCard" from orders
      where id in (select order_id from payment_attempts where card_last4 = '4242') or order_number = 4242`) as unknown as [{ byCard: number }];
    const card = await searchOrders(db, search({ q: "4242" }), 1000);
    expect(card).toMatchObject({ total: byCard, totalCapped: false, hasNextPage: false });
    expect(new Set(card.rows.map((r) => r.id)).size).toBe(byCard); // an order with two such cards is listed once
    expect(await searchOrders(db, search({ q: "nobody-here@nowhere" }))).toMatchObject({ total: 0, totalCapped: false, rows: [] });
  });

  it("counts a page the search ended on from the page itself", async () => {
    const { db } = database();
    const all = await searchOrders(db, search({ q: "shopper-1234" }));
    const lastPage = await searchOrders(db, search({ q: "shopper-1234", page: all.pageCount }));
    expect(lastPage).toMatchObject({ total: all.total, hasNextPage: false, pageCount: all.pageCount });
    expect(lastPage.rows.length).toBe(all.total - (all.pageCount - 1) * 25);
    const beyond = await searchOrders(db, search({ q: "shopper-1234", page: all.pageCount + 1 }));
    expect(beyond).toMatchObject({ total: all.total, rows: [], hasNextPage: false });
  });
});
