// Cheqpay webhooks: raw body → signature → event id stored first (the dedupe gate) → the attempt moved
// through the state machine → 200. All in one transaction: an event that cannot be applied yet (an order we
// do not know) leaves nothing behind and gets a non-2xx, so Cheqpay sends it again.
import { eq, or, sql } from "drizzle-orm";
import { type CheqpayWebhookEvent, parseWebhookEvent, verifyWebhookSignature } from "@/lib/cheqpay";
import { applyAttemptStatus } from "@/lib/checkout/apply-attempt-status";
import { attemptStatusFor } from "@/lib/checkout/attempt-status";
import { declineCodeForReason } from "@/lib/checkout/decline-codes";
import type { Database } from "@/lib/db/client";
import { paymentAttempts, paymentEvents, webhookEvents } from "@/lib/db/schema";
import { queueEmailsAfter } from "@/lib/emails/outbox";
import { recordEvent } from "@/lib/observability/events";
import { getMetrics } from "@/lib/observability/metrics";

export type WebhookAnswer = { status: number; body: { received: boolean; duplicate?: boolean; error?: string } };

class UnknownOrderError extends Error {}

export async function handleCheqpayWebhook(
  db: Database,
  rawBody: string,
  signature: string | null,
  secrets: readonly string[],
): Promise<WebhookAnswer> {
  if (!verifyWebhookSignature(rawBody, signature, secrets)) {
    recordWebhook(null, "rejected");
    return { status: 401, body: { received: false, error: "invalid signature" } };
  }
  const event = parseWebhookEvent(rawBody);
  if (!event) {
    recordWebhook(null, "invalid");
    return { status: 400, body: { received: false, error: "not a Cheqpay event" } };
  }
  try {
    // The emails the event causes are queued once its transaction has committed.
    const duplicate = await queueEmailsAfter(() =>
      db.transaction(async (tx) => {
        const [stored] = await tx
          .insert(webhookEvents)
          .values({ eventId: event.id, type: event.type, cheqpayOrderId: event.paymentOrderId })
          .onConflictDoNothing()
          .returning({ eventId: webhookEvents.eventId });
        if (!stored) return true;
        await applyEvent(tx as unknown as Database, event);
        await tx.update(webhookEvents).set({ processedAt: sql`now()` }).where(eq(webhookEvents.eventId, event.id));
        return false;
      }),
    );
    recordWebhook(event, duplicate ? "duplicate" : "processed");
    return { status: 200, body: duplicate ? { received: true, duplicate: true } : { received: true } };
  } catch (error) {
    if (error instanceof UnknownOrderError) {
      recordWebhook(event, "unknown_order");
      return { status: 404, body: { received: false, error: "unknown payment order" } };
    }
    throw error;
  }
}

/** `webhook.received` with what became of it; counted by type and result. */
function recordWebhook(event: CheqpayWebhookEvent | null, result: "processed" | "duplicate" | "rejected" | "invalid" | "unknown_order"): void {
  getMetrics().webhooks.inc({ type: event?.type ?? "unknown", result });
  recordEvent("webhook.received", {
    result,
    type: event?.type ?? null,
    eventId: event?.id ?? null,
    cheqpayOrderId: event?.paymentOrderId ?? null,
    externalId: event?.externalId ?? undefined,
    cheqpayStatus: event?.cheqpayStatus ?? null,
  });
}

async function applyEvent(db: Database, event: CheqpayWebhookEvent): Promise<void> {
  const conditions = [
    event.externalId ? eq(paymentAttempts.externalId, event.externalId) : undefined,
    event.paymentOrderId ? eq(paymentAttempts.cheqpayOrderId, event.paymentOrderId) : undefined,
  ].filter((c) => c !== undefined);
  // An event about no payment order (a future event type) is stored and acknowledged: retrying cannot help.
  if (conditions.length === 0) return;
  const [attempt] = await db.select().from(paymentAttempts).where(or(...conditions)).limit(1);
  if (!attempt) throw new UnknownOrderError();
  await db.insert(paymentEvents).values({
    orderId: attempt.orderId,
    attemptId: attempt.id,
    kind: "webhook.received",
    detail: { eventId: event.id, type: event.type, cheqpayStatus: event.cheqpayStatus },
  });
  const target = event.status ? attemptStatusFor(event.status) : null;
  // 3-D Secure steps are driven by the API's answers, which carry what the page needs; a webhook only
  // brings final outcomes.
  if (target !== "succeeded" && target !== "failed") return;
  await applyAttemptStatus(
    db,
    attempt.id,
    {
      status: target,
      cheqpayOrderId: event.paymentOrderId,
      card: event.card,
      ...(target === "failed" ? { declineCode: declineCodeForReason(event.declineReason), declineReason: event.declineReason } : {}),
    },
    "webhook",
    { eventId: event.id },
  );
}
