// The development mailbox: every email the app stored while no SMTP server is configured, newest first.
// A 404 in production and whenever SMTP_URL is set.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { listMailbox, mailboxEnabled } from "@/lib/mail/mailbox";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Mailbox", robots: { index: false } };

export default async function MailboxPage() {
  if (!mailboxEnabled(getConfig())) notFound();
  const messages = await listMailbox(getDb());
  return (
    <main className="mailbox">
      <h1>Mailbox</h1>
      <p>Emails the app would have sent. No SMTP server is configured, so they are only stored here.</p>
      {messages.length === 0 ? (
        <p>No messages yet.</p>
      ) : (
        <ol aria-label="Messages, newest first" className="mailbox-list">
          {messages.map((m) => (
            <li key={m.id}>
              <a href={`/dev/mailbox/${m.id}`}>{m.subject}</a>
              <span> to {m.recipient}, </span>
              <time dateTime={m.createdAt.toISOString()}>{m.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</time>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
