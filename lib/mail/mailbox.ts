// The development mailbox (/dev/mailbox): the messages stored while no SMTP server is configured.
import { desc, eq } from "drizzle-orm";
import type { AppConfig } from "../config";
import type { Database } from "../db/client";
import { mailMessages } from "../db/schema";
import { isUuid } from "../cart/cart-ids";

/** The mailbox exists only while no real mail is sent, and never in production. */
export function mailboxEnabled(config: Pick<AppConfig, "cheqpay" | "mail">): boolean {
  return config.cheqpay.env !== "production" && config.mail.smtpUrl === null;
}

export type MailboxEntry = { id: string; recipient: string; subject: string; createdAt: Date };

export async function listMailbox(db: Database, limit = 200): Promise<MailboxEntry[]> {
  return db
    .select({
      id: mailMessages.id,
      recipient: mailMessages.recipient,
      subject: mailMessages.subject,
      createdAt: mailMessages.createdAt,
    })
    .from(mailMessages)
    .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
    .limit(limit);
}

export async function loadMailboxMessage(db: Database, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(mailMessages).where(eq(mailMessages.id, id));
  return row ?? null;
}

/** The stored HTML as an iframe `srcdoc`: links open in a new tab (the frame is sandboxed, scripts never run). */
export function previewDocument(html: string): string {
  return `<!doctype html><meta charset="utf-8"><base target="_blank">${html}`;
}
