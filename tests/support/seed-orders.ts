// Seeds many plausible orders fast, for scale tests and benchmarks: `INSERT … SELECT FROM generate_series` in
// batches of 100,000, all in PostgreSQL (nothing crosses the wire per row).
//
// What `seedOrders(sql, count)` writes, on top of whatever is there (call it again to add more):
// - `count` orders, numbered by their own sequence, created over the 12 months before now in order-number order
//   (so numbers and dates grow together, as in production), with distinct emails `shopper-<n>@<domain>` (about
//   60 % at example.com, the rest spread over four other domains); statuses about 86 % paid, 8 % pending, 3 %
//   partially refunded, 3 % refunded; totals of 50 to 5,000 pesos in MXN.
// - One payment attempt per order (succeeded for paid and refunded orders; failed with a decline code or expired
//   for pending ones) and, for one order in ten, a failed attempt before it: cards with brand, last4 and expiry.
// - A payment event per attempt for one attempt in twenty (`attempt.status`, some `requires_challenge`).
// No order lines (they need products and nothing searched at scale reads them). Seeded ids and keys are made in
// order (`00000001-0000-4000-8000-<n in hex>`, `seed_final_<n>`…) so they append to the unique indexes; the
// orders' n continues from the number of orders already there, so a second call adds new ones.
import type postgres from "postgres";

export const SEED_BATCH_SIZE = 100_000;

export type SeedResult = { orders: number; attempts: number; events: number; ms: number };

/**
 * Adds `count` orders (and their attempts and events) to the database `sql` is connected to (a pool or a
 * connection, not a transaction: it commits each batch), then VACUUM ANALYZEs the tables as autovacuum would
 * have done to older data: statistics for the planner, visibility for index-only scans. 200,000 take ~25 s and
 * 1,000,000 ~150 s on a busy 2-core machine.
 */
export async function seedOrders(sql: postgres.Sql, count: number): Promise<SeedResult> {
  const started = performance.now();
  const [{ offset }] = (await sql`select count(*)::int as offset from orders`) as unknown as [{ offset: number }];
  let attempts = 0;
  let events = 0;
  for (let first = 1; first <= count; first += SEED_BATCH_SIZE) {
    const last = Math.min(count, first + SEED_BATCH_SIZE - 1);
    const made = await seedBatch(sql, offset, first, last, count);
    attempts += made.attempts;
    events += made.events;
  }
  await sql`vacuum analyze orders`;
  await sql`vacuum analyze payment_attempts`;
  await sql`vacuum analyze payment_events`;
  return { orders: count, attempts, events, ms: Math.round(performance.now() - started) };
}

