// payWithCard end to end: our database (real PostgreSQL) and a real Cheqpay sandbox process over HTTP.
import { describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { addToCart, createCart } from "@/lib/cart/cart-queries";
import type { DeclineCode } from "@/lib/checkout/payment-step";
import { payWithCard } from "@/lib/checkout/payment-service";
import { emailOutbox, paymentEvents, products } from "@/lib/db/schema";
import { loadOrderByToken, loadOrderPaymentState } from "@/lib/orders/order-queries";
import { clientFor, rawApi, requestLog, useSandbox } from "../../support/cheqpay-sandbox";
import {
  attemptsOf,
  cartLineCount,
  cartWith,
  checkoutForm,
  makeProduct,
  messages,
  orderById,
  ordersOfCart,
  paymentContextFor,
  storedRowsOf,
  TEST_CVC,
  useDatabase,
} from "../../support/checkout-fixtures";

const sandbox = useSandbox();
const db = useDatabase();
const context = () => paymentContextFor(db, clientFor(sandbox()));

type CreateBody = { externalId: string; amount: number; currency: string };
const creates = async () => (await requestLog(sandbox(), "createPaymentOrder")).map((e) => ({ status: e.status, body: e.body as CreateBody }));

async function onlyOrderOf(cartId: string) {
  const orders = await ordersOfCart(db, cartId);
  expect(orders).toHaveLength(1);
  return orders[0]!;
}

describe("an approved card", () => {
  it("pays the order: paid step, order paid, cart emptied, attempt with brand and last4", async () => {
    const { cartId } = await cartWith(db, [
      [24900, 2],
      [18900, 1],
    ]);
    const step = await payWithCard(context(), cartId, checkoutForm({ cardNumber: "5555 5555 5555 4444" }));

    const order = await onlyOrderOf(cartId);
    expect(step).toEqual({ kind: "paid", orderUrl: `/orders/${order.publicToken}` });
    expect(order).toMatchObject({ status: "paid", totalCentavos: 68700, email: "ana.lopez@example.com" });
    expect(await cartLineCount(db, cartId)).toBe(0);
    const [attempt, ...others] = await attemptsOf(db, order.id);
    expect(others).toEqual([]);
    expect(attempt).toMatchObject({ status: "succeeded", cardBrand: "mastercard", cardLast4: "4444", amountCentavos: 68700, declineCode: null });
    expect(attempt!.cheqpayOrderId).toEqual(expect.any(String));
    expect((await creates()).map((c) => [c.status, c.body.externalId])).toEqual([[201, attempt!.externalId]]);
    expect(await loadOrderByToken(db, order.publicToken)).toMatchObject({
      state: "paid",
      payment: { status: "succeeded", cardBrand: "mastercard", cardLast4: "4444" },
    });
  });

  it("writes the order's timeline in order: the create call, the attempt's success, the order paid; and queues the confirmation email", async () => {
    const { cartId } = await cartWith(db, [[24900, 1]]);
    await payWithCard(context(), cartId, checkoutForm());

    const order = await onlyOrderOf(cartId);
    const [attempt] = await attemptsOf(db, order.id);
    const events = await db.select().from(paymentEvents).where(eq(paymentEvents.orderId, order.id)).orderBy(asc(paymentEvents.id));
    expect(events.map((e) => [e.kind, e.attemptId])).toEqual([
      ["cheqpay.call", attempt!.id],
      ["attempt.status", attempt!.id],
      ["order.paid", null],
    ]);
    expect(events[0]!.detail).toMatchObject({ operation: "createPaymentOrder", httpStatus: 201, attempt: 1, errorCode: null });
    expect(events[1]!.detail).toMatchObject({ status: "succeeded", source: "create-response" });
    const emails = await db.select().from(emailOutbox).where(eq(emailOutbox.orderId, order.id));
    expect(emails.map((e) => [e.kind, e.eventKey])).toEqual([["order-confirmation", `order-confirmation:${order.id}`]]);
  });

  it("sends the order total in centavos, priced from our database", async () => {
    const { cartId } = await cartWith(db, [
      [24900, 2],
      [18900, 1],
      [9950, 3],
    ]);
    await payWithCard(context(), cartId, checkoutForm());
    const order = await onlyOrderOf(cartId);
    expect(order.totalCentavos).toBe(24900 * 2 + 18900 + 9950 * 3);
    expect((await creates()).map((c) => c.body)).toEqual([expect.objectContaining({ amount: order.totalCentavos, currency: "MXN" })]);
  });

  it("answers paid to a later submit with a new key, without charging again", async () => {
    const { cartId } = await cartWith(db);
    const first = await payWithCard(context(), cartId, checkoutForm());
    const second = await payWithCard(context(), cartId, checkoutForm());
    expect(first.kind).toBe("paid");
    expect(second).toEqual(first);
    expect(await creates()).toHaveLength(1);
  });

  it("tells another cart that repeats its submission key nothing of the payment, and changes nothing", async () => {
    const { cartId } = await cartWith(db);
    const form = checkoutForm();
    const paid = await payWithCard(context(), cartId, form);
    expect(paid.kind).toBe("paid");
    const order = await onlyOrderOf(cartId);
    const rowsBefore = await storedRowsOf(db, order.id);
    const { cartId: otherCart } = await cartWith(db);

    for (const cart of [otherCart, null]) {
      const step = await payWithCard(context(), cart, { ...form, email: "someone.else@example.com" });
      expect(step).toEqual({ kind: "problem", code: "session-expired", message: messages.problem("session-expired"), nextSubmissionKey: expect.any(String) });
      expect(JSON.stringify(step)).not.toContain(order.publicToken);
    }
    expect(await ordersOfCart(db, otherCart)).toEqual([]);
    expect(await storedRowsOf(db, order.id)).toEqual(rowsBefore);
    expect(await creates()).toHaveLength(1);
  });

  it("leaves no card number and no CVC in any column of the order's rows", async () => {
    const { cartId } = await cartWith(db);
    const declined = await payWithCard(context(), cartId, checkoutForm({ cardNumber: "4000000000000002" }));
    expect(declined.kind).toBe("declined");
    const nextKey = declined.kind === "declined" ? declined.nextSubmissionKey : "";
    expect((await payWithCard(context(), cartId, checkoutForm({ submissionKey: nextKey }))).kind).toBe("paid");

    const rows = await storedRowsOf(db, (await onlyOrderOf(cartId)).id);
    // order, line, two attempts, timeline (two Cheqpay calls, failed, succeeded, order.paid)
    expect(rows).toHaveLength(1 + 1 + 2 + 5);
    for (const row of rows) {
      expect(row).not.toContain("4000000000000002");
      expect(row).not.toContain("4111111111111111");
      expect(row).not.toMatch(new RegExp(`(^|[^0-9A-Za-z])${TEST_CVC}([^0-9A-Za-z]|$)`));
      expect(row).not.toMatch(/"cvc"/i);
    }
  });
});

describe("a declined card", () => {
  it.each([
    ["4000000000000002", "DECLINED"],
    ["4000000000009995", "INSUFFICIENT_FUNDS"],
    ["4000000000000069", "EXPIRED_CARD"],
    ["4000000000000127", "INVALID_CARD"],
  ] as [string, DeclineCode][])("%s answers declined %s, then a good card pays the same order", async (card, code) => {
    const { cartId } = await cartWith(db);
    const step = await payWithCard(context(), cartId, checkoutForm({ cardNumber: card }));
    expect(step).toEqual({ kind: "declined", code, message: messages.decline(code), nextSubmissionKey: expect.any(String) });
    const order = await onlyOrderOf(cartId);
    expect(order.status).toBe("pending");
    expect((await loadOrderPaymentState(db, order.publicToken))?.state).toBe("unpaid");
    expect(await cartLineCount(db, cartId)).toBe(1);

    const retry = await payWithCard(context(), cartId, checkoutForm({ submissionKey: step.kind === "declined" ? step.nextSubmissionKey : "" }));
    expect(retry).toEqual({ kind: "paid", orderUrl: `/orders/${order.publicToken}` });
    expect((await onlyOrderOf(cartId)).id).toBe(order.id);
    expect((await attemptsOf(db, order.id)).map((a) => [a.status, a.declineCode, a.cardLast4])).toEqual([
      ["failed", code, card.slice(-4)],
      ["succeeded", null, "1111"],
    ]);
    expect((await orderById(db, order.id)).status).toBe("paid");
    expect(await loadOrderByToken(db, order.publicToken)).toMatchObject({ state: "paid", payment: { status: "succeeded", cardLast4: "1111" } });
  });
});

describe("a processor that fails every time (4000000000000119)", () => {
  it("answers a problem with the generic message, fails the attempt NOT_PROCESSED, charges nothing; paying again works", async () => {
    const { cartId } = await cartWith(db);
    const step = await payWithCard(context(), cartId, checkoutForm({ cardNumber: "4000000000000119" }));
    expect(step).toEqual({
      kind: "problem",
      code: "processor-unavailable",
      message: messages.decline("GENERIC"),
      nextSubmissionKey: expect.any(String),
    });
    const order = await onlyOrderOf(cartId);
    const [attempt] = await attemptsOf(db, order.id);
    expect(attempt).toMatchObject({ status: "failed", declineCode: "NOT_PROCESSED", cheqpayOrderId: null });
    expect((await creates()).map((c) => c.status)).toEqual([500, 500, 500]);
    expect((await rawApi(sandbox(), "GET", `/v2/payment-orders/${attempt!.externalId}`)).status).toBe(404);
    expect(order.status).toBe("pending");

    const retry = await payWithCard(context(), cartId, checkoutForm({ submissionKey: step.kind === "problem" ? step.nextSubmissionKey : "" }));
    expect(retry).toEqual({ kind: "paid", orderUrl: `/orders/${order.publicToken}` });
    expect((await attemptsOf(db, order.id)).map((a) => a.status)).toEqual(["failed", "succeeded"]);
  });
});

describe("the cart", () => {
  it("when empty answers the cart-empty problem and calls no one", async () => {
    const cartId = await createCart(db);
    const empty = { kind: "problem", code: "cart-empty", message: messages.problem("cart-empty"), nextSubmissionKey: expect.any(String) };
    expect(await payWithCard(context(), cartId, checkoutForm())).toEqual(empty);
    expect(await payWithCard(context(), null, checkoutForm())).toEqual(empty);
    expect(await ordersOfCart(db, cartId)).toEqual([]);
    expect(await creates()).toEqual([]);
  });

  it("holding a product no longer sold answers the cart-unavailable problem", async () => {
    const { cartId, products: [product] } = await cartWith(db);
    await db.update(products).set({ active: false }).where(eq(products.id, product!.id));
    const step = await payWithCard(context(), cartId, checkoutForm());
    expect(step).toMatchObject({ kind: "problem", code: "cart-unavailable", message: messages.problem("cart-unavailable") });
    expect(await creates()).toEqual([]);
  });

  it("changed after a decline is paid as a new order with the new total", async () => {
    const { cartId } = await cartWith(db, [[24900, 1]]);
    await payWithCard(context(), cartId, checkoutForm({ cardNumber: "4000000000000002" }));
    const extra = await makeProduct(db, 18900);
    expect((await addToCart(db, cartId, extra.id, 2)).ok).toBe(true);

    const step = await payWithCard(context(), cartId, checkoutForm());
    const [declinedOrder, paidOrder] = await ordersOfCart(db, cartId);
    expect(paidOrder).toBeDefined();
    expect(paidOrder!.id).not.toBe(declinedOrder!.id);
    expect(step).toEqual({ kind: "paid", orderUrl: `/orders/${paidOrder!.publicToken}` });
    expect([declinedOrder!.status, paidOrder!.status]).toEqual(["pending", "paid"]);
    expect(paidOrder!.totalCentavos).toBe(24900 + 2 * 18900);
    expect((await creates()).map((c) => c.body.amount)).toEqual([24900, 24900 + 2 * 18900]);
  });

  it("is priced from the database at each checkout: a new price makes a new order with the new amount", async () => {
    const { cartId, products: [product] } = await cartWith(db, [[10000, 2]]);
    await payWithCard(context(), cartId, checkoutForm({ cardNumber: "4000000000000002" }));
    await db.update(products).set({ priceCentavos: 15000 }).where(eq(products.id, product!.id));

    expect((await payWithCard(context(), cartId, checkoutForm())).kind).toBe("paid");
    expect((await creates()).map((c) => c.body.amount)).toEqual([20000, 30000]);
    expect((await ordersOfCart(db, cartId)).map((o) => [o.totalCentavos, o.status])).toEqual([
      [20000, "pending"],
      [30000, "paid"],
    ]);
  });
});
