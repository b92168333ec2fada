// Every email of the app goes through here. A message is recorded once per event key (the unique index is the
// dedupe gate), then sent by SMTP when SMTP_URL is set, or only stored for /dev/mailbox when it is not.
// Logs and errors carry the event key and the message id, never the subject or the bodies.
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { getConfig } from "../config";
import type { Database } from "../db/client";
import { mailMessages, type MailTransport } from "../db/schema";
import { InvalidMailError, MailSendError } from "./errors";
import { createSmtpSender, type SmtpSender } from "./smtp-transport";
import { getLogger } from "../observability/logger";

export type MailMessage = { eventKey: string; to: string; subject: string; text: string; html: string };

export type SendMailResult =
  | { sent: true; duplicate: false; id: string; transport: MailTransport }
  | { sent: false; duplicate: true };

export type Mailer = {
  sendMail(db: Database, message: MailMessage): Promise<SendMailResult>;
  /** Closes the SMTP connections (tests, shutdown). */
  close(): void;
};

const messageSchema = z.object({
  eventKey: z.string().trim().min(1).max(200),
  to: z.email(),
  subject: z.string().trim().min(1).max(998),
  text: z.string().min(1),
  html: z.string().min(1),
});

/** A mailer: SMTP to `smtpUrl` when given, otherwise the development mailbox (stored only). */
export function createMailer(options: { smtpUrl: string | null; from: string }): Mailer {
  const smtp: SmtpSender | null = options.smtpUrl ? createSmtpSender(options.smtpUrl) : null;
  return {
    async sendMail(db, message) {
      const parsed = messageSchema.safeParse(message);
      if (!parsed.success) {
        // Paths only: zod's messages could quote the values.
        throw new InvalidMailError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.code}`));
      }
      const m = parsed.data;
      const [row] = await db
        .insert(mailMessages)
        .values({
          eventKey: m.eventKey,
          recipient: m.to,
          subject: m.subject,
          textBody: m.text,
          htmlBody: m.html,
          transport: smtp ? "smtp" : "mailbox",
          sentAt: smtp ? null : sql`now()`,
          sendingUntil: smtp ? sql`now() + interval '2 minutes'` : null,
        })
        .onConflictDoNothing({ target: mailMessages.eventKey })
        .returning({ id: mailMessages.id });
      if (!row) return retryUnsent(db, m.eventKey);
      if (!smtp) return { sent: true, duplicate: false, id: row.id, transport: "mailbox" };
      return deliver(db, row.id, m);
    },
    close() {
      smtp?.close();
    },
  };

  /** The event's message was recorded but its SMTP send failed: a retry sends the stored message. Sent: nothing. */
  async function retryUnsent(db: Database, eventKey: string): Promise<SendMailResult> {
    if (!smtp) return { sent: false, duplicate: true };
    // Claimed only when unsent and nobody is sending it now.
    const [stored] = await db
      .update(mailMessages)
      .set({ sendingUntil: sql`now() + interval '2 minutes'` })
      .where(
        and(
          eq(mailMessages.eventKey, eventKey),
          eq(mailMessages.transport, "smtp"),
          isNull(mailMessages.sentAt),
          or(isNull(mailMessages.sendingUntil), lt(mailMessages.sendingUntil, sql`now()`)),
        ),
      )
      .returning();
    if (!stored) return { sent: false, duplicate: true };
    return deliver(db, stored.id, { eventKey, to: stored.recipient, subject: stored.subject, text: stored.textBody, html: stored.htmlBody });
  }

  async function deliver(db: Database, id: string, m: MailMessage): Promise<SendMailResult> {
    try {
      await smtp!.send({ from: options.from, to: m.to, subject: m.subject, text: m.text, html: m.html });
    } catch (error) {
      const code = errorCode(error);
      getLogger().error({ event: "mail.send_failed", eventKey: m.eventKey, messageId: id, code }, "sending an email failed");
      await db.update(mailMessages).set({ sendingUntil: null }).where(eq(mailMessages.id, id));
      throw new MailSendError(m.eventKey, id, code, { cause: error });
    }
    await db.update(mailMessages).set({ sentAt: sql`now()`, sendingUntil: null }).where(eq(mailMessages.id, id));
    return { sent: true, duplicate: false, id, transport: "smtp" };
  }
}

function errorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : null;
}

let defaultMailer: Mailer | null = null;

/** Records the message once per `eventKey` and sends it (SMTP_URL) or stores it for /dev/mailbox. A second call with
 *  the same key sends nothing once the message went out: `{ sent: false, duplicate: true }`. An SMTP failure throws
 *  MailSendError and leaves the message unsent (`sent_at` null); a later call with the key sends it then. */
export function sendMail(db: Database, message: MailMessage): Promise<SendMailResult> {
  return getMailer().sendMail(db, message);
}

/** The process's mailer, from the configuration. */
export function getMailer(): Mailer {
  defaultMailer ??= createMailer(getConfig().mail);
  return defaultMailer;
}
