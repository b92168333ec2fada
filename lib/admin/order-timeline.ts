// An order's timeline for the back office: its creation, each payment attempt, each payment_events row and
// each email, merged oldest first. Pure. Event details are JSON written by many paths: only known fields of
// known kinds are kept, each checked for its type, so nothing unexpected (never card data) reaches the page.
import type { OutboxEmailKind } from "@/lib/db/schema";

export type TimelineAttempt = {
  id: string;
  status: string;
  amountCentavos: number;
  currency: string;
  cardBrand: string | null;
  cardLast4: string | null;
  declineCode: string | null;
  createdAt: Date;
};

export type TimelineEventRow = { id: number; attemptId: string | null; kind: string; detail: unknown; createdAt: Date };

export type TimelineEmail = {
  id: string;
  kind: OutboxEmailKind | string;
  recipient: string | null;
  /** When it was delivered (the mail message's, else the outbox's), or null. */
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
};

/** What an event shows, by kind. Unknown kinds show only their name. */
export type TimelineEventDetail =
  | { kind: "attempt.status"; status: string | null; source: string | null; declineCode: string | null }
  | { kind: "order.paid" }
  | { kind: "webhook.received"; type: string | null; cheqpayStatus: string | null; eventId: string | null }
  | { kind: "attempt.second_charge"; source: string | null; cheqpayOrderId: string | null }
  | { kind: "refund.requested"; amountCentavos: number | null }
  | { kind: "refund.succeeded"; amountCentavos: number | null }
  | { kind: "refund.failed"; reason: string | null }
  | {
      kind: "cheqpay.call";
      operation: string | null;
      method: string | null;
      httpStatus: number | null;
      durationMs: number | null;
      attempt: number | null;
      errorCode: string | null;
      willRetry: boolean | null;
    }
  | { kind: "other"; name: string };

export type TimelineEntry =
  | { type: "order-created"; key: string; at: Date }
  | {
      type: "attempt";
      key: string;
      at: Date;
      attemptId: string;
      /** 1 for the order's first attempt. */
      number: number;
      status: string;
      amountCentavos: number;
      currency: string;
      cardBrand: string | null;
      cardLast4: string | null;
      declineCode: string | null;
    }
  | { type: "event"; key: string; at: Date; attemptNumber: number | null; detail: TimelineEventDetail }
  | {
      type: "email";
      key: string;
      at: Date;
      emailKind: string;
      recipient: string | null;
      sent: boolean;
      sentAt: Date | null;
      attempts: number;
      lastError: string | null;
    };

const MAX_TEXT = 200;

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value.slice(0, MAX_TEXT) : null);
const integer = (value: unknown): number | null => (typeof value === "number" && Number.isSafeInteger(value) ? value : null);
const flag = (value: unknown): boolean | null => (typeof value === "boolean" ? value : null);

/** The whitelisted fields of an event's detail. */
export function eventDetail(kind: string, detail: unknown): TimelineEventDetail {
  const d: Record<string, unknown> = detail !== null && typeof detail === "object" && !Array.isArray(detail) ? (detail as Record<string, unknown>) : {};
  switch (kind) {
    case "attempt.status":
      return { kind, status: text(d.status), source: text(d.source), declineCode: text(d.declineCode) };
    case "order.paid":
      return { kind };
    case "webhook.received":
      return { kind, type: text(d.type), cheqpayStatus: text(d.cheqpayStatus), eventId: text(d.eventId) };
    case "attempt.second_charge":
      return { kind, source: text(d.source), cheqpayOrderId: text(d.cheqpayOrderId) };
    case "refund.requested":
    case "refund.succeeded":
      return { kind, amountCentavos: integer(d.amountCentavos) };
    case "refund.failed":
      return { kind, reason: text(d.reason) };
    case "cheqpay.call":
      return {
        kind,
        operation: text(d.operation),
        method: text(d.method),
        httpStatus: integer(d.httpStatus),
        durationMs: integer(d.durationMs),
        attempt: integer(d.attempt),
        errorCode: text(d.errorCode),
        willRetry: flag(d.willRetry),
      };
    default:
      return { kind: "other", name: kind.slice(0, 60) };
  }
}

// Same instant: the order first, then attempts, events (in id order, the order they were written) and emails.
const RANK: Record<TimelineEntry["type"], number> = { "order-created": 0, attempt: 1, event: 2, email: 3 };

export function buildOrderTimeline(input: {
  order: { createdAt: Date };
  attempts: readonly TimelineAttempt[];
  events: readonly TimelineEventRow[];
  emails: readonly TimelineEmail[];
}): TimelineEntry[] {
  const attempts = [...input.attempts].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  const attemptNumbers = new Map(attempts.map((attempt, i) => [attempt.id, i + 1]));
  const entries: { entry: TimelineEntry; tie: number }[] = [
    { entry: { type: "order-created", key: "order", at: input.order.createdAt }, tie: 0 },
    ...attempts.map((a, i) => ({
      entry: {
        type: "attempt" as const,
        key: `attempt:${a.id}`,
        at: a.createdAt,
        attemptId: a.id,
        number: i + 1,
        status: a.status,
        amountCentavos: a.amountCentavos,
        currency: a.currency,
        cardBrand: a.cardBrand,
        cardLast4: a.cardLast4,
        declineCode: a.declineCode,
      },
      tie: i,
    })),
    ...input.events.map((e) => ({
      entry: {
        type: "event" as const,
        key: `event:${e.id}`,
        at: e.createdAt,
        attemptNumber: e.attemptId ? (attemptNumbers.get(e.attemptId) ?? null) : null,
        detail: eventDetail(e.kind, e.detail),
      },
      tie: e.id,
    })),
    ...input.emails.map((m, i) => ({
      entry: {
        type: "email" as const,
        key: `email:${m.id}`,
        at: m.sentAt ?? m.createdAt,
        emailKind: m.kind,
        recipient: m.recipient,
        sent: m.sentAt !== null,
        sentAt: m.sentAt,
        attempts: m.attempts,
        lastError: text(m.lastError),
      },
      tie: i,
    })),
  ];
  entries.sort(
    (a, b) => a.entry.at.getTime() - b.entry.at.getTime() || RANK[a.entry.type] - RANK[b.entry.type] || a.tie - b.tie,
  );
  return entries.map(({ entry }) => entry);
}
