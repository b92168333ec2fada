// The operations dashboard's figures against real PostgreSQL, on a database of this file's own (the figures
// count every attempt, order and refund): a known set of rows around a fixed "now", and every figure checked.
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { bucketStarts, type Period } from "@/lib/admin/dashboard-chart";
import { type DashboardFigures, loadDashboard } from "@/lib/admin/dashboard-queries";
import { BACK_OFFICE_TIME_ZONE } from "@/lib/admin/order-search";
import type { AttemptStatus } from "@/lib/checkout/attempt-status";
import { type OrderStatus, orders, paymentAttempts, paymentEvents, type RefundStatus, refunds } from "@/lib/db/schema";
import { useIsolatedDatabase } from "../../support/isolated-database";

const iso = useIsolatedDatabase();

/** 12:02:30 in Mexico City (UTC-6). */
const NOW = new Date("2026-03-10T18:02:30.000Z");
const ago = (ms: number, from = NOW) => new Date(from.getTime() - ms);
const SECOND = 1000;
const HOUR = 3_600_000;

type AttemptSpec = {
  status: AttemptStatus;
  amount?: number;
  createdAt: Date;
  processingMs: number;
  declineCode?: string;
  /** Statuses on its timeline before the final one (e.g. requires_challenge). */
  through?: AttemptStatus[];
  /** The order is paid by this attempt (paid_at = its final moment), with this status. */
  orderStatus?: OrderStatus;
};

const orderIds: Record<string, string> = {};

async function makeAttempt(name: string, spec: AttemptSpec): Promise<void> {
  const { db } = iso();
  const amount = spec.amount ?? 5000;
  const finalAt = new Date(spec.createdAt.getTime() + spec.processingMs);
  const paid = spec.status === "succeeded";
  const [order] = await db
    .insert(orders)
    .values({
      publicToken: randomBytes(24).toString("base64url").slice(0, 32),
      status: paid ? (spec.orderStatus ?? "paid") : "pending",
      currency: "MXN",
      subtotalCentavos: amount,
      totalCentavos: amount,
      email: `${name.toLowerCase()}@example.com`,
      firstName: "Ana",
      lastName: "López",
      billingAddress: { line1: "Av. Reforma 222", city: "Ciudad de México", state: "CMX", postalCode: "06600", country: "MX" },
      paidAt: paid ? finalAt : null,
      createdAt: spec.createdAt,
      updatedAt: finalAt,
    })
    .returning({ id: orders.id });
  orderIds[name] = order!.id;
  const [attempt] = await db
    .insert(paymentAttempts)
    .values({
      orderId: order!.id,
      externalId: `att_${randomUUID().replaceAll("-", "").slice(0, 24)}`,
      submissionKey: `key_${randomUUID().replaceAll("-", "")}`,
      status: spec.status,
      amountCentavos: amount,
      currency: "MXN",
      declineCode: spec.declineCode ?? null,
      createdAt: spec.createdAt,
      updatedAt: finalAt,
    })
    .returning({ id: paymentAttempts.id });
  const statuses = ["submitted", ...(spec.through ?? []), spec.status];
  await db.insert(paymentEvents).values(
    statuses.map((status, i) => ({
      orderId: order!.id,
      attemptId: attempt!.id,
      kind: "attempt.status",
      detail: { status, source: "create-response" },
      createdAt: new Date(spec.createdAt.getTime() + ((i + 1) * spec.processingMs) / statuses.length),
    })),
  );
}

async function makeRefund(orderName: string, status: RefundStatus, amount: number, createdAt: Date): Promise<void> {
  await iso()
    .db.insert(refunds)
    .values({ orderId: orderIds[orderName]!, amountCentavos: amount, currency: "MXN", reason: "test", status, requestedBy: "api", createdAt, updatedAt: createdAt });
}

const challenge: AttemptStatus[] = ["requires_challenge"];

