// The back office's card-testing view against real PostgreSQL, from payments made through the payment service
// and a real sandbox: a burst of declines from one IP shows as that IP's row. A database of the file's own: the
// view lists every IP, and other files' payments would crowd it.
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ipRisk, isOverLimitNow } from "@/lib/admin/risk-queries";
import { payWithCard } from "@/lib/checkout/payment-service";
import type { PaymentLimits } from "@/lib/config";
import { paymentAttempts, paymentLimitRefusals } from "@/lib/db/schema";
import { clientFor, useSandbox } from "../../support/cheqpay-sandbox";
import { cartWith, checkoutForm, paymentContextFor } from "../../support/checkout-fixtures";
import { useIsolatedDatabase } from "../../support/isolated-database";
import { limitAddress } from "@/lib/limits/sliding-window";

const sandbox = useSandbox();
const isolated = useIsolatedDatabase();
const LIMITS: PaymentLimits = { windowMinutes: 10, attemptsPerIp: 10, declinesPerIp: 5, attemptsPerEmail: 10, attemptsPerOrder: 5 };

const newIp = () => `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}::9`;
/** What the limits count and store for an address: its /64 network. */
const countedAs = (ip: string) => limitAddress(ip)!;

async function pay(ip: string | undefined, card: string, email = `risk-${randomBytes(4).toString("hex")}@example.com`) {
  const { db } = isolated();
  const { cartId } = await cartWith(db);
  const context = paymentContextFor(db, clientFor(sandbox()), { limits: LIMITS, device: { ipAddress: ip, userAgent: "vitest" } });
  return payWithCard(context, cartId, checkoutForm({ email, cardNumber: card }));
}

const rowOf = async (period: "1h" | "24h", ip: string) => (await ipRisk(isolated().db, period, LIMITS)).find((row) => row.clientIp === countedAs(ip));

describe("ipRisk", () => {
  it("shows a burst of declines from one IP: attempts, declines, refusals, cards, emails, refused now", async () => {
    const ip = newIp();
    const cards = ["4000000000000002", "4000000000009995", "4000000000000069", "4000000000000002", "4000000000009995"];
    for (const card of cards) expect((await pay(ip, card)).kind).toBe("declined");
    expect(await pay(ip, "4111111111111111")).toMatchObject({ code: "payment-limited" });
    expect(await pay(ip, "4111111111111111")).toMatchObject({ code: "payment-limited" });

    const row = await rowOf("1h", ip);

    expect(row).toMatchObject({
      clientIp: countedAs(ip),
      attempts: 5,
      declines: 5,
      refusals: 2,
      cards: 3,
      emails: 5,
      windowAttempts: 5,
      windowDeclines: 5,
      refusedBy: ["declines-per-ip"],
    });
    expect(isOverLimitNow(row!, LIMITS)).toBe(true);
    expect(Date.now() - row!.lastSeen.getTime()).toBeLessThan(60_000);
  });

  it("leaves out of the last hour what happened before it, keeps it in the last 24 hours, and frees the IP", async () => {
    const ip = newIp();
    for (let i = 0; i < 5; i++) expect((await pay(ip, "4000000000000002")).kind).toBe("declined");
    expect(await pay(ip, "4111111111111111")).toMatchObject({ code: "payment-limited" });
    const { db } = isolated();
    await db.update(paymentAttempts).set({ createdAt: sql`now() - interval '2 hours'` }).where(eq(paymentAttempts.clientIp, countedAs(ip)));
    await db.update(paymentLimitRefusals).set({ createdAt: sql`now() - interval '2 hours'` }).where(eq(paymentLimitRefusals.clientIp, countedAs(ip)));

    expect(await rowOf("1h", ip)).toBeUndefined();
    const day = await rowOf("24h", ip);
    expect(day).toMatchObject({ attempts: 5, declines: 5, refusals: 1, windowAttempts: 0, windowDeclines: 0 });
    expect(isOverLimitNow(day!, LIMITS)).toBe(false);
  });

  it("lists an IP that was only refused, and never an attempt without an IP", async () => {
    const { db } = isolated();
    const ip = newIp();
    await db.insert(paymentLimitRefusals).values({ limitName: "attempts-per-email", clientIp: countedAs(ip), email: "someone@example.com" });
    expect(await rowOf("1h", ip)).toMatchObject({ attempts: 0, declines: 0, refusals: 1, refusedBy: ["attempts-per-email"] });
    expect((await pay(undefined, "4000000000000002")).kind).toBe("declined");
    const rows = await ipRisk(db, "24h", LIMITS);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.clientIp.length > 0 && row.clientIp !== "null")).toBe(true);
  });
});
