// The operations dashboard's figures for a period, computed by PostgreSQL: five queries whatever the data, in
// one read-only repeatable-read transaction so that every figure describes the same moment.
//
// - A payment is an attempt that reached a final status (succeeded, failed, expired) in the period: its
//   `updated_at` is when it got there, so processing time is `updated_at - created_at`.
// - Revenue: the totals of orders paid (`paid_at`) in the period; refunds are those requested in the period, by
//   status, and the succeeded ones are taken off the revenue.
// - The shop sells in one currency (MXN): money figures count that currency only.
import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import type { RefundStatus } from "@/lib/db/schema";
import { type Bucket, type BucketCounts, fillBuckets, type Period, periodRange, rate } from "./dashboard-chart";

export const DASHBOARD_CURRENCY = "MXN";
export const REFUND_STATUSES: readonly RefundStatus[] = ["PENDING", "SUCCEEDED", "FAILED"];

export type DashboardFigures = {
  period: Period;
  from: Date;
  to: Date;
  currency: string;
  payments: { total: number; succeeded: number; failed: number; expired: number; successRate: number | null };
  /** Successful payments' amounts (centavos, not rounded: a median of two may end in .5). */
  amounts: { averageCentavos: number | null; medianCentavos: number | null };
  /** Processing time of the payments (created → final status), in ms. */
  processing: { p50Ms: number | null; p95Ms: number | null };
  threeDSecure: { challenged: number; challengedSucceeded: number; challengeRate: number | null; challengeSuccessRate: number | null };
  /** Failed payments by decline code (null: failed without one), most frequent first. */
  declines: { code: string | null; count: number }[];
  revenue: { paidOrders: number; grossCentavos: number; refundedCentavos: number; netCentavos: number };
  refunds: Record<RefundStatus, { count: number; amountCentavos: number }>;
  buckets: Bucket[];
};

type Row = Record<string, unknown>;
const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * The figures of `period` up to `now`; `bucketStarts` are the chart's buckets (see `bucketStarts` in
 * ./dashboard-chart.ts), the first at or before the period's start.
 */
export async function loadDashboard(db: Database, period: Period, now: Date, bucketStarts: readonly Date[]): Promise<DashboardFigures> {
  const { from, to } = periodRange(period, now);
  const fromAt = sql`${from.toISOString()}::timestamptz`;
  const toAt = sql`${to.toISOString()}::timestamptz`;
  const currency = DASHBOARD_CURRENCY;
  // A payment: an attempt that reached a final status in [from, to).
  const finalInPeriod = sql`a.status in ('succeeded', 'failed', 'expired') and a.updated_at >= ${fromAt} and a.updated_at < ${toAt}`;
  const thresholds = `{${bucketStarts.map((d) => d.toISOString()).join(",")}}`;

  return db.transaction(
    async (tx) => {
      // The summary's per-payment subquery makes its estimated cost pass jit_above_cost over a week of payments
      // at a million orders: compiling it took ~200 ms of a ~25 ms query (EXPLAIN ANALYZE), so no JIT here.
      await tx.execute(sql`set local jit = off`);
      const [summary] = (await tx.execute(sql`
        with payments as (
          select a.status, a.amount_centavos, a.currency,
                 extract(epoch from (a.updated_at - a.created_at))::float8 * 1000 as processing_ms,
                 exists (
                   select 1 from payment_events e
                   where e.order_id = a.order_id and e.attempt_id = a.id
                     and e.kind = 'attempt.status' and e.detail->>'status' = 'requires_challenge'
                 ) as challenged
          from payment_attempts a
          where ${finalInPeriod}
        )
        select count(*)::int as total,
               count(*) filter (where status = 'succeeded')::int as succeeded,
               count(*) filter (where status = 'failed')::int as failed,
               count(*) filter (where status = 'expired')::int as expired,
               count(*) filter (where challenged)::int as challenged,
               count(*) filter (where challenged and status = 'succeeded')::int as challenged_succeeded,
               avg(amount_centavos) filter (where status = 'succeeded' and currency = ${currency}) as average_centavos,
               percentile_cont(0.5) within group (order by amount_centavos)
                 filter (where status = 'succeeded' and currency = ${currency}) as median_centavos,
               percentile_cont(0.5) within group (order by processing_ms) as p50_ms,
               percentile_cont(0.95) within group (order by processing_ms) as p95_ms
        from payments`)) as Row[];

      const declines = (await tx.execute(sql`
        select a.decline_code as code, count(*)::int as count
        from payment_attempts a
        where ${finalInPeriod} and a.status = 'failed'
        group by a.decline_code
        order by count(*) desc, a.decline_code nulls last`)) as Row[];

      const bucketRows = bucketStarts.length
        ? ((await tx.execute(sql`
            select width_bucket(a.updated_at, ${thresholds}::timestamptz[]) as bucket,
                   count(*)::int as payments,
                   count(*) filter (where a.status = 'succeeded')::int as succeeded
            from payment_attempts a
            where ${finalInPeriod}
            group by 1`)) as Row[])
        : [];

      const [paid] = (await tx.execute(sql`
        select count(*)::int as paid_orders, coalesce(sum(total_centavos), 0)::bigint as gross_centavos
        from orders
        where paid_at >= ${fromAt} and paid_at < ${toAt} and currency = ${currency}`)) as Row[];

      const refundRows = (await tx.execute(sql`
        select status, count(*)::int as count, coalesce(sum(amount_centavos), 0)::bigint as amount_centavos
        from refunds
        where created_at >= ${fromAt} and created_at < ${toAt} and currency = ${currency}
        group by status`)) as Row[];

      const refunds = Object.fromEntries(REFUND_STATUSES.map((status) => [status, { count: 0, amountCentavos: 0 }])) as DashboardFigures["refunds"];
      for (const row of refundRows) {
        const status = row.status as RefundStatus;
        if (refunds[status]) refunds[status] = { count: num(row.count), amountCentavos: num(row.amount_centavos) };
      }
      const s = summary ?? {};
      const total = num(s.total);
      const succeeded = num(s.succeeded);
      const challenged = num(s.challenged);
      const challengedSucceeded = num(s.challenged_succeeded);
      const grossCentavos = num(paid?.gross_centavos);
      const refundedCentavos = refunds.SUCCEEDED.amountCentavos;
      const counts: BucketCounts[] = bucketRows.map((row) => ({ bucket: num(row.bucket), payments: num(row.payments), succeeded: num(row.succeeded) }));

      return {
        period,
        from,
        to,
        currency,
        payments: { total, succeeded, failed: num(s.failed), expired: num(s.expired), successRate: rate(succeeded, total) },
        amounts: { averageCentavos: numOrNull(s.average_centavos), medianCentavos: numOrNull(s.median_centavos) },
        processing: { p50Ms: numOrNull(s.p50_ms), p95Ms: numOrNull(s.p95_ms) },
        threeDSecure: {
          challenged,
          challengedSucceeded,
          challengeRate: rate(challenged, total),
          challengeSuccessRate: rate(challengedSucceeded, challenged),
        },
        declines: declines.map((row) => ({ code: (row.code as string | null) ?? null, count: num(row.count) })),
        revenue: { paidOrders: num(paid?.paid_orders), grossCentavos, refundedCentavos, netCentavos: grossCentavos - refundedCentavos },
        refunds,
        buckets: fillBuckets(bucketStarts, counts),
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}
