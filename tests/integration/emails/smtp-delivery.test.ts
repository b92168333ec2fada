// The order confirmation over real SMTP: sendOutboxEmail renders it from the database and hands it to the
// mailer (createMailer with an SMTP URL), and an in-process smtp-server receives it. A server that is down
// leaves the email unsent; the retry once it is up sends it exactly once.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyAttemptStatus } from "@/lib/checkout/apply-attempt-status";
import { mailMessages, orders } from "@/lib/db/schema";
import { sendOutboxEmail } from "@/lib/emails/send-outbox-email";
import { MailSendError } from "@/lib/mail/errors";
import { createMailer } from "@/lib/mail/send-mail";
import { APP_URL, orderById, orderWithAttempt, useDatabase } from "../../support/checkout-fixtures";
import { EMAIL_CONTEXT, MAIL_FROM } from "../../support/job-fixtures";
import { mailsWithKey, outboxOf } from "../../support/refund-fixtures";
import { freePort, readMail, type SmtpCatcher, startSmtpCatcher } from "../../support/smtp-catcher";

const db = useDatabase();
let smtp: SmtpCatcher;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
});
beforeEach(() => {
  smtp.received.length = 0;
});
afterAll(() => smtp.close());

/** An order paid through the state machine (which writes its confirmation to the outbox): the outbox row. */
async function paidOrderWithConfirmation(locale = "en") {
  const { order, attempt } = await orderWithAttempt(db, "submitted");
  await db.update(orders).set({ locale, email: `shopper-${randomUUID().slice(0, 8)}@example.com` }).where(eq(orders.id, order.id));
  await applyAttemptStatus(db, attempt.id, { status: "succeeded" }, "create-response");
  const paid = await orderById(db, order.id);
  const [entry, ...others] = await outboxOf(db, order.id);
  expect(others).toEqual([]);
  expect(entry).toMatchObject({ kind: "order-confirmation", sentAt: null });
  return { order: paid, entry: entry! };
}

async function withMailer<T>(smtpUrl: string, run: (mailer: ReturnType<typeof createMailer>) => Promise<T>): Promise<T> {
  const mailer = createMailer({ smtpUrl, from: MAIL_FROM });
  try {
    return await run(mailer);
  } finally {
    mailer.close();
  }
}

describe("an order confirmation sent over SMTP", () => {
  it("arrives once, to the shopper, with its subject, a text part and an HTML part that both link the order", async () => {
    const { order, entry } = await paidOrderWithConfirmation();

    expect(await withMailer(smtp.url, (mailer) => sendOutboxEmail(db, mailer, EMAIL_CONTEXT, entry.id))).toBe("sent");

    expect(smtp.received).toHaveLength(1);
    const [caught] = smtp.received;
    expect(caught!.to).toEqual([order.email]);
    expect(caught!.from).toBe("no-reply@cheqpay-checkout.test");
    const mail = readMail(caught!.raw);
    expect(mail.headers.subject).toBe(`Your order #${order.orderNumber} is confirmed`);
    expect(mail.headers["content-type"]).toMatch(/^multipart\/alternative/i);
    const orderUrl = `${APP_URL}/orders/${order.publicToken}`;
    expect(mail.text).toContain("Thank you for your order!");
    expect(mail.text).toContain(orderUrl);
    expect(mail.text).toContain(`${APP_URL}/policies/refunds`);
    expect(mail.html).toContain(`href="${orderUrl}"`);
    expect(mail.html).toContain("Visa ending in 1111");

    const [row] = await mailsWithKey(db, entry.eventKey);
    expect(row).toMatchObject({ transport: "smtp", recipient: order.email, sentAt: expect.any(Date), sendingUntil: null });
    expect((await outboxOf(db, order.id))[0]).toMatchObject({ sentAt: expect.any(Date), attempts: 1, lastError: null });
  });

  it("is not sent again by a second job, nor by two more at once", async () => {
    const { entry } = await paidOrderWithConfirmation();
    await withMailer(smtp.url, async (mailer) => {
      await sendOutboxEmail(db, mailer, EMAIL_CONTEXT, entry.id);
      const again = await Promise.all([1, 2, 3].map(() => sendOutboxEmail(db, mailer, EMAIL_CONTEXT, entry.id)));
      expect(again).toEqual(["already-sent", "already-sent", "already-sent"]);
    });
    expect(smtp.received).toHaveLength(1);
    expect(await mailsWithKey(db, entry.eventKey)).toHaveLength(1);
  });

  it("keeps a Spanish subject intact through the header encoding", async () => {
    const { order, entry } = await paidOrderWithConfirmation("es-MX");
    await withMailer(smtp.url, (mailer) => sendOutboxEmail(db, mailer, EMAIL_CONTEXT, entry.id));
    const mail = readMail(smtp.received[0]!.raw);
    expect(mail.headers.subject).toBe(`Tu pedido #${order.orderNumber} está confirmado`);
    expect(mail.text).toContain("Dirección de facturación");
  });
});

