// The success-rate alert end to end: payments through the payment service against a real sandbox process (40 %
// declined with the decline test card), the check-success-rate job function run by hand (twice, and twice at once
// on two pools, as two app instances would), a local webhook receiver (node:http) and the development mailbox.
// A database of this file's own: the check counts every attempt of the last 15 minutes.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { asc, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AlertPayload } from "@/lib/alerts/alert-message";
import { listAlerts } from "@/lib/alerts/alert-history";
import { checkSuccessRate, type CheckOptions, type SuccessRateAlertSettings } from "@/lib/alerts/check-success-rate";
import { payWithCard } from "@/lib/checkout/payment-service";
import type { Database } from "@/lib/db/client";
import { alerts, mailMessages, paymentAttempts } from "@/lib/db/schema";
import { jobHandlers } from "@/lib/jobs/job-handlers";
import { clientFor, useSandbox } from "../../support/cheqpay-sandbox";
import { APP_URL, APPROVED_CARD, cartWith, checkoutForm, insertAttempt, orderWithAttempt, paymentContextFor } from "../../support/checkout-fixtures";
import { useIsolatedDatabase } from "../../support/isolated-database";
import { EMAIL_CONTEXT, mailboxMailer } from "../../support/job-fixtures";

const DECLINED_CARD = "4000000000000002";
const STAFF = ["ops@shop.example.test", "finance@shop.example.test"];

const sandbox = useSandbox();
const iso = useIsolatedDatabase();
const mailer = mailboxMailer();

type Received = { body: string; json: AlertPayload; contentType: string | undefined };

/** The merchant's alert endpoint: records each POST; `answer` says how to reply (0: never answer). */
const receiver = { url: "", received: [] as Received[], answer: 200, server: null as Server | null };

