// Card-testing limits against real PostgreSQL and a real sandbox: past a limit the shopper is told to wait,
// Cheqpay hears nothing of the payment, and the refusal is stored and counted. Each test pays from an IP address
// and with emails of its own (the database is shared by files running in parallel).
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { payWithCard } from "@/lib/checkout/payment-service";
import type { PaymentStep } from "@/lib/checkout/payment-step";
import type { PaymentLimits } from "@/lib/config";
import { paymentAttempts, paymentLimitRefusals, type PaymentLimitName } from "@/lib/db/schema";
import { getMetrics } from "@/lib/observability/metrics";
import { clientFor, requestLog, useSandbox } from "../../support/cheqpay-sandbox";
import { attemptsOf, cartWith, checkoutForm, messages, ordersOfCart, paymentContextFor, useDatabase } from "../../support/checkout-fixtures";
import { limitAddress } from "@/lib/limits/sliding-window";

const sandbox = useSandbox();
const db = useDatabase();

const LIMITS: PaymentLimits = { windowMinutes: 10, attemptsPerIp: 10, declinesPerIp: 5, attemptsPerEmail: 10, attemptsPerOrder: 5 };
const APPROVED = "4111111111111111";
const DECLINED = "4000000000000002";
const PROCESSOR_ERROR = "4000000000000119";

/** An address of the documentation range (2001:db8::/32) no other test uses. */
const newIp = () => `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}::7`;
/** What the limits count and store for an address: its /64 network. */
const countedAs = (ip: string) => limitAddress(ip)!;
const newEmail = () => `limits-${randomBytes(5).toString("hex")}@example.com`;

type Payment = { ip: string; email?: string; card?: string; cartId?: string; submissionKey?: string; limits?: PaymentLimits };

/** One submit of the checkout, as the Server Action makes it: a new cart (unless given) and a fresh key. */
async function pay({ ip, email = newEmail(), card = APPROVED, cartId, submissionKey, limits = LIMITS }: Payment) {
  const cart = cartId ?? (await cartWith(db)).cartId;
  const context = paymentContextFor(db, clientFor(sandbox()), { limits, device: { ipAddress: ip, userAgent: "vitest", acceptHeader: "text/html" } });
  const form = checkoutForm({ email, cardNumber: card, ...(submissionKey ? { submissionKey } : {}) });
  const step = await payWithCard(context, cart, form);
  return { step, cartId: cart, form };
}

const creates = () => requestLog(sandbox(), "createPaymentOrder");
const refusalsOf = (ip: string) => db.select().from(paymentLimitRefusals).where(eq(paymentLimitRefusals.clientIp, countedAs(ip)));
const limitedCount = async (limit: PaymentLimitName) =>
  (await getMetrics().paymentLimited.get()).values.find((v) => v.labels.limit === limit)?.value ?? 0;

function expectLimited(step: PaymentStep, minutes: number | RegExp = /^\d+$/) {
  expect(step).toEqual({ kind: "problem", code: "payment-limited", message: expect.any(String), nextSubmissionKey: expect.any(String) });
  const message = (step as Extract<PaymentStep, { kind: "problem" }>).message;
  expect(message).toMatch(/^Too many payment attempts\. For your security, please wait (\d+) minutes? before trying again\. You have not been charged\.$/);
  const waited = /wait (\d+) minute/.exec(message)![1]!;
  if (typeof minutes === "number") expect(Number(waited)).toBe(minutes);
  else expect(waited).toMatch(minutes);
}

