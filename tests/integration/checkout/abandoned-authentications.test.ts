// A 3-D Secure step the shopper never finished ends expired after Cheqpay's session lifetime.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { expireAbandonedAuthentications } from "@/lib/checkout/abandoned-authentications";
import { paymentAttempts } from "@/lib/db/schema";
import { loadOrderByToken } from "@/lib/orders/order-queries";
import { attemptById, orderWithAttempt, timelineOf, useDatabase } from "../../support/checkout-fixtures";

const db = useDatabase();

async function ageAttempt(attemptId: string, minutes: number) {
  await db
    .update(paymentAttempts)
    .set({ updatedAt: sql`now() - make_interval(mins => ${minutes})` })
    .where(eq(paymentAttempts.id, attemptId));
}

describe("expireAbandonedAuthentications", () => {
  it("expires a challenge left for longer than the session lifetime", async () => {
    const { order, attempt } = await orderWithAttempt(db, "requires_challenge");
    await ageAttempt(attempt.id, 11);
    expect(await expireAbandonedAuthentications(db, order.id)).toBe(true);
    expect(await attemptById(db, attempt.id)).toMatchObject({ status: "expired", declineCode: "AUTHENTICATION_FAILED" });
    expect(await timelineOf(db, order.id)).toEqual(["attempt.status:expired"]);
  });

  it("leaves a challenge the shopper may still be answering", async () => {
    const { order, attempt } = await orderWithAttempt(db, "requires_device_data");
    await ageAttempt(attempt.id, 5);
    expect(await expireAbandonedAuthentications(db, order.id)).toBe(false);
    expect((await attemptById(db, attempt.id)).status).toBe("requires_device_data");
  });

  it("runs when the order page is opened, so the page stops waiting for a payment that cannot finish", async () => {
    const { order, attempt } = await orderWithAttempt(db, "requires_challenge");
    expect((await loadOrderByToken(db, order.publicToken))?.state).toBe("processing");
    await ageAttempt(attempt.id, 30);
    expect((await loadOrderByToken(db, order.publicToken))?.state).toBe("unpaid");
  });
});
