// sendMail against real PostgreSQL and a real (tiny, in-process) SMTP server.
import { randomUUID } from "node:crypto";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createDatabase } from "../../../lib/db/client";
import { mailMessages } from "../../../lib/db/schema";
import { MailSendError } from "../../../lib/mail/errors";
import { createMailer, type MailMessage } from "../../../lib/mail/send-mail";
import { type CaughtMail, type SmtpCatcher, startSmtpCatcher } from "../../support/smtp-catcher";

const { db, sql } = createDatabase(inject("databaseUrl"), { max: 12 });
const FROM = "Cheqpay Checkout <no-reply@cheqpay-checkout.test>";

let smtp: SmtpCatcher;
let received: CaughtMail[] = [];
let smtpUrl: string;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  smtpUrl = smtp.url;
});

beforeEach(() => {
  smtp.received.length = 0;
  received = smtp.received;
});

afterAll(async () => {
  await smtp.close();
  await sql.end({ timeout: 5 });
});

function message(overrides: Partial<MailMessage> = {}): MailMessage {
  const id = randomUUID();
  return {
    eventKey: `order-confirmation:${id}`,
    to: `shopper-${id.slice(0, 8)}@example.com`,
    subject: `Your order ${id.slice(0, 8)} is confirmed`,
    text: "Thank you for your order. See it at https://localhost:3000/orders/abc",
    html: '<p>Thank you for your order. <a href="https://localhost:3000/orders/abc">See it</a></p>',
    ...overrides,
  };
}

const rowsOf = (eventKey: string) => db.select().from(mailMessages).where(eq(mailMessages.eventKey, eventKey));

describe("sendMail (mailbox transport, no SMTP_URL)", () => {
  const mailer = createMailer({ smtpUrl: null, from: FROM });

  it("stores the message and marks it sent", async () => {
    const m = message();
    const result = await mailer.sendMail(db, m);
    expect(result).toMatchObject({ sent: true, duplicate: false, transport: "mailbox" });
    const [row] = await rowsOf(m.eventKey);
    expect(row).toMatchObject({
      recipient: m.to,
      subject: m.subject,
      textBody: m.text,
      htmlBody: m.html,
      transport: "mailbox",
    });
    expect(row!.sentAt).toBeInstanceOf(Date);
  });

  it("records one message per event key even when called 10 times at once", async () => {
    const m = message();
    const results = await Promise.all(Array.from({ length: 10 }, () => mailer.sendMail(db, m)));
    expect(results.filter((r) => r.sent)).toHaveLength(1);
    expect(results.filter((r) => r.duplicate)).toHaveLength(9);
    expect(results.filter((r) => r.duplicate)[0]).toEqual({ sent: false, duplicate: true });
    expect(await rowsOf(m.eventKey)).toHaveLength(1);
  });
});

describe("sendMail (SMTP transport)", () => {
  it("delivers one message with its subject, recipient, text and HTML parts, and sets sent_at", async () => {
    const mailer = createMailer({ smtpUrl, from: FROM });
    try {
      const m = message();
      const result = await mailer.sendMail(db, m);
      expect(result).toMatchObject({ sent: true, duplicate: false, transport: "smtp" });
      expect(received).toHaveLength(1);
      const [mail] = received;
      expect(mail!.from).toBe("no-reply@cheqpay-checkout.test");
      expect(mail!.to).toEqual([m.to]);
      expect(mail!.raw).toContain(`Subject: ${m.subject}`);
      expect(mail!.raw).toContain(`To: ${m.to}`);
      expect(mail!.raw).toMatch(/Content-Type: multipart\/alternative/i);
      expect(mail!.raw).toMatch(/Content-Type: text\/plain/i);
      expect(mail!.raw).toMatch(/Content-Type: text\/html/i);
      expect(mail!.raw).toContain("Thank you for your order.");
      const [row] = await rowsOf(m.eventKey);
      expect(row!.transport).toBe("smtp");
      expect(row!.sentAt).toBeInstanceOf(Date);

      // The same event again sends nothing.
      expect(await mailer.sendMail(db, m)).toEqual({ sent: false, duplicate: true });
      expect(received).toHaveLength(1);
    } finally {
      mailer.close();
    }
  });

  it("sends exactly one email when called 10 times at once with the same key", async () => {
    const mailer = createMailer({ smtpUrl, from: FROM });
    try {
      const m = message();
      const results = await Promise.all(Array.from({ length: 10 }, () => mailer.sendMail(db, m)));
      expect(results.filter((r) => r.sent)).toHaveLength(1);
      expect(received).toHaveLength(1);
      expect(await rowsOf(m.eventKey)).toHaveLength(1);
    } finally {
      mailer.close();
    }
  });

  it("throws a MailSendError without the bodies and leaves sent_at null when the server is unreachable", async () => {
    const port = await closedPort();
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM });
    try {
      const m = message({ text: "SECRET-TEXT-BODY", html: "<p>SECRET-HTML-BODY</p>" });
      const error = await mailer.sendMail(db, m).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MailSendError);
      const sendError = error as MailSendError;
      expect(sendError.eventKey).toBe(m.eventKey);
      expect(sendError.message).not.toMatch(/SECRET/);
      expect(sendError.message).not.toContain(m.subject);
      const [row] = await rowsOf(m.eventKey);
      expect(row!.id).toBe(sendError.messageId);
      expect(row!.sentAt).toBeNull();
      // A retry tries the stored message again (still unreachable here): still one record, still unsent.
      await expect(mailer.sendMail(db, m)).rejects.toBeInstanceOf(MailSendError);
      expect(await rowsOf(m.eventKey)).toHaveLength(1);
      expect((await rowsOf(m.eventKey))[0]!.sentAt).toBeNull();
    } finally {
      mailer.close();
    }
  });
});

async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