beforeAll(async () => {
  await makeAttempt("A1", { status: "succeeded", amount: 10000, createdAt: ago(2 * HOUR), processingMs: 1000, through: ["requires_device_data"] });
  await makeAttempt("A2", { status: "succeeded", amount: 20000, createdAt: ago(2 * HOUR), processingMs: 2000 });
  await makeAttempt("A3", { status: "succeeded", amount: 30000, createdAt: ago(5 * HOUR), processingMs: 3000, through: challenge, orderStatus: "partially_refunded" });
  await makeAttempt("A4", { status: "succeeded", amount: 60000, createdAt: ago(5 * HOUR), processingMs: 10000, orderStatus: "refunded" });
  await makeAttempt("A5", { status: "failed", createdAt: ago(5 * HOUR), processingMs: 4000, declineCode: "insufficient_funds" });
  await makeAttempt("A6", { status: "failed", createdAt: ago(10 * HOUR), processingMs: 5000, declineCode: "insufficient_funds" });
  await makeAttempt("A7", { status: "failed", createdAt: ago(10 * HOUR), processingMs: 6000, declineCode: "do_not_honor", through: challenge });
  await makeAttempt("A8", { status: "expired", createdAt: ago(10 * HOUR), processingMs: 600_000, through: challenge });
  await makeAttempt("A9", { status: "failed", createdAt: ago(10 * HOUR), processingMs: 7000 });
  // 21:00 on March 9th in Mexico City, March 10th in UTC.
  await makeAttempt("A10", { status: "failed", createdAt: new Date("2026-03-10T03:00:00Z"), processingMs: 8000, declineCode: "do_not_honor" });
  // Outside the last 24 hours, inside the last 7 days.
  await makeAttempt("A11", { status: "succeeded", amount: 99900, createdAt: ago(25 * HOUR), processingMs: 1500, through: challenge });
  // Still in flight (waiting on the shopper's challenge): never a payment.
  await makeAttempt("A12", { status: "requires_challenge", createdAt: ago(HOUR), processingMs: 1000 });
  // Eight days ago.
  await makeAttempt("A13", { status: "failed", createdAt: ago(8 * 24 * HOUR), processingMs: 1000, declineCode: "do_not_honor" });
  // Not a status of the attempt: a webhook's detail naming a challenge does not make A4 challenged.
  await iso().db.insert(paymentEvents).values({ orderId: orderIds.A4!, kind: "webhook", detail: { status: "requires_challenge" } });

  await makeRefund("A4", "SUCCEEDED", 60000, ago(4 * HOUR));
  await makeRefund("A3", "SUCCEEDED", 5000, ago(3 * HOUR));
  await makeRefund("A3", "PENDING", 2500, ago(HOUR));
  await makeRefund("A1", "FAILED", 10000, ago(90 * 60 * SECOND));
  await makeRefund("A11", "SUCCEEDED", 1000, ago(30 * HOUR));
});

const load = (period: Period, now = NOW) => loadDashboard(iso().db, period, now, bucketStarts(period, now, BACK_OFFICE_TIME_ZONE));

/** The buckets that had payments: [ISO start, payments, succeeded]. */
const busyBuckets = (figures: DashboardFigures) =>
  figures.buckets.filter((b) => b.payments > 0).map((b) => [b.start.toISOString(), b.payments, b.succeeded]);

