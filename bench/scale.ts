// Scale: the database grown to N orders (plausible ones: emails, statuses, months of created_at, attempts with
// a card's last 4), seeded fast with generate_series in batches, then the back office's order search and the
// success-rate query timed at that size. Payment latency at each size is measured by run.ts with
// payment-latency.ts.
import type postgres from "postgres";
import { type OrderSearch, parseOrderSearch, searchOrders } from "@/lib/admin/order-search";
import { checkSuccessRate } from "@/lib/alerts/check-success-rate";
import type { BenchContext } from "./lib/context";
import { summarize, type Summary, timed } from "./lib/stats";

const BATCH = 100_000;

export async function orderCount(sql: postgres.Sql): Promise<number> {
  const [row] = await sql<{ n: string }[]>`select count(*) as n from orders`;
  return Number(row!.n);
}

/** Adds seeded orders (one final attempt each) until the database holds `target` orders. */
export async function seedOrdersUpTo(sql: postgres.Sql, target: number): Promise<number> {
  let have = await orderCount(sql);
  while (have < target) {
    const size = Math.min(BATCH, target - have);
    await sql`
      with made as (
        insert into orders (public_token, status, currency, subtotal_centavos, total_centavos, email, first_name, last_name, phone,
          billing_address, locale, paid_at, created_at, updated_at)
        select md5(random()::text || g::text || clock_timestamp()::text), status, 'MXN', total, total,
          'customer' || g || '@' || (array['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com.mx', 'example.mx'])[1 + g % 5],
          (array['Ana', 'Luis', 'María', 'José', 'Sofía', 'Carlos'])[1 + g % 6],
          (array['López', 'García', 'Hernández', 'Martínez', 'Pérez'])[1 + g % 5],
          '+52 55 ' || lpad((g % 100000000)::text, 8, '0'),
          jsonb_build_object('line1', 'Av. Reforma ' || (g % 500), 'city', 'Ciudad de México', 'state', 'CMX',
            'postalCode', lpad((g % 99999)::text, 5, '0'), 'country', 'MX'),
          case when g % 3 = 0 then 'en' else 'es-MX' end,
          case when status = 'pending' then null else at end, at, at
        from (
          select g, now() - random() * interval '180 days' as at, (1 + g % 20) * 4900 as total,
            case when g % 20 < 16 then 'paid' when g % 20 < 18 then 'pending' when g % 20 = 18 then 'refunded' else 'partially_refunded' end as status
          from generate_series(${have + 1}::bigint, ${have + size}::bigint) as g
        ) as seed
        returning id, status, total_centavos, email, created_at
      )
      insert into payment_attempts (order_id, external_id, submission_key, cheqpay_order_id, status, amount_centavos, currency,
        card_brand, card_last4, card_expiry_month, card_expiry_year, decline_code, created_at, updated_at, client_ip, email)
      select id, 'att_seed_' || replace(id::text, '-', ''), 'key_seed_' || replace(id::text, '-', ''),
        case when status = 'pending' then null else 'po_seed_' || replace(id::text, '-', '') end,
        case when status = 'pending' then 'failed' else 'succeeded' end, total_centavos, 'MXN',
        (array['visa', 'mastercard', 'amex'])[1 + floor(random() * 3)::int], lpad(floor(random() * 10000)::int::text, 4, '0'),
        1 + floor(random() * 12)::int, 2027 + floor(random() * 4)::int,
        case when status = 'pending' then 'DECLINED' end, created_at, created_at,
        '10.' || floor(random() * 255)::int || '.' || floor(random() * 255)::int || '.' || floor(random() * 255)::int, email
      from made`;
    have += size;
  }
  // Fresh statistics and visibility map, as autovacuum would have them on a database that grew slowly.
  await sql.unsafe("vacuum analyze orders");
  await sql.unsafe("vacuum analyze payment_attempts");
  // The seed's WAL written out now, not by a checkpoint in the middle of the next measurement.
  await sql.unsafe("checkpoint");
  return orderCount(sql);
}

/** At least MIN_REPETITIONS samples; at most `count`, or fewer once TIME_CAP_MS went by (a very slow query). */
const MIN_REPETITIONS = 5;
const TIME_CAP_MS = 15_000;

async function repeat(count: number, query: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < count && (samples.length < MIN_REPETITIONS || performance.now() - started < TIME_CAP_MS)) {
    samples.push((await timed(query)).ms);
  }
  return samples;
}

export type QueryTimings = { searches: Record<string, Summary>; worstSearchP95: number; successRate: Summary };

/** The back office's searches (an email fragment, an order number, a card's last 4, the plain listing) and the
 *  success-rate check's query, each repeated; p95 per search. */
export async function timeQueries(ctx: BenchContext): Promise<QueryTimings> {
  const { db, sql } = ctx.pool;
  const [sample] = await sql<{ order_number: string; email: string; last4: string }[]>`
    select o.order_number, o.email, a.card_last4 as last4 from orders o join payment_attempts a on a.order_id = o.id
    where o.email like 'customer%' order by o.order_number desc limit 1`;
  const fragment = sample ? sample.email.slice(0, Math.max(9, sample.email.indexOf("@") - 2)) : "shopper";
  const searches: Record<string, OrderSearch> = {
    emailFragment: parseOrderSearch({ q: fragment }),
    orderNumber: parseOrderSearch({ q: sample ? String(sample.order_number) : "1" }),
    cardLast4: parseOrderSearch({ q: sample?.last4 ?? "1111" }),
    listing: parseOrderSearch({}),
  };
  const result: Record<string, Summary> = {};
  for (const [name, search] of Object.entries(searches)) {
    await searchOrders(db, search);
    result[name] = summarize(await repeat(ctx.settings.queryRepetitions, () => searchOrders(db, search)));
  }
  const settings = { successRate: 0.85, minPayments: Number.MAX_SAFE_INTEGER, webhookUrl: null, staffEmails: [], appUrl: ctx.app.url };
  const mailer = { sendMail: async () => ({ sent: false }) } as unknown as Parameters<typeof checkSuccessRate>[1];
  const rateSamples = await repeat(ctx.settings.queryRepetitions, () => checkSuccessRate(db, mailer, settings));
  return {
    searches: result,
    worstSearchP95: Math.max(...Object.values(result).map((s) => s.p95)),
    successRate: summarize(rateSamples),
  };
}
