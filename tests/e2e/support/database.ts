// Reading the app's database from the tests (scripts/test.ts passes DATABASE_URL to Playwright). Read-only:
// the tests share the database with every other test of the run.
import { expect } from "@playwright/test";
import postgres from "postgres";

export type Sql = postgres.Sql;

export type OrderRow = {
  id: string;
  public_token: string;
  order_number: string;
  status: string;
  total_centavos: number;
  email: string;
  cart_id: string | null;
};

export type AttemptRow = {
  id: string;
  order_id: string;
  external_id: string;
  cheqpay_order_id: string | null;
  status: string;
  amount_centavos: number;
  card_brand: string | null;
  card_last4: string | null;
  decline_code: string | null;
  created_at: Date;
};

export type PaymentEventRow = {
  id: string;
  order_id: string | null;
  attempt_id: string | null;
  kind: string;
  detail: Record<string, unknown>;
};

export function connect(): Sql {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run the end-to-end tests with `npm test -- e2e`.");
  return postgres(url, { max: 2, onnotice: () => {} });
}

export async function ordersByEmail(sql: Sql, email: string): Promise<OrderRow[]> {
  return sql<OrderRow[]>`
    select id, public_token, order_number, status, total_centavos, email, cart_id
    from orders where email = ${email.toLowerCase()} order by created_at`;
}

/** The one order this shopper made (fails when there is not exactly one). */
export async function onlyOrderOf(sql: Sql, email: string): Promise<OrderRow> {
  const orders = await ordersByEmail(sql, email);
  expect(orders, `orders for ${email}`).toHaveLength(1);
  return orders[0]!;
}

export async function orderByToken(sql: Sql, token: string): Promise<OrderRow | null> {
  const [order] = await sql<OrderRow[]>`
    select id, public_token, order_number, status, total_centavos, email, cart_id
    from orders where public_token = ${token}`;
  return order ?? null;
}

export async function attemptsOf(sql: Sql, orderId: string): Promise<AttemptRow[]> {
  return sql<AttemptRow[]>`
    select id, order_id, external_id, cheqpay_order_id, status, amount_centavos, card_brand, card_last4, decline_code, created_at
    from payment_attempts where order_id = ${orderId} order by created_at, id`;
}

export async function eventsOf(sql: Sql, orderId: string): Promise<PaymentEventRow[]> {
  return sql<PaymentEventRow[]>`
    select id::text, order_id, attempt_id, kind, detail from payment_events where order_id = ${orderId} order by id`;
}

/** The token in an order page's URL. */
export function tokenOfOrderUrl(url: string): string {
  const match = /\/orders\/([A-Za-z0-9_-]+)(?:[?#]|$)/.exec(url);
  if (!match) throw new Error(`Not an order page: ${url}`);
  return match[1]!;
}
