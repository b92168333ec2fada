// One order for the back office against real PostgreSQL: its account, lines, card, refunds with what remains,
// and the timeline merged from attempts, events and emails (an email's recipient and sending from the mailbox).
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loadOrderDetail } from "@/lib/admin/order-detail";
import { applyAttemptStatus } from "@/lib/checkout/apply-attempt-status";
import { ensureCheckoutOrder } from "@/lib/checkout/checkout-order";
import { emailOutbox, mailMessages, orders, paymentEvents, refunds } from "@/lib/db/schema";
import { requestRefund } from "@/lib/refunds/request-refund";
import { makeAccount } from "../../support/account-fixtures";
import { cartWith, checkoutForm, insertAttempt, useDatabase } from "../../support/checkout-fixtures";

const db = useDatabase();
const noQueue = { send: async () => undefined };

async function paidOrder(account: { id: string; email: string } | null = null) {
  const { cartId } = await cartWith(db, [
    [24900, 2],
    [18900, 1],
  ]);
  const placed = await ensureCheckoutOrder(db, cartId, checkoutForm(), "es-MX", account);
  if (placed.kind !== "order") throw new Error(placed.kind);
  const declined = await insertAttempt(db, placed.order, "submitted");
  await applyAttemptStatus(db, declined.id, { status: "failed", declineCode: "DECLINED", declineReason: "do_not_honor" }, "create-response");
  const paid = await insertAttempt(db, placed.order, "submitted");
  await applyAttemptStatus(db, paid.id, { status: "succeeded" }, "create-response");
  return { order: placed.order, declined, paid };
}

describe("loadOrderDetail", () => {
  it("is null for an unknown or malformed id", async () => {
    expect(await loadOrderDetail(db, randomUUID())).toBeNull();
    expect(await loadOrderDetail(db, "not-a-uuid")).toBeNull();
    expect(await loadOrderDetail(db, "")).toBeNull();
  });

  it("reads a guest's paid order: lines, customer, card, nothing refunded, everything refundable", async () => {
    const { order } = await paidOrder();
    const detail = (await loadOrderDetail(db, order.id))!;
    expect(detail.order).toMatchObject({ id: order.id, status: "paid", totalCentavos: 68700, email: "ana.lopez@example.com" });
    expect(detail.account).toBeNull();
    expect(detail.lines.map((l) => [l.quantity, l.unitPriceCentavos, l.lineTotalCentavos]).sort()).toEqual([
      [1, 18900, 18900],
      [2, 24900, 49800],
    ]);
    expect(detail.billingAddress).toEqual({ line1: "Av. Reforma 222", city: "Ciudad de México", state: "CMX", postalCode: "06600", country: "MX" });
    expect(detail.card).toEqual({ brand: "visa", last4: "1111" });
    expect(detail).toMatchObject({ refunds: [], refundedCentavos: 0, pendingRefundCentavos: 0, remainingCentavos: 68700 });
  });

  it("names the account of an order placed signed in", async () => {
    const account = await makeAccount(db);
    const { order } = await paidOrder(account);
    expect((await loadOrderDetail(db, order.id))!.account).toEqual({ id: account.id, email: account.email, name: "Berta Ramírez" });
  });

  it("subtracts refunds that succeeded or are pending from what remains, never failed ones", async () => {
    const { order } = await paidOrder();
    const ask = async (amountCentavos: number) => {
      const result = await requestRefund(db, noQueue, { orderId: order.id, amountCentavos, reason: "test", requestedBy: "staff-1" });
      if (result.kind !== "accepted") throw new Error(result.kind);
      return result.refund;
    };
    const succeeded = await ask(10000);
    const failed = await ask(5000);
    await ask(2500);
    await db.update(refunds).set({ status: "SUCCEEDED", completedAt: sql`now()` }).where(eq(refunds.id, succeeded.id));
    await db.update(refunds).set({ status: "FAILED", failureReason: "DECLINED: no", completedAt: sql`now()` }).where(eq(refunds.id, failed.id));
    await db.update(orders).set({ status: "partially_refunded" }).where(eq(orders.id, order.id));

    const detail = (await loadOrderDetail(db, order.id))!;
    expect(detail.refunds.map((r) => [r.amountCentavos, r.status])).toEqual([
      [2500, "PENDING"],
      [5000, "FAILED"],
      [10000, "SUCCEEDED"],
    ]);
    expect(detail).toMatchObject({ refundedCentavos: 10000, pendingRefundCentavos: 2500, remainingCentavos: 68700 - 12500 });
  });

  it("has nothing refundable on an unpaid order", async () => {
    const { cartId } = await cartWith(db);
    const placed = await ensureCheckoutOrder(db, cartId, checkoutForm(), "en");
    if (placed.kind !== "order") throw new Error(placed.kind);
    const detail = (await loadOrderDetail(db, placed.order.id))!;
    expect(detail).toMatchObject({ remainingCentavos: 0, card: null, timeline: [{ type: "order-created" }] });
  });

  it("merges attempts, events and emails into the timeline, oldest first", async () => {
    const { order, declined, paid } = await paidOrder();
    await db.insert(paymentEvents).values({
      orderId: order.id,
      attemptId: paid.id,
      kind: "cheqpay.call",
      detail: { operation: "createPaymentOrder", method: "POST", httpStatus: 201, durationMs: 87, attempt: 1, errorCode: null, willRetry: false },
    });
    // The confirmation the payment queued, delivered to the mailbox.
    const [outbox] = await db.select().from(emailOutbox).where(eq(emailOutbox.orderId, order.id));
    expect(outbox).toMatchObject({ kind: "order-confirmation", sentAt: null });
    await db.insert(mailMessages).values({
      eventKey: outbox!.eventKey,
      recipient: "ana.lopez@example.com",
      subject: "Tu pedido",
      textBody: "x",
      htmlBody: "<p>x</p>",
      transport: "mailbox",
      sentAt: sql`now()`,
    });
    await db.update(emailOutbox).set({ sentAt: sql`now()`, attempts: 1 }).where(eq(emailOutbox.id, outbox!.id));

    const { timeline } = (await loadOrderDetail(db, order.id))!;
    const summary = timeline.map((entry) => {
      if (entry.type === "attempt") return `attempt ${entry.number} ${entry.status} ${entry.cardLast4} ${entry.declineCode ?? ""}`.trim();
      if (entry.type === "event") return `${entry.detail.kind} ${entry.attemptNumber ?? ""}`.trim();
      if (entry.type === "email") return `email ${entry.emailKind} ${entry.sent ? "sent" : "unsent"} ${entry.recipient}`;
      return entry.type;
    });
    expect(summary).toEqual([
      "order-created",
      "attempt 1 failed 1111 DECLINED",
      "attempt.status 1",
      "attempt 2 succeeded 1111",
      "attempt.status 2",
      "order.paid",
      "cheqpay.call 2",
      "email order-confirmation sent ana.lopez@example.com",
    ]);
    const call = timeline.find((e) => e.type === "event" && e.detail.kind === "cheqpay.call");
    expect(call).toMatchObject({ detail: { operation: "createPaymentOrder", httpStatus: 201, durationMs: 87, attempt: 1, willRetry: false } });
    expect(timeline.some((e) => e.type === "attempt" && e.attemptId === declined.id)).toBe(true);
    for (let i = 1; i < timeline.length; i++) expect(timeline[i]!.at.getTime()).toBeGreaterThanOrEqual(timeline[i - 1]!.at.getTime());
  });
});
