// 200 payments while Cheqpay fails 30 % of the create and 3-D Secure validate requests (500, 503, latency and
// answers lost after the commit), ten shoppers at a time, through the payment service on a real sandbox process
// and PostgreSQL, with a job runner sending the emails. Afterwards, and after the reconciliation, our database
// must agree with Cheqpay's records: every order definite, at most one charge each, one email per paid order.
import { like, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { completeChallenge, continueAuthentication, payWithCard, type PaymentContext } from "@/lib/checkout/payment-service";
import type { PaymentStep } from "@/lib/checkout/payment-step";
import { isInFlight } from "@/lib/checkout/attempt-status";
import { mailMessages, orders, paymentAttempts, paymentEvents } from "@/lib/db/schema";
import { reconcilePayments } from "@/lib/jobs/reconcile-payments";
import { addFault, clientFor, faultsOf, type LogEntry, rawApi, requestLog, useSandbox } from "../../support/cheqpay-sandbox";
import { cartWith, checkoutForm, paymentContextFor } from "../../support/checkout-fixtures";
import { useIsolatedDatabase } from "../../support/isolated-database";
import { useJobRunners } from "../../support/job-fixtures";
import { answerChallenge, collectDeviceData, type HtmlForm } from "../../support/three-ds-walker";

const sandbox = useSandbox();
const iso = useIsolatedDatabase();
const startRunner = useJobRunners();

const APPROVED = "4111111111111111";
const CHALLENGE = "4000000000002503";
const DECLINED = "4000000000000002";
/** 200 shoppers: most pay with an approved card, some through a 3-D Secure challenge, some are declined. */
const CARDS = [...Array<string>(150).fill(APPROVED), ...Array<string>(30).fill(CHALLENGE), ...Array<string>(20).fill(DECLINED)];
const CONCURRENCY = 10;
const FAULTS = [
  { type: "error", status: 500 },
  { type: "error", status: 503 },
  { type: "latency", ms: 300 },
  { type: "timeout-after-commit" },
] as const;

type Outcome = { card: string; cartId: string; last: PaymentStep["kind"] };

/**
 * One shopper, as the checkout page behaves: pays, walks 3-D Secure (the challenge answered once; a return the
 * app could not finish is posted again), and presses Pay once more after a friendly problem.
 */
async function shopper(context: PaymentContext, card: string): Promise<Outcome> {
  const { cartId } = await cartWith(context.db);
  let form = checkoutForm({ cardNumber: card });
  let step = await payWithCard(context, cartId, form);
  let payAgain = 1;
  const answered = new Map<string, HtmlForm>();
  for (let moves = 0; moves < 8; moves++) {
    if (step.kind === "device-data") {
      const sessionId = await collectDeviceData({ id: step.attemptId, url: step.url, jwt: step.jwt });
      step = await continueAuthentication(context, cartId, { attemptId: step.attemptId, sessionId, browser: form.browser });
    } else if (step.kind === "challenge") {
      const returned = answered.get(step.attemptId) ?? (await answerChallenge({ id: step.attemptId, url: step.url, jwt: step.jwt }, { code: "1234" }));
      answered.set(step.attemptId, returned);
      const input = { attemptId: step.attemptId, transactionId: returned.fields.TransactionId!, merchantData: returned.fields.MD ?? null };
      step = (await completeChallenge(context, input)) ?? step;
    } else if (step.kind === "problem" && payAgain-- > 0) {
      form = { ...form, submissionKey: step.nextSubmissionKey };
      step = await payWithCard(context, cartId, form);
    } else break;
  }
  return { card, cartId, last: step.kind };
}

async function inParallel<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}

type WireOrder = { id: string; externalId: string; status: string; payments: { status: string }[] };

/** Cheqpay's order list, every page. */
async function cheqpayOrders(): Promise<WireOrder[]> {
  const all: WireOrder[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await rawApi(sandbox(), "GET", `/v2/payment-orders?limit=100&offset=${offset}`);
    expect(page.status).toBe(200);
    all.push(...(page.json.data as WireOrder[]));
    if (all.length >= page.json.total) return all;
  }
}

