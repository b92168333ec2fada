// The `send-email` job: renders one outbox email from the database and sends it through the mail module. The
// outbox row's lock makes a duplicate job wait; the mail module's event key makes a retry after a crash send
// nothing twice. A failure is recorded on the row and thrown for the queue to retry with backoff.
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { inOrder } from "@/lib/db/in-order";
import { emailOutbox, mailMessages } from "@/lib/db/schema";
import type { Mailer } from "@/lib/mail/send-mail";
import { recordEvent } from "@/lib/observability/events";
import { loadOrderEmailData } from "./order-email-data";
import { type EmailContext, renderOrderEmail } from "./render-order-email";

export class OutboxEntryNotVisibleError extends Error {
  constructor(readonly outboxId: string) {
    super(`Outbox email ${outboxId} is not (yet) in the database`);
    this.name = "OutboxEntryNotVisibleError";
  }
}

export class OutboxEmailInProgressError extends Error {
  constructor(readonly outboxId: string) {
    super(`Outbox email ${outboxId} is being sent by another worker, or its send was interrupted`);
    this.name = "OutboxEmailInProgressError";
  }
}

async function wasDelivered(db: Database, eventKey: string): Promise<boolean> {
  const [row] = await db.select({ sentAt: mailMessages.sentAt }).from(mailMessages).where(eq(mailMessages.eventKey, eventKey));
  return row?.sentAt != null;
}

export async function sendOutboxEmail(db: Database, mailer: Pick<Mailer, "sendMail">, context: EmailContext, outboxId: string): Promise<"sent" | "already-sent" | "no-order"> {
  return db.transaction(async (tx) => {
    // The row is read after the lock (same round trip, its own snapshot): a duplicate job sees it sent.
    const [, [entry]] = await inOrder(
      tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`email-outbox:${outboxId}`}, 0))`),
      tx.select().from(emailOutbox).where(eq(emailOutbox.id, outboxId)),
    );
    // Queued right after a savepoint whose outer transaction (a webhook's) has not committed yet: try again soon.
    if (!entry) throw new OutboxEntryNotVisibleError(outboxId);
    if (entry.sentAt) return "already-sent";
    const data = await loadOrderEmailData(tx as unknown as Database, entry.orderId, entry.refundId);
    if (!data) return "no-order";
    try {
      // Through the pool, not this transaction: the message's own record must survive a rollback here.
      const result = await mailer.sendMail(db, renderOrderEmail(entry.kind, entry.eventKey, data, context));
      // "Duplicate" while another sender holds the message unsent: not done yet, try again later.
      if (!result.sent && !(await wasDelivered(db, entry.eventKey))) throw new OutboxEmailInProgressError(outboxId);
    } catch (error) {
      recordEvent("email.failed", { kind: entry.kind, orderId: entry.orderId, outboxId, err: error });
      await db
        .update(emailOutbox)
        .set({ attempts: sql`${emailOutbox.attempts} + 1`, lastError: (error instanceof Error ? error.name : "Error").slice(0, 200) })
        .where(eq(emailOutbox.id, outboxId));
      throw error;
    }
    await tx.update(emailOutbox).set({ sentAt: sql`now()`, attempts: sql`${emailOutbox.attempts} + 1` }).where(eq(emailOutbox.id, outboxId));
    recordEvent("email.sent", { kind: entry.kind, orderId: entry.orderId, outboxId });
    return "sent";
  });
}
