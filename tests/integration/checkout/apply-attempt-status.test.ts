// applyAttemptStatus against real PostgreSQL: one guarded UPDATE per move, side effects once, races settled
// by the database. Every test makes its own cart, order and attempt.
import { describe, expect, it } from "vitest";
import { addToCart } from "@/lib/cart/cart-mutations";
import { applyAttemptStatus } from "@/lib/checkout/apply-attempt-status";
import type { PayerAuthentication } from "@/lib/cheqpay";
import {
  attemptById,
  attemptsOf,
  cartLineCount,
  makeProduct,
  cartWith,
  insertAttempt,
  orderById,
  orderWithAttempt,
  timelineOf,
  useDatabase,
} from "../../support/checkout-fixtures";

const db = useDatabase();

const deviceData: PayerAuthentication = { id: "pa_device", url: "https://3ds.example/device-data", jwt: "jwt.device" };
const challenge: PayerAuthentication = { id: "pa_challenge", url: "https://3ds.example/challenge", jwt: "jwt.challenge" };

const payerAuthOf = (a: { payerAuthId: string | null; payerAuthUrl: string | null; payerAuthJwt: string | null }) => ({
  id: a.payerAuthId,
  url: a.payerAuthUrl,
  jwt: a.payerAuthJwt,
});

describe("a forward move", () => {
  it("applies once and writes its timeline event once", async () => {
    const { order, attempt } = await orderWithAttempt(db, "submitted");
    const first = await applyAttemptStatus(db, attempt.id, { status: "requires_device_data", payerAuthentication: deviceData }, "create-response");
    const again = await applyAttemptStatus(db, attempt.id, { status: "requires_device_data", payerAuthentication: deviceData }, "webhook");
    expect(first).toMatchObject({ changed: true, attempt: { status: "requires_device_data" } });
    expect(again).toMatchObject({ changed: false, attempt: { status: "requires_device_data" } });
    expect(await timelineOf(db, order.id)).toEqual(["attempt.status:requires_device_data"]);
  });

  it("walks submitted → device data → challenge → failed, one event per step, with the source and decline code", async () => {
    const { order, attempt } = await orderWithAttempt(db, "submitted");
    await applyAttemptStatus(db, attempt.id, { status: "requires_device_data", payerAuthentication: deviceData }, "create-response");
    await applyAttemptStatus(db, attempt.id, { status: "requires_challenge", payerAuthentication: challenge }, "payer-authentication");
    const { attempt: failed } = await applyAttemptStatus(
      db,
      attempt.id,
      { status: "failed", declineCode: "AUTHENTICATION_FAILED", declineReason: "authentication_failed" },
      "three-ds-return",
    );
    expect(failed).toMatchObject({ status: "failed", declineCode: "AUTHENTICATION_FAILED", declineReason: "authentication_failed" });
    expect(await timelineOf(db, order.id)).toEqual([
      "attempt.status:requires_device_data",
      "attempt.status:requires_challenge",
      "attempt.status:failed",
    ]);
    expect((await orderById(db, order.id)).status).toBe("pending");
  });

  it("keeps the first Cheqpay order id it learned", async () => {
    const { attempt } = await orderWithAttempt(db, "submitted");
    await applyAttemptStatus(db, attempt.id, { status: "requires_device_data", cheqpayOrderId: "cq_first", payerAuthentication: deviceData }, "create-response");
    const { attempt: moved } = await applyAttemptStatus(db, attempt.id, { status: "failed", cheqpayOrderId: "cq_other" }, "webhook");
    expect(moved.cheqpayOrderId).toBe("cq_first");
  });

  it("throws for an attempt that does not exist", async () => {
    await expect(applyAttemptStatus(db, "00000000-0000-4000-8000-000000000000", { status: "failed" }, "webhook")).rejects.toThrow(
      /Unknown payment attempt/,
    );
  });
});