describe("an order confirmation while the SMTP server is down", () => {
  it("fails and stays unsent, then is sent exactly once by the retry after the server is back", async () => {
    const { entry } = await paidOrderWithConfirmation();
    const port = await freePort();
    const url = `smtp://127.0.0.1:${port}`;

    const error = await withMailer(url, (mailer) => sendOutboxEmail(db, mailer, EMAIL_CONTEXT, entry.id)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MailSendError);
    expect((await outboxOf(db, entry.orderId))[0]).toMatchObject({ sentAt: null, attempts: 1, lastError: "MailSendError" });
    expect(await mailsWithKey(db, entry.eventKey)).toEqual([expect.objectContaining({ sentAt: null, sendingUntil: null })]);

    const back = await startSmtpCatcher(port);
    try {
      const retries = await withMailer(url, (mailer) =>
        Promise.all([sendOutboxEmail(db, mailer, EMAIL_CONTEXT, entry.id), sendOutboxEmail(db, mailer, EMAIL_CONTEXT, entry.id)]),
      );
      expect(retries.sort()).toEqual(["already-sent", "sent"]);
      expect(back.received).toHaveLength(1);
      expect(readMail(back.received[0]!.raw).headers.subject).toMatch(/^Your order #\d+ is confirmed$/);
      expect(await withMailer(url, (mailer) => sendOutboxEmail(db, mailer, EMAIL_CONTEXT, entry.id))).toBe("already-sent");
      expect(back.received).toHaveLength(1);
    } finally {
      await back.close();
    }
    expect(await mailsWithKey(db, entry.eventKey)).toEqual([expect.objectContaining({ sentAt: expect.any(Date) })]);
    expect((await outboxOf(db, entry.orderId))[0]).toMatchObject({ sentAt: expect.any(Date), attempts: 2 });
  });
});

describe("an email a crashed sender left claimed (mail_messages row unsent, sending_until ahead)", () => {
  it("is not marked sent in the outbox until it was really sent", async () => {
    const { entry } = await paidOrderWithConfirmation();
    await withMailer(`smtp://127.0.0.1:${await freePort()}`, (mailer) => sendOutboxEmail(db, mailer, EMAIL_CONTEXT, entry.id)).catch(() => undefined);
    // What a process that died in the middle of the SMTP conversation leaves behind.
    await db.update(mailMessages).set({ sendingUntil: sql`now() + interval '2 minutes'` }).where(eq(mailMessages.eventKey, entry.eventKey));

    await withMailer(smtp.url, (mailer) => sendOutboxEmail(db, mailer, EMAIL_CONTEXT, entry.id)).catch(() => undefined);

    const [outbox] = await outboxOf(db, entry.orderId);
    const [message] = await mailsWithKey(db, entry.eventKey);
    const outboxSaysSent = outbox!.sentAt !== null;
    const reallySent = message!.sentAt !== null;
    expect(outboxSaysSent && !reallySent, "the outbox says sent, but the message was never sent").toBe(false);
  });
});
