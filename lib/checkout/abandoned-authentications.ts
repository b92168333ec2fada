// A 3-D Secure step the shopper never finished: after Cheqpay's session lifetime it can only fail, so the
// attempt ends `expired` (through the state machine, like any other move) and the order can be paid again.
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { paymentAttempts } from "@/lib/db/schema";
import { applyAttemptStatus } from "./apply-attempt-status";

/** Cheqpay's device-data and challenge sessions last about ten minutes (reference A3-5). */
export const AUTHENTICATION_TTL_MS = 10 * 60 * 1000;

/** Expires the order's abandoned 3-D Secure attempts; true when one was expired. */
export async function expireAbandonedAuthentications(db: Database, orderId: string, ttlMs = AUTHENTICATION_TTL_MS): Promise<boolean> {
  const abandoned = await db
    .select({ id: paymentAttempts.id })
    .from(paymentAttempts)
    .where(
      and(
        eq(paymentAttempts.orderId, orderId),
        inArray(paymentAttempts.status, ["requires_device_data", "requires_challenge"]),
        lt(paymentAttempts.updatedAt, sql`now() - make_interval(secs => ${ttlMs / 1000})`),
      ),
    );
  for (const { id } of abandoned) {
    await applyAttemptStatus(db, id, { status: "expired", declineCode: "AUTHENTICATION_FAILED" }, "reconciliation", { reason: "timed out" });
  }
  return abandoned.length > 0;
}