beforeAll(async () => {
  receiver.server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      receiver.received.push({ body, json: JSON.parse(body) as AlertPayload, contentType: request.headers["content-type"] });
      if (receiver.answer === 0) return; // hang: the job's timeout must cut it
      response.writeHead(receiver.answer).end();
    });
  });
  await new Promise<void>((resolve) => receiver.server!.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/alerts`;
});

afterAll(async () => {
  receiver.server?.closeAllConnections();
  await new Promise((resolve) => receiver.server?.close(resolve));
});

beforeEach(() => {
  receiver.received.length = 0;
  receiver.answer = 200;
});

const settings = (overrides: Partial<SuccessRateAlertSettings> = {}): SuccessRateAlertSettings => ({
  successRate: 0.85,
  minPayments: 20,
  webhookUrl: receiver.url,
  staffEmails: STAFF,
  appUrl: APP_URL,
  ...overrides,
});

const check = (db: Database = iso().db, overrides: Partial<SuccessRateAlertSettings> = {}, options: CheckOptions = {}) =>
  checkSuccessRate(db, mailer, settings(overrides), options);

/** Pays `count` new carts with `card` through the payment service, a few at a time. */
async function pay(count: number, card: string) {
  const { db } = iso();
  const expected = card === DECLINED_CARD ? "declined" : "paid";
  for (let done = 0; done < count; done += 5) {
    const batch = Array.from({ length: Math.min(5, count - done) }, async () => {
      const { cartId } = await cartWith(db);
      const step = await payWithCard(paymentContextFor(db, clientFor(sandbox())), cartId, checkoutForm({ cardNumber: card }));
      expect(step.kind).toBe(expected);
    });
    await Promise.all(batch);
  }
}

const alertRows = () => iso().db.select().from(alerts).orderBy(asc(alerts.createdAt));
const alertMails = () => iso().db.select().from(mailMessages).where(like(mailMessages.eventKey, "alert:%"));

/** Every attempt so far leaves the window, as if 16 minutes had passed. */
const ageOutOfWindow = () => iso().db.update(paymentAttempts).set({ updatedAt: sql`now() - interval '16 minutes'` });

describe("a success rate that falls to 60 % and comes back", () => {
  it("is alerted once (webhook and one email per staff address), then recovered once", async () => {
    const { db } = iso();
    // Nothing paid yet, then 19 final payments: too few to judge.
    expect((await check()).decision).toEqual({ action: "none", reason: "too_few_payments" });
    await pay(12, DECLINED_CARD);
    await pay(7, APPROVED_CARD);
    expect(await check()).toMatchObject({ decision: { action: "none", reason: "too_few_payments" }, window: { total: 19 }, alert: null });

    // 30 payments, 12 declined: 60 %. Two instances check at the same moment: one alert between them.
    await pay(11, APPROVED_CARD);
    const other = iso().newPool(4);
    const both = await Promise.all([check(db), check(other.db)]);
    expect(both.map((result) => result.decision.action).sort()).toEqual(["alert", "none"]);
    const alerted = both.find((result) => result.alert)!;
    expect(alerted).toMatchObject({ window: { succeeded: 18, failed: 12, total: 30, rate: 0.6 }, emailsSent: 2 });
    expect(both.find((result) => !result.alert)!.decision).toEqual({ action: "none", reason: "still_low" });

    const [low, ...more] = await alertRows();
    expect(more).toEqual([]);
    expect(low).toMatchObject({
      id: alerted.alert!.id,
      kind: "success_rate_low",
      succeeded: 18,
      failed: 12,
      topDeclines: [{ code: "DECLINED", count: 12 }],
      webhookStatus: "delivered",
    });
    expect(low!.rate).toBeCloseTo(0.6, 5);
    expect(low!.windowEnd.getTime() - low!.windowStart.getTime()).toBe(15 * 60_000);

    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(delivery!.contentType).toBe("application/json");
    expect(delivery!.json).toEqual({
      id: low!.id,
      type: "success_rate_low",
      rate: 0.6,
      threshold: 0.85,
      succeeded: 18,
      failed: 12,
      total: 30,
      topDeclines: [{ code: "DECLINED", count: 12 }],
      windowStart: low!.windowStart.toISOString(),
      windowEnd: low!.windowEnd.toISOString(),
      dashboardUrl: `${APP_URL}/admin/dashboard`,
    });
    expect(delivery!.body).not.toMatch(/4000000000000002|4111111111111111|last4|brand|visa|expiry|cvc/i);

    const mails = await alertMails();
    expect(mails.map((mail) => [mail.eventKey, mail.recipient, mail.subject]).sort()).toEqual(
      [...STAFF].sort().map((to) => [`alert:${low!.id}:${to}`, to, "Payment success rate is 60% (below 85%)"]),
    );
    for (const mail of mails) {
      expect(mail.textBody).toContain("18 of 30 card payments succeeded (60%)");
      expect(mail.textBody).toContain("DECLINED: 12");
      expect(`${mail.textBody}${mail.htmlBody}`).not.toMatch(/4000000000000002|4111111111111111/);
    }

    // The next checks (the next 5 minutes', on either instance) find it still low: nothing more.
    expect((await check()).decision).toEqual({ action: "none", reason: "still_low" });
    expect((await check(other.db)).decision).toEqual({ action: "none", reason: "still_low" });

    // 20 more approvals: 38 of 50 (76 %), still low.
    await pay(20, APPROVED_CARD);
    expect(await check()).toMatchObject({ decision: { action: "none", reason: "still_low" }, window: { succeeded: 38, total: 50 } });
    expect(await alertRows()).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
    expect(await alertMails()).toHaveLength(2);

    // 30 more: 68 of 80 is exactly 85 %, back at the threshold: one recovery, also when two instances check.
    await pay(30, APPROVED_CARD);
    const recoveries = await Promise.all([check(db), check(other.db)]);
    expect(recoveries.map((result) => result.decision.action).sort()).toEqual(["none", "recovered"]);
    const recovered = recoveries.find((result) => result.alert)!;
    expect(recovered).toMatchObject({ window: { succeeded: 68, failed: 12, total: 80 }, emailsSent: 2, alert: { webhookStatus: "delivered" } });
    expect(await check()).toMatchObject({ decision: { action: "none", reason: "healthy" }, alert: null });

    expect((await alertRows()).map((row) => [row.kind, row.succeeded, row.failed, row.webhookStatus])).toEqual([
      ["success_rate_low", 18, 12, "delivered"],
      ["success_rate_recovered", 68, 12, "delivered"],
    ]);
    expect(receiver.received.map((r) => [r.json.type, r.json.rate, r.json.total])).toEqual([
      ["success_rate_low", 0.6, 30],
      ["success_rate_recovered", 0.85, 80],
    ]);
    const recoveryMails = (await alertMails()).filter((mail) => mail.eventKey.startsWith(`alert:${recovered.alert!.id}:`));
    expect(recoveryMails.map((mail) => [mail.recipient, mail.subject]).sort()).toEqual(
      [...STAFF].sort().map((to) => [to, "Payment success rate recovered: 85%"]),
    );
    expect(await alertMails()).toHaveLength(4);

    // The back office's list: newest first.
    expect((await listAlerts(db)).map((row) => row.kind)).toEqual(["success_rate_recovered", "success_rate_low"]);
  }, 120_000);
});

// These run in order, each moving the state on: recovered (above) → low → recovered → low.
describe("delivery problems", () => {
  /** 20 final attempts of the window, recorded as the payment service would have left them. */
  async function finalAttempts(status: "failed" | "succeeded", count = 20) {
    const { db } = iso();
    if (status === "succeeded") {
      for (let i = 0; i < count; i++) await orderWithAttempt(db, "succeeded");
      return;
    }
    const { order } = await orderWithAttempt(db, "failed");
    for (let i = 1; i < count; i++) await insertAttempt(db, order, "failed");
    await db.update(paymentAttempts).set({ declineCode: "INSUFFICIENT_FUNDS" }).where(eq(paymentAttempts.orderId, order.id));
  }

  it("a webhook answering 500 is recorded as failed; the job does not fail and the emails still go", async () => {
    await ageOutOfWindow();
    await finalAttempts("failed");
    receiver.answer = 500;

    const result = await check();

    expect(result).toMatchObject({ decision: { action: "alert" }, alert: { webhookStatus: "failed" }, emailsSent: 2 });
    expect(receiver.received.map((r) => r.json.type)).toEqual(["success_rate_low"]);
    const [latest] = await listAlerts(iso().db, 1);
    expect(latest).toMatchObject({ id: result.alert!.id, webhookStatus: "failed", topDeclines: [{ code: "INSUFFICIENT_FUNDS", count: 20 }] });
  });

  it("a webhook that never answers is cut after the timeout and recorded as failed", async () => {
    await ageOutOfWindow();
    await finalAttempts("succeeded");
    receiver.answer = 0;

    const started = Date.now();
    const result = await check(undefined, {}, { webhookTimeoutMs: 300 });

    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ decision: { action: "recovered" }, alert: { webhookStatus: "failed" }, emailsSent: 2 });
    expect(receiver.received.map((r) => r.json.type)).toEqual(["success_rate_recovered"]);
    expect((await listAlerts(iso().db, 1))[0]).toMatchObject({ kind: "success_rate_recovered", webhookStatus: "failed" });
  });

  it("without ALERT_WEBHOOK_URL the alert is recorded as not_configured and emailed; run as the queue's job", async () => {
    await ageOutOfWindow();
    await finalAttempts("failed");
    const { db } = iso();
    const handlers = jobHandlers({
      db,
      cheqpay: clientFor(sandbox()),
      mailer,
      email: EMAIL_CONTEXT,
      queue: () => null,
      alertSettings: settings({ webhookUrl: null }),
    });

    await handlers["check-success-rate"]({});
    await handlers["check-success-rate"]({});

    const [latest, previous] = await listAlerts(db, 2);
    expect(latest).toMatchObject({ kind: "success_rate_low", webhookStatus: "not_configured" });
    expect(previous?.kind).toBe("success_rate_recovered");
    expect(receiver.received).toEqual([]);
    expect((await alertMails()).filter((mail) => mail.eventKey.startsWith(`alert:${latest!.id}:`))).toHaveLength(2);
  });
});
