// The back office's orders list against real PostgreSQL: search by order number, email and a card's last 4
// digits; status and date filters; 25 a page, newest first. Other files write orders to the same database at
// the same time, so this file's orders are dated in a year of their own and searched within it.
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { type OrderSearch, searchOrders } from "@/lib/admin/order-search";
import type { AttemptStatus } from "@/lib/checkout/attempt-status";
import { type OrderStatus, orders, paymentAttempts } from "@/lib/db/schema";
import { newExternalId, newKey, useDatabase } from "../../support/checkout-fixtures";

const db = useDatabase();

/** A year no other test writes orders in (the run's database is fresh, but shared by files running at once). */
const YEAR = 1990 + Math.floor(Math.random() * 20);
const tag = randomBytes(4).toString("hex");

/** Mexico City is UTC-6 (no daylight saving since 2022; and in January before that). */
const mexicoCity = (day: number, hour: number, minute = 0) => new Date(Date.UTC(YEAR, 0, day, hour + 6, minute));

type Made = { id: string; orderNumber: number; email: string; createdAt: Date };

async function makeOrder(input: { email: string; createdAt: Date; status?: OrderStatus; totalCentavos?: number }): Promise<Made> {
  const [row] = await db
    .insert(orders)
    .values({
      publicToken: randomBytes(24).toString("base64url").slice(0, 32),
      status: input.status ?? "paid",
      currency: "MXN",
      subtotalCentavos: input.totalCentavos ?? 24900,
      totalCentavos: input.totalCentavos ?? 24900,
      email: input.email,
      firstName: "Ana",
      lastName: "López",
      billingAddress: { line1: "Av. Reforma 222", city: "Ciudad de México", state: "CMX", postalCode: "06600", country: "MX" },
      createdAt: input.createdAt,
      updatedAt: input.createdAt,
    })
    .returning({ id: orders.id, orderNumber: orders.orderNumber, email: orders.email, createdAt: orders.createdAt });
  return row!;
}

async function addAttempt(order: Made, status: AttemptStatus, card: { brand: string; last4: string }, secondsAfter: number): Promise<void> {
  await db.insert(paymentAttempts).values({
    orderId: order.id,
    externalId: newExternalId(),
    submissionKey: newKey(),
    status,
    amountCentavos: 24900,
    currency: "MXN",
    cardBrand: card.brand,
    cardLast4: card.last4,
    createdAt: new Date(order.createdAt.getTime() + secondsAfter * 1000),
  });
}

/** A search within this file's year. */
const search = (overrides: Partial<OrderSearch> = {}): OrderSearch => ({
  q: "",
  status: null,
  from: `${YEAR}-01-01`,
  to: `${YEAR}-12-31`,
  page: 1,
  ...overrides,
});

// Four digits that are not this file's other cards (another test's cards may end in them: see the last4 test).
const LAST4 = String(5000 + Math.floor(Math.random() * 2000));
const OTHER_LAST4 = "7777";

let ana: Made;
let berta: Made;
let carla: Made;
let paidThenDeclined: Made;

