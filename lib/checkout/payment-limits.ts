// Card-testing defence in the payment path: attempts per client IP, declines per client IP, attempts per shopper
// email and per order within a sliding window, counted from payment_attempts in PostgreSQL, so every instance
// sharing the database enforces the same totals. The count and the attempt's insert run in one transaction
// under advisory locks on the IP, the email and the order: concurrent submits from one IP are counted one after
// the other, and no more than the limit ever reach Cheqpay. A refusal is stored, logged and counted.
import { eq, type SQL, sql } from "drizzle-orm";
import type { PaymentLimits } from "@/lib/config";
import type { Database, Transaction } from "@/lib/db/client";
import { inOrder, noStatement } from "@/lib/db/in-order";
import { orders, paymentAttempts, paymentLimitRefusals } from "@/lib/db/schema";
import { limitAddress, minutesToWait } from "@/lib/limits/sliding-window";
import { advisoryLocks, countedColumns, DATABASE_NOW_MS, limitCountOf, windowInterval } from "@/lib/limits/window-count-sql";
import { recordEvent } from "@/lib/observability/events";
import type { AttemptRow } from "./apply-attempt-status";
import { newSubmissionKey, type StepMessages } from "./attempt-outcome";
import { decidePaymentLimits, type PaymentLimitVerdict } from "./payment-limit-rules";
import type { PaymentStep } from "./payment-step";

/** What a submit is counted by. `orderId` is null before the cart's order is written. */
export type PaymentLimitKeys = { clientIp: string | null; email: string; orderId: string | null; submissionKey: string };

/** The keys of a submit: the shopper's IP (normalised) and the email the order is made with. */
export function paymentLimitKeys(ipAddress: string | undefined, email: string, submissionKey: string): PaymentLimitKeys {
  return { clientIp: limitAddress(ipAddress), email: email.trim().toLowerCase(), orderId: null, submissionKey };
}

/** A decline that counts against the IP: the card was refused, not Cheqpay failing (see attempt-outcome.ts). */
export const isCardDecline = (alias: string): SQL =>
  sql.raw(
    `(${alias}.status = 'failed' and ${alias}.decline_code is distinct from 'NOT_PROCESSED' and coalesce(${alias}.decline_code, '') not like 'PROCESSOR\\_%')`,
  );

type Verdict = PaymentLimitVerdict | { kind: "repeat" };

/**
 * The verdict for a submit, or `repeat` when its submission key already made an attempt (a double click or a
 * refresh finds that attempt; it is neither counted nor refused). One statement; without the locks of
 * `insertAttemptWithinLimits` it is an early, advisory answer.
 */
export async function paymentLimitVerdict(db: Database, limits: PaymentLimits, keys: PaymentLimitKeys): Promise<Verdict> {
  return verdictOf(await paymentLimitCount(db, limits, keys).execute(), limits, keys);
}

/** The statement behind a verdict: the window's counts per key, and whether the submission key was seen. */
function paymentLimitCount(db: Database, limits: PaymentLimits, keys: PaymentLimitKeys) {
  const minutes = limits.windowMinutes;
  const ip = sql`r.client_ip = ${keys.clientIp}::text`;
  const email = sql`r.email = ${keys.email}::text`;
  const order = sql`r.order_id = ${keys.orderId}::uuid`;
  return db.execute(sql`
    select ${DATABASE_NOW_MS} as now_ms,
           exists (select 1 from payment_attempts where submission_key = ${keys.submissionKey}) as repeat,
           ${countedColumns("ip", ip, limits.attemptsPerIp, minutes)},
           ${countedColumns("declines", sql`${ip} and ${isCardDecline("r")}`, limits.declinesPerIp, minutes)},
           ${countedColumns("email", email, limits.attemptsPerEmail, minutes)},
           ${countedColumns("ord", order, limits.attemptsPerOrder, minutes)}
    from payment_attempts r
    where r.created_at > now() - ${windowInterval(minutes)} and (${ip} or ${email} or ${order})`);
}

function verdictOf(rows: unknown, limits: PaymentLimits, keys: PaymentLimitKeys): Verdict {
  const [row] = rows as Record<string, unknown>[];
  if (!row) throw new Error("payment limits: the count answered no row");
  if (row.repeat === true) return { kind: "repeat" };
  const counts = {
    "attempts-per-ip": keys.clientIp ? limitCountOf(row, "ip") : null,
    "declines-per-ip": keys.clientIp ? limitCountOf(row, "declines") : null,
    "attempts-per-email": limitCountOf(row, "email"),
    "attempts-per-order": keys.orderId ? limitCountOf(row, "ord") : null,
  };
  return decidePaymentLimits(counts, limits, Number(row.now_ms));
}

