// The daily clean-up of records that are only useful for a while: the card-testing refusals and sign-in link
// requests (the limits count minutes, the risk page shows a day; RECORDS_RETENTION_DAYS keeps weeks of them
// for an investigation), webhook ids past any redelivery (Cheqpay retries for about 32 hours), and expired
// sign-in tokens and sessions. Orders, attempts, their timelines and emails are the merchant's records: never
// pruned here. Deleted in batches, so no statement holds its locks long on a big table.
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";

const BATCH = 5_000;

export type PrunedCounts = {
  paymentLimitRefusals: number;
  signInLinkRequests: number;
  webhookEvents: number;
  verificationTokens: number;
  sessions: number;
};

/** Deletes what is older than `retentionDays` (and expired tokens and sessions); the counts deleted. */
export async function pruneRecords(db: Database, retentionDays: number): Promise<PrunedCounts> {
  const before = sql`now() - make_interval(days => ${retentionDays})`;
  return {
    paymentLimitRefusals: await deleteInBatches(db, sql`payment_limit_refusals`, sql`id`, sql`created_at < ${before}`),
    signInLinkRequests: await deleteInBatches(db, sql`sign_in_link_requests`, sql`id`, sql`created_at < ${before}`),
    // Unprocessed ones stay: the reconciliation may still need them.
    webhookEvents: await deleteInBatches(db, sql`webhook_events`, sql`event_id`, sql`received_at < ${before} and processed_at is not null`),
    verificationTokens: await deleteInBatches(db, sql`verification_tokens`, sql`ctid`, sql`expires < now()`),
    sessions: await deleteInBatches(db, sql`sessions`, sql`session_token`, sql`expires < now()`),
  };
}

async function deleteInBatches(db: Database, table: SQL, key: SQL, condition: SQL): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await db.execute(sql`
      with doomed as (select ${key} as k from ${table} where ${condition} limit ${BATCH})
      delete from ${table} where ${key} in (select k from doomed) returning 1`);
    total += rows.length;
    if (rows.length < BATCH) return total;
  }
}