describe("a backward move", () => {
  it.each(["submitted", "requires_device_data", "requires_challenge", "expired"] as const)(
    "from failed to %s is refused and changes nothing",
    async (target) => {
      const { order, attempt } = await orderWithAttempt(db, "submitted");
      await applyAttemptStatus(db, attempt.id, { status: "failed", declineCode: "DECLINED", declineReason: "generic_decline" }, "create-response");
      const before = await attemptById(db, attempt.id);
      const result = await applyAttemptStatus(db, attempt.id, { status: target, declineCode: "OTHER", payerAuthentication: challenge }, "webhook");
      expect(result).toEqual({ changed: false, attempt: before });
      expect(await attemptById(db, attempt.id)).toEqual(before);
      expect(await timelineOf(db, order.id)).toEqual(["attempt.status:failed"]);
    },
  );

  it("from succeeded to failed is refused: the order stays paid", async () => {
    const { order, attempt } = await orderWithAttempt(db, "submitted");
    await applyAttemptStatus(db, attempt.id, { status: "succeeded" }, "create-response");
    const late = await applyAttemptStatus(db, attempt.id, { status: "failed", declineCode: "DECLINED" }, "webhook");
    expect(late).toMatchObject({ changed: false, attempt: { status: "succeeded", declineCode: null } });
    expect((await orderById(db, order.id)).status).toBe("paid");
    expect(await timelineOf(db, order.id)).toEqual(["attempt.status:succeeded", "order.paid"]);
  });
});

describe("succeeded", () => {
  it("marks the order paid and empties its cart exactly once", async () => {
    const { order, attempt, cartId } = await orderWithAttempt(db, "submitted");
    const { cartId: otherCart } = await cartWith(db, [[9900, 3]]);
    expect(await cartLineCount(db, cartId)).toBe(2);

    const first = await applyAttemptStatus(db, attempt.id, { status: "succeeded", card: { brand: "visa", last4: "4242", expiryMonth: 1, expiryYear: 2031 } }, "create-response");
    const again = await applyAttemptStatus(db, attempt.id, { status: "succeeded" }, "webhook");

    expect(first.changed).toBe(true);
    expect(again.changed).toBe(false);
    expect(first.attempt).toMatchObject({ status: "succeeded", cardLast4: "4242", cardExpiryYear: 2031 });
    const paid = await orderById(db, order.id);
    expect(paid.status).toBe("paid");
    expect(paid.paidAt).toBeInstanceOf(Date);
    expect(await cartLineCount(db, cartId)).toBe(0);
    expect(await cartLineCount(db, otherCart)).toBe(1);
    expect(await timelineOf(db, order.id)).toEqual(["attempt.status:succeeded", "order.paid"]);
  });

  it("leaves in the cart what was added after the order was made", async () => {
    const { attempt, cartId } = await orderWithAttempt(db, "submitted");
    const later = await makeProduct(db, 5000);
    expect((await addToCart(db, cartId, later.id, 1)).ok).toBe(true);
    await applyAttemptStatus(db, attempt.id, { status: "succeeded" }, "webhook");
    expect(await cartLineCount(db, cartId)).toBe(1);
  });

  it("racing failed, always ends succeeded with the order paid once (20 races)", async () => {
    for (let race = 0; race < 20; race++) {
      const { order, attempt, cartId } = await orderWithAttempt(db, "requires_challenge");
      const results = await Promise.all([
        applyAttemptStatus(db, attempt.id, { status: "succeeded" }, "three-ds-return"),
        applyAttemptStatus(db, attempt.id, { status: "failed", declineCode: "DECLINED", declineReason: "generic_decline" }, "webhook"),
      ]);
      expect(results[0].changed).toBe(true);
      const final = await attemptById(db, attempt.id);
      expect(final).toMatchObject({ status: "succeeded", declineCode: null, declineReason: null });
      expect((await orderById(db, order.id)).status).toBe("paid");
      expect(await cartLineCount(db, cartId)).toBe(0);
      const timeline = await timelineOf(db, order.id);
      expect(timeline.filter((kind) => kind === "order.paid")).toHaveLength(1);
      expect([
        ["attempt.status:succeeded", "order.paid"],
        ["attempt.status:failed", "attempt.status:succeeded", "order.paid"],
      ]).toContainEqual(timeline);
    }
  });

  it("racing itself (a webhook and the API answer), pays the order once (20 races)", async () => {
    for (let race = 0; race < 20; race++) {
      const { order, attempt } = await orderWithAttempt(db, "submitted");
      const results = await Promise.all([
        applyAttemptStatus(db, attempt.id, { status: "succeeded" }, "create-response"),
        applyAttemptStatus(db, attempt.id, { status: "succeeded" }, "webhook"),
      ]);
      expect(results.map((r) => r.changed).sort()).toEqual([false, true]);
      expect(await timelineOf(db, order.id)).toEqual(["attempt.status:succeeded", "order.paid"]);
    }
  });

  it("of a second attempt of a paid order is refused by the partial unique index and recorded as a second charge", async () => {
    const { order, attempt } = await orderWithAttempt(db, "submitted");
    await applyAttemptStatus(db, attempt.id, { status: "succeeded" }, "create-response");
    const second = await insertAttempt(db, order, "failed");
    const result = await applyAttemptStatus(db, second.id, { status: "succeeded" }, "webhook");
    expect(result.changed).toBe(false);
    expect((await attemptById(db, second.id)).status).toBe("failed");
    expect((await attemptsOf(db, order.id)).filter((a) => a.status === "succeeded").map((a) => a.id)).toEqual([attempt.id]);
    expect(await timelineOf(db, order.id)).toEqual(["attempt.status:succeeded", "order.paid", "attempt.second_charge"]);
  });
});