export type LimitedInsert =
  | { kind: "inserted"; attempt: AttemptRow }
  /** Not inserted: the submission key made an attempt already, another attempt of the order is in flight, or
   *  the order was paid meanwhile (the caller finds out which). */
  | { kind: "conflict" }
  | { kind: "limited"; verdict: Extract<PaymentLimitVerdict, { kind: "limited" }> };

export type AttemptValues = Omit<typeof paymentAttempts.$inferInsert, "clientIp" | "email">;

/** Counts and inserts the attempt in one transaction, holding the locks of the IP, the email and the order. */
export async function insertAttemptWithinLimits(
  db: Database,
  limits: PaymentLimits,
  keys: PaymentLimitKeys & { orderId: string },
  values: AttemptValues,
): Promise<LimitedInsert> {
  try {
    return await db.transaction((tx) => insertAttemptWithin(tx, limits, keys, values));
  } catch (error) {
    if (error instanceof OrderPaidMeanwhile) return { kind: "conflict" };
    throw error;
  }
}

/** Thrown to roll the insert back: the order was paid while the insert waited (see below). */
class OrderPaidMeanwhile extends Error {}

/** `insertAttemptWithinLimits` inside the caller's transaction: the locks are held until it ends. Throws
 *  OrderPaidMeanwhile to roll it back. `orderIsNew`: the caller's transaction made the order, so nobody else
 *  can have paid it, and its status is not read. */
export async function insertAttemptWithin(
  tx: Transaction,
  limits: PaymentLimits,
  keys: PaymentLimitKeys & { orderId: string },
  values: AttemptValues,
  { orderIsNew = false }: { orderIsNew?: boolean } = {},
): Promise<LimitedInsert> {
  const orderStatus = () => (orderIsNew ? noStatement : tx.select({ status: orders.status }).from(orders).where(eq(orders.id, keys.orderId)));
  // Always in this order (IP, email, order): two submits never wait on each other's locks in a cycle. The
  // reads after the locks go in the same round trip and still see what the locks' last holders committed.
  const lockKeys = [keys.clientIp && `ip:${keys.clientIp}`, `email:${keys.email}`, `order:${keys.orderId}`].filter(Boolean);
  const [, [order], counted] = await inOrder(
    tx.execute(advisoryLocks(lockKeys.map((key) => `payment-limit:${key}`))),
    // Paid since the caller read it (another tab's attempt finished): never start a second charge, nor refuse.
    orderStatus(),
    paymentLimitCount(tx as unknown as Database, limits, keys),
  );
  if (!orderIsNew && order?.status !== "pending") return { kind: "conflict" };
  const verdict = verdictOf(counted, limits, keys);
  if (verdict.kind === "repeat") return { kind: "conflict" };
  if (verdict.kind === "limited") return { kind: "limited", verdict };
  // The status read above can be stale: an attempt of the order still in flight then (a 3-D Secure step
  // talking to Cheqpay) may have succeeded since. The insert waits for that transaction's commit on the
  // one-in-flight index and then goes in; the order it paid is read afresh by the next statement (its own
  // snapshot, taken after the insert), and the insert undone.
  const [[attempt], [now]] = await inOrder(
    tx
      .insert(paymentAttempts)
      .values({ ...values, clientIp: keys.clientIp, email: keys.email })
      .onConflictDoNothing()
      .returning(),
    orderStatus(),
  );
  if (!attempt) return { kind: "conflict" };
  if (!orderIsNew && now?.status !== "pending") throw new OrderPaidMeanwhile();
  return { kind: "inserted", attempt };
}

/**
 * A submit past a limit: stored (for the back office), logged and counted; the shopper is told how long to
 * wait. Nothing was sent to Cheqpay and nothing was charged.
 */
export async function refusePayment(
  db: Database,
  messages: StepMessages,
  keys: PaymentLimitKeys,
  verdict: Extract<PaymentLimitVerdict, { kind: "limited" }>,
): Promise<PaymentStep> {
  await db.insert(paymentLimitRefusals).values({ limitName: verdict.limit, clientIp: keys.clientIp, email: keys.email, orderId: keys.orderId });
  recordEvent("payment.limited", {
    limit: verdict.limit,
    orderId: keys.orderId ?? undefined,
    clientIp: keys.clientIp,
    retryAfterSeconds: verdict.retryAfterSeconds,
  });
  return {
    kind: "problem",
    code: "payment-limited",
    message: messages.limited(minutesToWait(verdict.retryAfterSeconds)),
    nextSubmissionKey: newSubmissionKey(),
  };
}
