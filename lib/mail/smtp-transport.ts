// The SMTP door: one nodemailer transporter (a small connection pool) per SMTP URL per process.
import nodemailer, { type Transporter } from "nodemailer";

export type OutgoingMail = { from: string; to: string; subject: string; text: string; html: string };

export type SmtpSender = { send(mail: OutgoingMail): Promise<void>; close(): void };

const transporters = new Map<string, Transporter>();

function transporterFor(smtpUrl: string): Transporter {
  let transporter = transporters.get(smtpUrl);
  if (!transporter) {
    transporter = nodemailer.createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: 2,
      // Fail in seconds, not nodemailer's default two minutes: the message stays unsent for a retry.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      logger: false,
      debug: false,
    });
    transporters.set(smtpUrl, transporter);
  }
  return transporter;
}

/** An SMTP sender for `smtpUrl` (smtp:// or smtps://, credentials in the URL); repeated calls share a transporter. */
export function createSmtpSender(smtpUrl: string): SmtpSender {
  return {
    async send(mail) {
      await transporterFor(smtpUrl).sendMail(mail);
    },
    close() {
      transporters.get(smtpUrl)?.close();
      transporters.delete(smtpUrl);
    },
  };
}