describe("the 3-D Secure fields", () => {
  it("are kept while the attempt requires device data or a challenge, and replaced by the next step's", async () => {
    const { attempt } = await orderWithAttempt(db, "submitted");
    const { attempt: device } = await applyAttemptStatus(db, attempt.id, { status: "requires_device_data", payerAuthentication: deviceData }, "create-response");
    expect(payerAuthOf(device)).toEqual(deviceData);
    const { attempt: challenged } = await applyAttemptStatus(db, attempt.id, { status: "requires_challenge", payerAuthentication: challenge }, "payer-authentication");
    expect(payerAuthOf(challenged)).toEqual(challenge);
  });

  it.each(["succeeded", "failed", "expired"] as const)("are cleared when the attempt becomes %s", async (final) => {
    const { attempt } = await orderWithAttempt(db, "submitted");
    await applyAttemptStatus(db, attempt.id, { status: "requires_challenge", payerAuthentication: challenge }, "payer-authentication");
    const { attempt: ended } = await applyAttemptStatus(db, attempt.id, { status: final, payerAuthentication: challenge }, "webhook");
    expect(ended.status).toBe(final);
    expect(payerAuthOf(ended)).toEqual({ id: null, url: null, jwt: null });
  });

  it("stay as stored when a move brings none (a webhook-style update)", async () => {
    const { attempt } = await orderWithAttempt(db, "submitted");
    await applyAttemptStatus(db, attempt.id, { status: "requires_device_data", payerAuthentication: deviceData }, "create-response");
    const { attempt: moved, changed } = await applyAttemptStatus(db, attempt.id, { status: "requires_challenge" }, "webhook");
    expect(changed).toBe(true);
    expect(moved.status).toBe("requires_challenge");
    expect(payerAuthOf(moved)).toEqual(deviceData);
  });

  it("stay as stored when a move brings a null one", async () => {
    const { attempt } = await orderWithAttempt(db, "submitted");
    await applyAttemptStatus(db, attempt.id, { status: "requires_device_data", payerAuthentication: deviceData }, "create-response");
    const { attempt: moved } = await applyAttemptStatus(db, attempt.id, { status: "requires_challenge", payerAuthentication: null }, "reconciliation");
    expect(payerAuthOf(moved)).toEqual(deviceData);
  });
});