beforeAll(async () => {
  ana = await makeOrder({ email: `ana.${tag}@example.com`, createdAt: mexicoCity(10, 9), status: "paid" });
  berta = await makeOrder({ email: `berta.${tag}@example.com`, createdAt: mexicoCity(11, 23, 30), status: "partially_refunded" });
  carla = await makeOrder({ email: `carla.${tag}@example.org`, createdAt: mexicoCity(12, 0, 30), status: "pending" });
  paidThenDeclined = await makeOrder({ email: `dora.${tag}@example.com`, createdAt: mexicoCity(13, 12), status: "refunded" });
  // Ana paid with LAST4 after a declined OTHER_LAST4; Carla's only attempt failed with LAST4.
  await addAttempt(ana, "failed", { brand: "mastercard", last4: OTHER_LAST4 }, 1);
  await addAttempt(ana, "succeeded", { brand: "visa", last4: LAST4 }, 2);
  await addAttempt(carla, "failed", { brand: "amex", last4: LAST4 }, 1);
  // Dora's successful attempt is older than a later (refused) one: the card shown is the one that paid.
  await addAttempt(paidThenDeclined, "succeeded", { brand: "visa", last4: "4242" }, 1);
  await addAttempt(paidThenDeclined, "failed", { brand: "mastercard", last4: OTHER_LAST4 }, 60);
});

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe("searchOrders", () => {
  it("lists the orders newest first, with the card that paid or else the latest one", async () => {
    const result = await searchOrders(db, search({ q: tag }));
    expect(ids(result.rows)).toEqual([paidThenDeclined.id, carla.id, berta.id, ana.id]);
    expect(result.total).toBe(4);
    expect(result.rows[3]).toEqual({
      id: ana.id,
      orderNumber: ana.orderNumber,
      createdAt: ana.createdAt,
      email: ana.email,
      status: "paid",
      totalCentavos: 24900,
      currency: "MXN",
      cardBrand: "visa",
      cardLast4: LAST4,
    });
    const card = (order: Made) => result.rows.find((r) => r.id === order.id)!;
    expect([card(paidThenDeclined).cardBrand, card(paidThenDeclined).cardLast4]).toEqual(["visa", "4242"]);
    expect([card(carla).cardBrand, card(carla).cardLast4]).toEqual(["amex", LAST4]);
    expect([card(berta).cardBrand, card(berta).cardLast4]).toEqual([null, null]);
  });

  it("finds an order by its number, with or without #", async () => {
    for (const q of [String(berta.orderNumber), `#${berta.orderNumber}`, `# ${berta.orderNumber}`]) {
      const result = await searchOrders(db, { q, status: null, from: null, to: null, page: 1 });
      expect(ids(result.rows), q).toEqual([berta.id]);
      expect(result.total).toBe(1);
    }
    expect((await searchOrders(db, search({ q: "99999999999999999999" }))).total).toBe(0);
  });

  it("finds orders by email, whole or in part, in any case", async () => {
    expect(ids((await searchOrders(db, search({ q: `ana.${tag}@example.com` }))).rows)).toEqual([ana.id]);
    expect(ids((await searchOrders(db, search({ q: `BERTA.${tag.toUpperCase()}` }))).rows)).toEqual([berta.id]);
    expect(ids((await searchOrders(db, search({ q: `${tag}@example.org` }))).rows)).toEqual([carla.id]);
    // LIKE's wildcards are searched as text.
    expect((await searchOrders(db, search({ q: `%${tag}` }))).total).toBe(0);
    expect((await searchOrders(db, search({ q: `_na.${tag}` }))).total).toBe(0);
  });

  it("finds orders by the last 4 digits of any of their cards", async () => {
    expect(ids((await searchOrders(db, search({ q: LAST4 }))).rows)).toEqual([carla.id, ana.id]);
    expect(ids((await searchOrders(db, search({ q: OTHER_LAST4 }))).rows)).toEqual([paidThenDeclined.id, ana.id]);
    // Without the date range: other tests' orders may end in the same digits, but these are among them.
    const everywhere = await searchOrders(db, { q: LAST4, status: null, from: null, to: null, page: 1 }, 1000);
    expect(ids(everywhere.rows)).toEqual(expect.arrayContaining([ana.id, carla.id]));
  });

  it("filters by status", async () => {
    expect(ids((await searchOrders(db, search({ q: tag, status: "paid" }))).rows)).toEqual([ana.id]);
    expect(ids((await searchOrders(db, search({ q: tag, status: "partially_refunded" }))).rows)).toEqual([berta.id]);
    expect(ids((await searchOrders(db, search({ q: tag, status: "refunded" }))).rows)).toEqual([paidThenDeclined.id]);
    expect(ids((await searchOrders(db, search({ q: tag, status: "pending" }))).rows)).toEqual([carla.id]);
    expect(ids((await searchOrders(db, search({ q: LAST4, status: "pending" }))).rows)).toEqual([carla.id]);
  });

  it("filters by Mexico City's days, both ends included", async () => {
    const day = (n: number) => `${YEAR}-01-${String(n).padStart(2, "0")}`;
    // Berta ordered at 23:30 on the 11th in Mexico City (already the 12th in UTC); Carla at 00:30 on the 12th.
    expect(ids((await searchOrders(db, search({ q: tag, from: day(11), to: day(11) }))).rows)).toEqual([berta.id]);
    expect(ids((await searchOrders(db, search({ q: tag, from: day(12), to: day(12) }))).rows)).toEqual([carla.id]);
    expect(ids((await searchOrders(db, search({ q: tag, from: day(11), to: null }))).rows)).toEqual([paidThenDeclined.id, carla.id, berta.id]);
    expect(ids((await searchOrders(db, search({ q: tag, from: null, to: day(11) }))).rows)).toEqual([berta.id, ana.id]);
    expect((await searchOrders(db, search({ q: tag, from: day(14), to: day(20) }))).total).toBe(0);
  });

  it("pages 25 at a time, newest first across pages, with the total", async () => {
    const pageTag = randomUUID().slice(0, 8);
    const made: Made[] = [];
    for (let i = 0; i < 30; i++) {
      made.push(await makeOrder({ email: `page-${pageTag}-${i}@example.com`, createdAt: mexicoCity(20, 8, i) }));
    }
    // Same instant as the newest: the higher order number comes first.
    const twin = await makeOrder({ email: `page-${pageTag}-twin@example.com`, createdAt: mexicoCity(20, 8, 29) });
    const newestFirst = [twin, ...[...made].reverse()].map((o) => o.id);

    const first = await searchOrders(db, search({ q: `page-${pageTag}` }));
    expect(first).toMatchObject({ total: 31, page: 1, pageCount: 2, pageSize: 25 });
    expect(ids(first.rows)).toEqual(newestFirst.slice(0, 25));
    const second = await searchOrders(db, search({ q: `page-${pageTag}`, page: 2 }));
    expect(second).toMatchObject({ total: 31, page: 2, pageCount: 2 });
    expect(ids(second.rows)).toEqual(newestFirst.slice(25));
    const beyond = await searchOrders(db, search({ q: `page-${pageTag}`, page: 3 }));
    expect(beyond).toMatchObject({ total: 31, page: 3, pageCount: 2, rows: [] });
    const bySmallPages = await searchOrders(db, search({ q: `page-${pageTag}`, page: 4 }), 10);
    expect(ids(bySmallPages.rows)).toEqual(newestFirst.slice(30));
  });

  it("lists every order newest first without a search", async () => {
    const result = await searchOrders(db, { q: "", status: null, from: null, to: null, page: 1 });
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.rows.length).toBeLessThanOrEqual(25);
    const times = result.rows.map((r) => r.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(result.pageCount).toBe(Math.max(1, Math.ceil(result.total / 25)));
  });
});
