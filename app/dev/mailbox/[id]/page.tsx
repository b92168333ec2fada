// One stored email: its HTML in a sandboxed frame (links open in a new tab, scripts never run) and its text part.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { loadMailboxMessage, mailboxEnabled, previewDocument } from "@/lib/mail/mailbox";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Mailbox", robots: { index: false } };

export default async function MailboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  if (!mailboxEnabled(getConfig())) notFound();
  const { id } = await params;
  const message = await loadMailboxMessage(getDb(), id);
  if (!message) notFound();
  return (
    <main className="mailbox-message">
      <nav aria-label="Mailbox">
        <a href="/dev/mailbox">All messages</a>
      </nav>
      <h1>{message.subject}</h1>
      <dl>
        <dt>To</dt>
        <dd>{message.recipient}</dd>
        <dt>Created</dt>
        <dd>
          <time dateTime={message.createdAt.toISOString()}>{message.createdAt.toISOString()}</time>
        </dd>
        <dt>Sent</dt>
        <dd>{message.sentAt ? message.sentAt.toISOString() : "not sent"} ({message.transport})</dd>
      </dl>
      <section aria-labelledby="html-part">
        <h2 id="html-part">HTML</h2>
        <iframe
          title={`HTML part of “${message.subject}”`}
          srcDoc={previewDocument(message.htmlBody)}
          sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"
          referrerPolicy="no-referrer"
          style={{ width: "100%", minHeight: "24rem", border: "1px solid #ccc", background: "#fff" }}
        />
      </section>
      <section aria-labelledby="text-part">
        <h2 id="text-part">Text</h2>
        <pre style={{ whiteSpace: "pre-wrap" }}>{message.textBody}</pre>
      </section>
    </main>
  );
}
