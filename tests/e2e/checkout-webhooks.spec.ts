// Cheqpay's webhook arrives before its API answer (the answer is held back after the payment is committed):
// the order is paid once, by whichever comes first, and the shopper still lands on the confirmation.
import {
  addProductsAndCheckout,
  CARDS,
  english,
  expect,
  expectOrderConfirmed,
  fillAndPay,
  test,
} from "./support/checkout";
import { attemptsOf, eventsOf, onlyOrderOf } from "./support/database";
import { addFault, createPaymentOrdersFor, latestRequestSeq, SANDBOX_CREATES_LOCK, webhookDeliveries } from "./support/sandbox";

test.use(english);

test("a webhook delivered before the API's answer pays the order once", { lock: SANDBOX_CREATES_LOCK }, async ({ page, shopper, sql }) => {
  const since = await latestRequestSeq();
  const clearFault = await addFault({
    match: { operation: "createPaymentOrder" },
    action: { type: "latency-after-commit", ms: 2500 },
  });
  try {
    await addProductsAndCheckout(page, ["Rebozo de seda"]);
    await fillAndPay(page, shopper, CARDS.visa);
    await expectOrderConfirmed(page);
  } finally {
    await clearFault();
  }

  const created = await createPaymentOrdersFor(shopper.email, since);
  expect(created).toHaveLength(1);
  expect(created[0]!.fault).toBe("latency-after-commit");

  const order = await onlyOrderOf(sql, shopper.email);
  expect(order.status).toBe("paid");
  const [attempt, ...others] = await attemptsOf(sql, order.id);
  expect(others).toEqual([]);
  expect(attempt!.status).toBe("succeeded");
  expect(attempt!.cheqpay_order_id).toBeTruthy();

  // The sandbox delivered payment.capture.success for this payment to the app, which answered 200.
  await expect
    .poll(async () => {
      const deliveries = await webhookDeliveries({ paymentOrderId: attempt!.cheqpay_order_id!, event: "payment.capture.success" });
      return deliveries.map((d) => ({ status: d.status, lastHttpStatus: d.attempts.at(-1)?.httpStatus ?? null }));
    })
    .toEqual([{ status: "delivered", lastHttpStatus: 200 }]);
  const [delivery] = await webhookDeliveries({ paymentOrderId: attempt!.cheqpay_order_id!, event: "payment.capture.success" });
  expect(delivery!.body.data?.paymentOrder?.externalId).toBe(attempt!.external_id);

  // The timeline: the webhook moved the attempt (it came first) and the order was paid exactly once.
  const events = await eventsOf(sql, order.id);
  const statusEvents = events.filter((e) => e.kind === "attempt.status" && e.attempt_id === attempt!.id);
  expect(statusEvents).toContainEqual(
    expect.objectContaining({ detail: expect.objectContaining({ status: "succeeded", source: "webhook" }) }),
  );
  expect(statusEvents.filter((e) => e.detail.status === "succeeded")).toHaveLength(1);
  expect(events.filter((e) => e.kind === "order.paid")).toHaveLength(1);
  expect(events.filter((e) => e.kind === "attempt.second_charge")).toEqual([]);
});