/** "error 503", "latency", … → how many requests of `operation` got that fault. */
function faultCounts(log: LogEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of log.filter((e) => e.fault)) {
    const kind = entry.fault === "error" ? `error ${entry.status}` : entry.fault!;
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

describe("200 payments while 30 % of Cheqpay's create and validate requests fail", () => {
  it("end with every order paid or unpaid as Cheqpay has it, charged at most once, and one email per paid order", async () => {
    const { db, newPool } = iso();
    // The jobs' pool as the app's (10 connections): the runner sends emails while the shoppers pay.
    const runnerPool = newPool(10);
    const cheqpay = clientFor(sandbox(), { timeoutMs: 2_000 });
    const runner = await startRunner(runnerPool.sql, { db: runnerPool.db, cheqpay, asDefaultQueue: true });
    for (const operation of ["createPaymentOrder", "validatePayerAuthentication"]) {
      await addFault(sandbox(), { match: { operation }, probability: 0.3, seed: `faults-${operation}`, actions: [...FAULTS] });
    }
    const started = performance.now();

    const outcomes = await inParallel(CARDS, CONCURRENCY, (card) => shopper(paymentContextFor(db, cheqpay), card));
    const paymentsMs = performance.now() - started;
    let rounds = 0;
    while ((await reconcilePayments(db, cheqpay, runner, { stuckAfterSeconds: 0, authenticationTtlMs: 0 })).checked > 0) {
      expect(++rounds, "the reconciliation keeps finding attempts in flight").toBeLessThan(5);
    }

    // Every attempt is final, every order definite: paid by exactly one attempt, or unpaid with none succeeded.
    const attempts = await db.select().from(paymentAttempts);
    expect(attempts.filter((a) => isInFlight(a.status))).toEqual([]);
    const ourOrders = await db.select().from(orders);
    expect(ourOrders).toHaveLength(CARDS.length);
    const succeededByOrder = new Map<string, number>();
    for (const a of attempts) if (a.status === "succeeded") succeededByOrder.set(a.orderId, (succeededByOrder.get(a.orderId) ?? 0) + 1);
    for (const order of ourOrders) {
      expect([order.id, order.status]).toEqual([order.id, succeededByOrder.has(order.id) ? "paid" : "pending"]);
      expect(succeededByOrder.get(order.id) ?? 0).toBeLessThanOrEqual(1);
    }

    // Cheqpay's record: only our attempts, each completed exactly when ours succeeded, one charge per order.
    const wire = new Map((await cheqpayOrders()).map((o) => [o.externalId, o]));
    const attemptByExternalId = new Map(attempts.map((a) => [a.externalId, a]));
    expect([...wire.keys()].filter((id) => !attemptByExternalId.has(id))).toEqual([]);
    const chargesByOrder = new Map<string, number>();
    for (const a of attempts) {
      const charged = wire.get(a.externalId)?.payments.filter((p) => p.status !== "FAILED").length ?? 0;
      expect({ externalId: a.externalId, ours: a.status, cheqpay: wire.get(a.externalId)?.status ?? "none", charged }).toEqual({
        externalId: a.externalId,
        ours: a.status,
        cheqpay: a.status === "succeeded" ? "COMPLETED" : expect.not.stringMatching(/^COMPLETED$/),
        charged: a.status === "succeeded" ? 1 : 0,
      });
      if (a.status === "succeeded") expect(wire.get(a.externalId)!.id).toBe(a.cheqpayOrderId);
      chargesByOrder.set(a.orderId, (chargesByOrder.get(a.orderId) ?? 0) + charged);
    }
    expect([...chargesByOrder.values()].every((n) => n <= 1)).toBe(true);
    const creates = await requestLog(sandbox(), "createPaymentOrder");
    const newOrders = new Map<string, number>();
    for (const e of creates) {
      const externalId = (e.body as { externalId: string }).externalId;
      expect(attemptByExternalId.has(externalId)).toBe(true);
      if (e.status === 201) newOrders.set(externalId, (newOrders.get(externalId) ?? 0) + 1);
    }
    // A 201 is a new charge attempt at Cheqpay; only a declined order may be tried again (a new payments[] entry).
    for (const [externalId, n] of newOrders) if (n > 1) expect(wire.get(externalId)?.status).toBe("FAILED");
    expect(await db.select().from(paymentEvents).where(sql`${paymentEvents.kind} = 'attempt.second_charge'`)).toEqual([]);

    // One confirmation per paid order, mailed once, none for the others.
    const paid = ourOrders.filter((o) => o.status === "paid");
    const confirmationKeys = () =>
      db.select({ key: mailMessages.eventKey }).from(mailMessages).where(like(mailMessages.eventKey, "order-confirmation:%"));
    await expect.poll(async () => (await confirmationKeys()).length, { timeout: 30_000, interval: 250 }).toBe(paid.length);
    expect((await confirmationKeys()).map((r) => r.key).sort()).toEqual(paid.map((o) => `order-confirmation:${o.id}`).sort());

    // The run really was faulty, with every kind of fault, and shoppers of each card got the outcome it has.
    const validates = await requestLog(sandbox(), "validatePayerAuthentication");
    const createFaults = faultCounts(creates);
    const validateFaults = faultCounts(validates);
    expect(Object.keys(createFaults).sort()).toEqual(["error 500", "error 503", "latency", "timeout-after-commit"]);
    expect(Object.values(validateFaults).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const paidCards = new Set(outcomes.filter((o) => o.last === "paid").map((o) => o.card));
    expect(paidCards.has(DECLINED)).toBe(false);
    expect(paid.length).toBeGreaterThan(150);
    console.info(
      `faults run: ${CARDS.length} payments in ${Math.round(paymentsMs)} ms (${rounds} reconciliation rounds); ` +
        `${paid.length} paid, ${ourOrders.length - paid.length} unpaid, ${attempts.length} attempts; ` +
        `shopper outcomes ${JSON.stringify(countBy(outcomes.map((o) => o.last)))}; ` +
        `create: ${creates.length} requests, faults ${JSON.stringify(createFaults)}; ` +
        `validate: ${validates.length} requests, faults ${JSON.stringify(validateFaults)}; ` +
        `faults matched/applied ${JSON.stringify((await faultsOf(sandbox())).map((f) => [f.matched, f.applied]))}`,
    );
  }, 300_000);
});

function countBy(values: string[]): Record<string, number> {
  return values.reduce<Record<string, number>>((counts, v) => ({ ...counts, [v]: (counts[v] ?? 0) + 1 }), {});
}