describe("loadDashboard", () => {
  it("counts the last 24 hours' payments, amounts, processing times, declines, 3-D Secure, revenue and refunds", async () => {
    const figures = await load("24h");
    expect(figures.from).toEqual(ago(24 * HOUR));
    expect(figures.to).toEqual(NOW);
    expect(figures.payments).toEqual({ total: 10, succeeded: 4, failed: 5, expired: 1, successRate: 0.4 });
    // 10000, 20000, 30000 and 60000.
    expect(figures.amounts).toEqual({ averageCentavos: 30000, medianCentavos: 25000 });
    // Sorted: 1000 2000 3000 4000 5000 | 6000 7000 8000 10000 600000 ms. p50 halfway between 5000 and 6000; p95
    // at 0.95 × 9 = 8.55: 10000 + 0.55 × (600000 − 10000).
    expect(figures.processing.p50Ms).toBe(5500);
    expect(figures.processing.p95Ms).toBeCloseTo(334_500, 6);
    expect(figures.threeDSecure).toEqual({ challenged: 3, challengedSucceeded: 1, challengeRate: 0.3, challengeSuccessRate: 1 / 3 });
    expect(figures.declines).toEqual([
      { code: "do_not_honor", count: 2 },
      { code: "insufficient_funds", count: 2 },
      { code: null, count: 1 },
    ]);
    expect(figures.revenue).toEqual({ paidOrders: 4, grossCentavos: 120000, refundedCentavos: 65000, netCentavos: 55000 });
    expect(figures.refunds).toEqual({
      PENDING: { count: 1, amountCentavos: 2500 },
      SUCCEEDED: { count: 2, amountCentavos: 65000 },
      FAILED: { count: 1, amountCentavos: 10000 },
    });
  });

  it("puts the last 24 hours' payments in hourly buckets that add up to the totals", async () => {
    const figures = await load("24h");
    expect(figures.buckets).toHaveLength(25);
    expect(figures.buckets[0]!.start.toISOString()).toBe("2026-03-09T18:00:00.000Z");
    expect(figures.buckets.at(-1)!.start.toISOString()).toBe("2026-03-10T18:00:00.000Z");
    expect(busyBuckets(figures)).toEqual([
      ["2026-03-10T03:00:00.000Z", 1, 0],
      ["2026-03-10T08:00:00.000Z", 4, 0],
      ["2026-03-10T13:00:00.000Z", 3, 2],
      ["2026-03-10T16:00:00.000Z", 2, 2],
    ]);
    expect(figures.buckets.find((b) => b.payments === 3)!.successRate).toBe(2 / 3);
    expect(figures.buckets.find((b) => b.payments === 4)!.successRate).toBe(0);
    expect(figures.buckets[0]!.successRate).toBeNull();
    expect(figures.buckets.reduce((sum, b) => sum + b.payments, 0)).toBe(figures.payments.total);
  });

  it("counts the last 7 days in Mexico City's calendar days", async () => {
    const figures = await load("7d");
    expect(figures.payments).toEqual({ total: 11, succeeded: 5, failed: 5, expired: 1, successRate: 5 / 11 });
    expect(figures.amounts).toEqual({ averageCentavos: 43980, medianCentavos: 30000 });
    expect(figures.threeDSecure).toEqual({ challenged: 4, challengedSucceeded: 2, challengeRate: 4 / 11, challengeSuccessRate: 0.5 });
    expect(figures.revenue).toEqual({ paidOrders: 5, grossCentavos: 219900, refundedCentavos: 66000, netCentavos: 153900 });
    expect(figures.refunds.SUCCEEDED).toEqual({ count: 3, amountCentavos: 66000 });
    // Midnight in Mexico City is 06:00 UTC: March 3rd (the period starts at its 12:02:30) to March 10th.
    expect(figures.buckets.map((b) => b.start.toISOString())).toEqual(
      [3, 4, 5, 6, 7, 8, 9, 10].map((day) => `2026-03-${String(day).padStart(2, "0")}T06:00:00.000Z`),
    );
    // A10 (21:00 on the 9th in Mexico City) and A11 on the 9th; the rest on the 10th.
    expect(busyBuckets(figures)).toEqual([
      ["2026-03-09T06:00:00.000Z", 2, 1],
      ["2026-03-10T06:00:00.000Z", 9, 4],
    ]);
  });

  it("counts the last hour from its first instant, in 5-minute buckets; nothing paid is zero, not a figure", async () => {
    // A6 reached its final status one second before this hour began, A7 exactly as it began.
    const now = new Date("2026-03-10T09:02:36.000Z");
    const figures = await load("1h", now);
    expect(figures.payments).toEqual({ total: 3, succeeded: 0, failed: 2, expired: 1, successRate: 0 });
    expect(figures.amounts).toEqual({ averageCentavos: null, medianCentavos: null });
    // 6000, 7000, 600000 ms: p95 at 0.95 × 2 = 1.9.
    expect(figures.processing.p50Ms).toBe(7000);
    expect(figures.processing.p95Ms).toBeCloseTo(7000 + 0.9 * 593_000, 6);
    expect(figures.threeDSecure).toEqual({ challenged: 2, challengedSucceeded: 0, challengeRate: 2 / 3, challengeSuccessRate: 0 });
    expect(figures.declines).toEqual([
      { code: "do_not_honor", count: 1 },
      { code: null, count: 1 },
    ]);
    expect(figures.revenue).toEqual({ paidOrders: 0, grossCentavos: 0, refundedCentavos: 0, netCentavos: 0 });
    expect(figures.buckets).toHaveLength(13);
    expect(busyBuckets(figures)).toEqual([
      ["2026-03-10T08:00:00.000Z", 2, 0],
      ["2026-03-10T08:10:00.000Z", 1, 0],
    ]);
  });

  it("is empty, with no rates, for a period without payments", async () => {
    const figures = await load("24h", new Date("2026-01-15T12:00:00Z"));
    expect(figures.payments).toEqual({ total: 0, succeeded: 0, failed: 0, expired: 0, successRate: null });
    expect(figures.amounts).toEqual({ averageCentavos: null, medianCentavos: null });
    expect(figures.processing).toEqual({ p50Ms: null, p95Ms: null });
    expect(figures.threeDSecure).toEqual({ challenged: 0, challengedSucceeded: 0, challengeRate: null, challengeSuccessRate: null });
    expect(figures.declines).toEqual([]);
    expect(figures.refunds).toEqual({
      PENDING: { count: 0, amountCentavos: 0 },
      SUCCEEDED: { count: 0, amountCentavos: 0 },
      FAILED: { count: 0, amountCentavos: 0 },
    });
    expect(figures.buckets).toHaveLength(24);
    expect(figures.buckets.every((b) => b.payments === 0 && b.successRate === null)).toBe(true);
  });
});