describe("attempts per client IP", () => {
  it("refuses the 11th attempt within the window; Cheqpay never hears of it and nothing is written for it", async () => {
    const ip = newIp();
    const metricBefore = await limitedCount("attempts-per-ip");
    for (let i = 0; i < 10; i++) expect((await pay({ ip })).step.kind).toBe("paid");
    expect(await creates()).toHaveLength(10);

    const eleventh = await pay({ ip });

    // The first attempt leaves the window in a little under 10 minutes.
    expectLimited(eleventh.step, /^(9|10)$/);
    expect(await creates()).toHaveLength(10);
    expect(await ordersOfCart(db, eleventh.cartId)).toEqual([]);
    expect(await refusalsOf(ip)).toEqual([
      expect.objectContaining({ limitName: "attempts-per-ip", clientIp: countedAs(ip), email: eleventh.form.email.toLowerCase(), orderId: null }),
    ]);
    expect(await limitedCount("attempts-per-ip")).toBe(metricBefore + 1);
  });

  it("lets 10 of 20 concurrent submits from one IP reach Cheqpay, and refuses the other 10", async () => {
    const ip = newIp();
    const carts = await Promise.all(Array.from({ length: 20 }, () => cartWith(db)));

    const steps = await Promise.all(carts.map(({ cartId }) => pay({ ip, cartId }).then((p) => p.step)));

    expect(steps.filter((s) => s.kind === "paid")).toHaveLength(10);
    expect(steps.filter((s) => s.kind === "problem" && s.code === "payment-limited")).toHaveLength(10);
    expect(await creates()).toHaveLength(10);
    const attempts = await db.select().from(paymentAttempts).where(eq(paymentAttempts.clientIp, countedAs(ip)));
    expect(attempts).toHaveLength(10);
    expect(attempts.every((a) => a.status === "succeeded")).toBe(true);
    expect((await refusalsOf(ip)).map((r) => r.limitName)).toEqual(Array.from({ length: 10 }, () => "attempts-per-ip"));
  });

  it("counts IPv4 and its IPv4-mapped IPv6 form as one address", async () => {
    const ip = `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
    const limits = { ...LIMITS, attemptsPerIp: 1 };
    expect((await pay({ ip, limits })).step.kind).toBe("paid");
    expectLimited((await pay({ ip: `::ffff:${ip}`, limits })).step);
    expect(await creates()).toHaveLength(1);
  });

  it("counts every address of one IPv6 /64 network as one shopper, and another /64 apart", async () => {
    const network = newIp().replace(/::7$/, "");
    const limits = { ...LIMITS, attemptsPerIp: 2 };
    expect((await pay({ ip: `${network}::1`, limits })).step.kind).toBe("paid");
    expect((await pay({ ip: `${network}:a:b:c:d`, limits })).step.kind).toBe("paid");
    expectLimited((await pay({ ip: `${network}::ffff:2`, limits })).step);
    expect((await pay({ ip: newIp(), limits })).step.kind).toBe("paid");
    expect(await creates()).toHaveLength(3);
  });
});

describe("declines per client IP", () => {
  it("after 5 declines refuses even an approved card", async () => {
    const ip = newIp();
    const metricBefore = await limitedCount("declines-per-ip");
    for (let i = 0; i < 5; i++) expect((await pay({ ip, card: DECLINED })).step.kind).toBe("declined");

    const approved = await pay({ ip, card: APPROVED });

    expectLimited(approved.step);
    expect((await creates()).map((c) => c.status)).toEqual([422, 422, 422, 422, 422]);
    expect((await refusalsOf(ip)).map((r) => r.limitName)).toEqual(["declines-per-ip"]);
    expect(await limitedCount("declines-per-ip")).toBe(metricBefore + 1);
  });

  it("does not count Cheqpay failing as the shopper's declines", async () => {
    const ip = newIp();
    const limits = { ...LIMITS, declinesPerIp: 2 };
    for (let i = 0; i < 2; i++) expect((await pay({ ip, card: PROCESSOR_ERROR, limits })).step).toMatchObject({ code: "processor-unavailable" });
    expect((await pay({ ip, limits })).step.kind).toBe("paid");
    expect(await refusalsOf(ip)).toEqual([]);
  });
});

describe("attempts per shopper email", () => {
  it("refuses the 11th attempt with one email, whatever the IP", async () => {
    const email = newEmail();
    for (let i = 0; i < 10; i++) expect((await pay({ ip: newIp(), email })).step.kind).toBe("paid");

    const ip = newIp();
    const eleventh = await pay({ ip, email: email.toUpperCase() });

    expectLimited(eleventh.step);
    expect(await creates()).toHaveLength(10);
    expect(await refusalsOf(ip)).toEqual([expect.objectContaining({ limitName: "attempts-per-email", email })]);
  });
});

describe("attempts per order", () => {
  it("refuses a 6th attempt on one order, even from a new IP, and names the order in the refusal", async () => {
    const { cartId } = await cartWith(db);
    const email = newEmail();
    for (let i = 0; i < 5; i++) expect((await pay({ ip: newIp(), email, cartId, card: DECLINED })).step.kind).toBe("declined");
    const [order] = await ordersOfCart(db, cartId);

    const ip = newIp();
    const sixth = await pay({ ip, email, cartId, card: APPROVED });

    expectLimited(sixth.step);
    expect(await creates()).toHaveLength(5);
    expect((await attemptsOf(db, order!.id)).map((a) => a.status)).toEqual(["failed", "failed", "failed", "failed", "failed"]);
    expect(await refusalsOf(ip)).toEqual([expect.objectContaining({ limitName: "attempts-per-order", orderId: order!.id })]);
  });
});

describe("the sliding window", () => {
  it("tells how long to wait, and allows the payment once the attempts have left the window", async () => {
    const ip = newIp();
    const limits = { ...LIMITS, attemptsPerIp: 2 };
    for (let i = 0; i < 2; i++) expect((await pay({ ip, limits })).step.kind).toBe("paid");
    const backdate = (interval: string) =>
      db.update(paymentAttempts).set({ createdAt: sql`now() - ${interval}::interval` }).where(eq(paymentAttempts.clientIp, countedAs(ip)));

    await backdate("9 minutes 30 seconds");
    expectLimited((await pay({ ip, limits })).step, 1);

    await backdate("10 minutes 1 second");
    expect((await pay({ ip, limits })).step.kind).toBe("paid");
    expect(await creates()).toHaveLength(3);
  });
});

describe("a repeated submit (double click, refresh)", () => {
  it("finds its attempt at the limit: neither counted nor refused", async () => {
    const ip = newIp();
    const limits = { ...LIMITS, attemptsPerIp: 1 };
    const first = await pay({ ip, limits });
    expect(first.step.kind).toBe("paid");

    const again = await pay({ ip, limits, cartId: first.cartId, submissionKey: first.form.submissionKey });

    expect(again.step).toEqual(first.step);
    expect(await refusalsOf(ip)).toEqual([]);
    expect(await db.select().from(paymentAttempts).where(eq(paymentAttempts.clientIp, countedAs(ip)))).toHaveLength(1);
    expectLimited((await pay({ ip, limits })).step);
  });

  it("sent five times at once as the last allowed attempt: one payment, five paid answers, no refusal", async () => {
    const ip = newIp();
    const limits = { ...LIMITS, attemptsPerIp: 1 };
    const { cartId } = await cartWith(db);
    const form = checkoutForm({ email: newEmail() });
    const context = paymentContextFor(db, clientFor(sandbox()), { limits, device: { ipAddress: ip, userAgent: "vitest" } });

    const steps = await Promise.all(Array.from({ length: 5 }, () => payWithCard(context, cartId, form)));

    expect(new Set(steps.map((s) => s.kind))).toEqual(new Set(["paid"]));
    expect(await creates()).toHaveLength(1);
    expect(await refusalsOf(ip)).toEqual([]);
  });
});

describe("the refusal", () => {
  it("reads in the shopper's words how long to wait (one minute, singular)", () => {
    expect(messages.limited(1)).toBe("Too many payment attempts. For your security, please wait 1 minute before trying again. You have not been charged.");
  });

  it("stores the limit, the IP and the email of every refused submit", async () => {
    const ip = newIp();
    const email = newEmail();
    const limits = { ...LIMITS, attemptsPerIp: 1 };
    await pay({ ip, email, limits });
    await pay({ ip, email, limits });
    await pay({ ip, email, limits });
    const rows = await db.select().from(paymentLimitRefusals).where(and(eq(paymentLimitRefusals.clientIp, countedAs(ip)), eq(paymentLimitRefusals.email, email)));
    expect(rows.map((r) => r.limitName)).toEqual(["attempts-per-ip", "attempts-per-ip"]);
    expect(await creates()).toHaveLength(1);
  });
});
