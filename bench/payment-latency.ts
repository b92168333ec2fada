// Payment latency, one shopper at a time: the app's full guest card payment (Server Action over HTTPS) against
// the raw floor in the same run, the minimum any checkout must do: insert the order, insert the attempt, the
// Cheqpay client's create call to the sandbox, update the attempt. Both run in alternating blocks so that the
// machine's noise falls on both alike.
import { randomBytes, randomUUID } from "node:crypto";
import { type CheqpayClient, createCheqpayClient } from "@/lib/cheqpay";
import { APPROVED_VISA } from "../tests/support/system-shopper";
import { makeCarts } from "./lib/carts";
import type { BenchContext } from "./lib/context";
import { payGuest } from "./lib/shopper";
import { summarize, type Summary, timed } from "./lib/stats";

const BLOCK = 25;
const ADDRESS = { line1: "Av. Reforma 222", city: "Ciudad de México", state: "CMX", postalCode: "06600", country: "MX" };

export type LatencyResult = { app: Summary; floor: Summary };

export function floorClient(ctx: BenchContext): CheqpayClient {
  return createCheqpayClient({ baseUrl: ctx.sandbox.baseUrl, apiKey: ctx.sandbox.apiKey, merchantId: ctx.sandbox.merchantId });
}

/** The floor's payment: three SQL statements and one create call, nothing else. */
export async function floorPayment(ctx: BenchContext, client: CheqpayClient): Promise<void> {
  const { sql } = ctx.pool;
  const email = `floor-${randomUUID().slice(0, 8)}@example.com`;
  const [order] = await sql<{ id: string; order_number: string }[]>`
    insert into orders (public_token, currency, subtotal_centavos, total_centavos, email, first_name, last_name, phone, billing_address, locale)
    values (${randomBytes(24).toString("base64url")}, 'MXN', 24900, 24900, ${email}, 'Ana', 'López', '+52 55 1234 5678',
      ${JSON.stringify(ADDRESS)}::jsonb, 'es-MX')
    returning id, order_number`;
  const externalId = `att_${randomBytes(12).toString("hex")}`;
  const [attempt] = await sql<{ id: string }[]>`
    insert into payment_attempts (order_id, external_id, submission_key, status, amount_centavos, currency, card_brand, card_last4,
      card_expiry_month, card_expiry_year, client_ip, email)
    values (${order!.id}, ${externalId}, ${`key_${randomUUID()}`}, 'submitted', 24900, 'MXN', 'visa', '1111', 12, 2030, '127.0.0.1', ${email})
    returning id`;
  const created = await client.createPaymentOrder({
    externalId,
    amount: 24900,
    currency: "MXN",
    description: `Order ${order!.order_number}`,
    customer: { firstName: "Ana", lastName: "López", email },
    source: { kind: "new-card", number: APPROVED_VISA, expiryMonth: 12, expiryYear: 2030, cvc: "739", save: false },
    billingAddress: ADDRESS,
    device: { ipAddress: "127.0.0.1", userAgent: "cheqpay-bench" },
  });
  if (created.status !== "succeeded") throw new Error(`floor payment not completed: ${created.status}`);
  await sql`update payment_attempts set status = 'succeeded', cheqpay_order_id = ${created.id}, updated_at = now() where id = ${attempt!.id}`;
}

/** `count` app payments and `floorCount` floor payments (0: none), alternating in blocks. */
export async function measureLatency(ctx: BenchContext, count: number, floorCount = count): Promise<LatencyResult> {
  const carts = await makeCarts(ctx.pool.sql, count);
  const client = floorClient(ctx);
  const app: number[] = [];
  const floor: number[] = [];
  while (app.length < count || floor.length < floorCount) {
    for (let i = 0; i < BLOCK && app.length < count; i++) app.push((await timed(() => payGuest(ctx, carts[app.length]!))).ms);
    for (let i = 0; i < BLOCK && floor.length < floorCount; i++) floor.push((await timed(() => floorPayment(ctx, client))).ms);
  }
  return { app: summarize(app), floor: summarize(floor) };
}