async function seedBatch(sql: postgres.Sql, offset: number, first: number, last: number, count: number) {
  return sql.begin(async (tx) => {
    // Foreign keys hold by construction (each attempt's order is in this batch): skipping their per-row
    // triggers (superusers only, this transaction only) halves the time.
    const [{ rolsuper }] = (await tx`select rolsuper from pg_roles where rolname = current_user`) as unknown as [{ rolsuper: boolean }];
    if (rolsuper) await tx.unsafe(`set local session_replication_role = replica`);
    // Ids and keys in the order they are made: appending to the unique indexes instead of writing all over
    // them makes seeding several times faster (the app's own random ids are unaffected).
    await tx.unsafe(
      `create or replace function pg_temp.seed_uuid(kind int, n int) returns uuid language sql immutable as
       $$ select (lpad(to_hex(kind), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid $$`,
    );
    // The batch's orders, made in a temporary table first so that the attempts know each order's n.
    await tx.unsafe(
      `create temporary table seed_batch on commit drop as
       select g + $1::int as n, pg_temp.seed_uuid(1, g + $1::int) as order_id,
              case when roll < 86 then 'paid' when roll < 94 then 'pending' when roll < 97 then 'partially_refunded'
                   else 'refunded' end as status,
              now() - interval '365 days' + (interval '365 days' * g / $4::int) - random() * interval '20 minutes' as created_at,
              'shopper-' || (g + $1::int) || '@' ||
                (array['example.com','example.com','example.com','example.com','example.com','example.com',
                       'correo.example.mx','mail.example.org','example.net','tienda.example'])[1 + (g % 10)] as email,
              5000 + (hashint4(g + $1::int) & 65535) * 7 as total
       from generate_series($2::int, $3::int) g, lateral (select (hashint4(-(g + $1::int)) & 2147483647) % 100 as roll) r`,
      [offset, first, last, count],
    );
    await tx.unsafe(
      `insert into orders (id, public_token, status, currency, subtotal_centavos, total_centavos, email, first_name,
                           last_name, phone, billing_address, locale, paid_at, created_at, updated_at)
       select order_id, 'seed' || lpad(n::text, 28, '0'), status, 'MXN', total, total, email,
              (array['Ana','Berta','Carlos','Diego','Elena','Fernanda','Gabriel','Hugo'])[1 + (n % 8)],
              (array['López','García','Martínez','Hernández','Pérez','Sánchez','Ramírez'])[1 + (n % 7)],
              case when n % 3 = 0 then null else '+52 55 ' || lpad((n % 100000000)::text, 8, '0') end,
              jsonb_build_object('line1', 'Av. Reforma ' || (n % 900 + 1), 'city', 'Ciudad de México', 'state', 'CMX',
                                 'postalCode', lpad((n % 99999)::text, 5, '0'), 'country', 'MX'),
              case when n % 4 = 0 then 'en' else 'es-MX' end,
              case when status <> 'pending' then created_at + interval '3 seconds' end,
              created_at, created_at + interval '3 seconds'
       from seed_batch order by n`,
    );
    await tx.unsafe(`analyze seed_batch`);
    // A declined attempt first for one order in ten; then the final attempt of every order.
    const attempted = await tx.unsafe(
      `with rows as (
         select b.order_id, b.email, b.created_at, b.total, kind.k,
                case when kind.k = 'before' then 'failed'
                     when b.status = 'pending' then case when b.n % 5 = 0 then 'expired' else 'failed' end
                     else 'succeeded' end as status,
                (hashint4(b.n * 2 + case kind.k when 'before' then 1 else 0 end) & 2147483647) as h,
                b.n
         from seed_batch b
         cross join lateral (select 'before' as k where b.n % 10 = 0 union all select 'final') kind
       )
       insert into payment_attempts (id, order_id, external_id, submission_key, cheqpay_order_id, status, amount_centavos,
                                     currency, card_brand, card_last4, card_expiry_month, card_expiry_year, decline_code,
                                     decline_reason, created_at, updated_at, client_ip, email)
       select pg_temp.seed_uuid(case when k = 'before' then 2 else 3 end, n), order_id, 'seed_' || k || '_' || n, 'seedkey_' || k || '_' || n,
              'chq_seed_' || k || '_' || n, status, total, 'MXN',
              (array['visa','visa','mastercard','mastercard','amex'])[1 + h % 5],
              lpad((h % 10000)::text, 4, '0'), 1 + h % 12, 2027 + h % 5,
              case when status = 'failed' then (array['insufficient_funds','card_declined','do_not_honor','expired_card'])[1 + h % 4] end,
              case when status = 'failed' then 'Declined by the issuer' end,
              created_at + case when k = 'before' then interval '0' else interval '1 second' end,
              created_at + case when k = 'before' then interval '800 milliseconds' else interval '2 seconds' end
                + (h % 1500) * interval '1 millisecond',
              '10.' || (n % 250) || '.' || (h % 250) || '.' || (n % 97), email
       from rows`,
    );
    const inserted = await tx.unsafe(
      `insert into payment_events (order_id, attempt_id, kind, detail, created_at)
       select a.order_id, a.id, 'attempt.status',
              jsonb_build_object('status', case when (hashint4(a.n) & 1) = 0 then 'requires_challenge' else a.status end),
              a.created_at + interval '500 milliseconds'
       from (select pa.id, pa.order_id, pa.status, pa.created_at, b.n
             from seed_batch b join payment_attempts pa on pa.order_id = b.order_id
             where b.n % 20 = 0) a`,
    );
    return { attempts: attempted.count, events: inserted.count };
  });
}
