// Payloads for the route handlers other systems call: Cheqpay's webhook (unsigned, wrongly signed, signed but
// malformed, signed about orders we do not know, too large) and the merchant's admin API (no or a wrong token,
// malformed ids, invalid bodies, refunds that must be refused, too large). Each knows the status it must get.
// A correctly signed, well-formed event about a real payment is Cheqpay speaking: it is applied and stored by
// design. So every signed payload here is either malformed (400, nothing stored) or about a payment order we
// never made (404, its transaction rolled back); real orders' ids ride only in unsigned, wrongly signed or
// malformed ones.
import { signWebhookBody } from "@/lib/cheqpay/webhook-signature";
import { parseWebhookEvent } from "@/lib/cheqpay/webhook-events";
import { refundRequestSchema } from "@/lib/refunds/refund-request-schema";
import { ROUTE_BODY_LIMIT_BYTES } from "@/lib/http/read-limited-body";
import { type Random, HOSTILE_NUMBERS, hostileString, hostileText, hugeString, pollutingObject, SQL_FRAGMENTS, wrongType } from "./fuzz-values";

export type HttpPayload = {
  label: string;
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  /** A string, or chunks sent without a Content-Length. */
  body?: string | { chunks: number; chunkSize: number };
  /** The statuses it may get (all 4xx). */
  expect: number[];
};

export type KnownPayments = { cheqpayOrderIds: string[]; externalIds: string[] };

const STATUSES = ["COMPLETED", "FAILED", "REFUNDED", "PARTIALLY_REFUNDED", "AUTHORIZED", "PENDING"];
const EVENTS = ["payment.capture.success", "payment.auth.failed", "payment.refund.success", "payment.auth.success"];

function realisticEvent(random: Random, orderId: string, externalId: string): Record<string, unknown> {
  return {
    id: random.uuid(),
    event: random.pick(EVENTS),
    createdAt: new Date().toISOString(),
    data: {
      paymentOrder: { id: orderId, externalId, merchantReference: externalId, status: random.pick(STATUSES), amount: 43800, currency: "MXN" },
      payment: { id: random.uuid(), status: "CAPTURED", declineReason: null },
      paymentMethod: { type: "card", options: { card: { brand: "VISA", last4: "1111" } } },
    },
  };
}

/** Breaks the event for Cheqpay's schema (our parser refuses it); the caller checks it really does. */
/** A value of the wrong type that stays one in JSON (a Date would become a string). */
const jsonWrongType = (random: Random): unknown => random.pick<unknown>([42, -1.5, true, null, [], {}, ["x"], { $ne: 1 }, pollutingObject(random)]);

function breakEvent(random: Random, event: Record<string, unknown>): string {
  const order = (event.data as { paymentOrder: Record<string, unknown> }).paymentOrder;
  const breakers: [string, () => void][] = [
    ["id of the wrong type", () => (event.id = jsonWrongType(random))],
    ["no id", () => delete event.id],
    ["id with NUL", () => (event.id = `evt\u0000${random.int(0, 9)}`)],
    // At most 12,000 characters: even as 4-byte emoji the body stays under the 64 KiB limit (413 is tested apart).
    ["huge id", () => (event.id = hugeString(random).slice(0, random.int(201, 12_000)))],
    ["SQL id", () => (event.id = random.pick(SQL_FRAGMENTS))],
    ["event name with markup", () => (event.event = random.pick(["<script>alert(1)</script>", "payment auth", ""]))],
    ["no event name", () => delete event.event],
    ["data not an object", () => (event.data = random.pick(["x", 1, [1]]))],
    ["payment order id of the wrong type", () => (order.id = jsonWrongType(random))],
    ["payment order id with NUL", () => (order.id = `po\u0000`)],
    ["status with markup", () => (order.status = random.pick(["<b>COMPLETED</b>", "COMPLETED; drop table", "PAID\u0000"]))],
    ["external id that is an object", () => (order.externalId = { $ne: null })],
    ["amount not a number", () => (order.amount = random.pick(["NaN", "1e5", "-", {}, "12.3.4"]))],
    ["currency with markup", () => (order.currency = "<x>")],
    ["NUL in the card's brand", () => ((event.data as Record<string, unknown>).paymentMethod = { options: { card: { brand: "VI\u0000SA" } } })],
  ];
  const [label, apply] = random.pick(breakers);
  apply();
  return label;
}

export function webhookPayload(random: Random, secret: string, known: KnownPayments): HttpPayload {
  const path = "/api/webhooks/cheqpay";
  const event = realisticEvent(random, random.pick(known.cheqpayOrderIds), random.pick(known.externalIds));
  const raw = JSON.stringify(event);
  const json = { "content-type": "application/json" };
  const signed = (body: string) => ({ ...json, "x-webhook-signature": signWebhookBody(body, secret) });
  const kind = random.int(0, 19);
  if (kind <= 3) return { label: "unsigned event about a real payment", method: "POST", path, headers: json, body: raw, expect: [401] };
  if (kind <= 7) {
    const signatures = [
      random.hex(64),
      Buffer.from(random.hex(64), "hex").toString("base64"),
      `sha256=${signWebhookBody(raw, "whsec_someone_else")}`,
      signWebhookBody(`${raw} `, secret),
      signWebhookBody(raw, secret).slice(0, 63),
      `${signWebhookBody(raw, secret)}00`,
      "' OR 1=1 --",
      "<script>",
      "",
    ];
    const signature = random.pick(signatures);
    return { label: `wrong signature ${JSON.stringify(signature.slice(0, 20))}`, method: "POST", path, headers: { ...json, "x-webhook-signature": signature }, body: raw, expect: [401] };
  }
  if (kind <= 9) {
    const body = random.pick([
      "{",
      "",
      "null",
      "42",
      '"event"',
      `${raw}garbage`,
      `\uFEFF${raw}`,
      `${"[".repeat(5_000)}${"]".repeat(5_000)}`,
      raw.replace('"id"', "'id'"),
      `{"id":"evt_1","event":"payment.capture.success",}`,
    ]);
    return { label: `signed body that is not JSON or not an event (${body.length} bytes)`, method: "POST", path, headers: signed(body), body, expect: [400] };
  }
  if (kind <= 14) {
    const label = breakEvent(random, event);
    const body = JSON.stringify(event);
    if (parseWebhookEvent(body) !== null) throw new Error(`fuzz: "${label}" did not break the event`);
    return { label: `signed event with ${label}`, method: "POST", path, headers: signed(body), body, expect: [400] };
  }
  if (kind <= 17) {
    // A well-formed event about a payment order we never made: nothing to apply, so nothing may be stored.
    const unknownId = random.pick([`po_${random.hex(12)}`, "'OR'1'='1", "1;DROP_TABLE_orders", "%00", "..%2F..%2Fetc"]);
    const unknown = realisticEvent(random, unknownId, `att_${random.hex(16)}`);
    const order = (unknown.data as { paymentOrder: Record<string, unknown> }).paymentOrder;
    order.amount = random.pick([-1, 0.5, 1e20, -0, 2 ** 53 + 2]);
    const payment = (unknown.data as { payment: Record<string, unknown> }).payment;
    payment.declineReason = hostileText(random).replaceAll("\u0000", "");
    const body = JSON.stringify(unknown);
    const parsed = parseWebhookEvent(body);
    if (!parsed || known.cheqpayOrderIds.includes(parsed.paymentOrderId ?? "") || known.externalIds.includes(parsed.externalId ?? "")) {
      throw new Error("fuzz: an unknown-order event must parse and name no known payment");
    }
    return { label: `signed event about unknown order ${JSON.stringify(unknownId)}`, method: "POST", path, headers: signed(body), body, expect: [404] };
  }
  return tooLarge(random, path, { ...json, "x-webhook-signature": signWebhookBody(raw, secret) });
}

function tooLarge(random: Random, path: string, headers: Record<string, string>): HttpPayload {
  if (random.chance(0.5)) {
    const body = `{"pad":"${"x".repeat(ROUTE_BODY_LIMIT_BYTES + random.int(1, 50_000))}"}`;
    return { label: `body of ${body.length} bytes`, method: "POST", path, headers, body, expect: [413] };
  }
  const chunks = random.int(5, 40);
  return { label: `chunked body of ${chunks} x 16 kB`, method: "POST", path, headers, body: { chunks, chunkSize: 16 * 1024 }, expect: [413] };
}

export type AdminTargets = {
  token: string;
  /** Paid orders of other shoppers, with what they paid. */
  paidOrders: { id: string; totalCentavos: number }[];
  /** An order still waiting for its payment. */
  pendingOrderId: string;
};

/** Lone surrogates (a string cut inside an emoji, "\uD800") cannot be percent-encoded: they become U+FFFD. */
const wellFormed = (text: string) => text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

function malformedId(random: Random): string {
  return random.pick<() => string>([
    () => encodeURIComponent(wellFormed(hostileString(random).slice(0, 2_000))),
    () => "%00",
    () => "..%2F..%2Fetc%2Fpasswd",
    () => `${random.uuid()}x`,
    () => random.uuid().replaceAll("-", ""),
    () => "a".repeat(random.int(37, 4_000)),
    () => random.pick(["null", "undefined", "-1", "0x1", "1e9", "NaN", "%F0%9F%8E%89", "%E2%80%AE"]),
    () => random.uuid(),
  ])();
}

function wrongAuthorization(random: Random, token: string): Record<string, string> {
  return random.pick<Record<string, string>>([
    {},
    { authorization: "Bearer wrong-token" },
    { authorization: `Bearer ${token}x` },
    { authorization: `Bearer ${token.slice(0, -1)}` },
    { authorization: token },
    { authorization: `Basic ${Buffer.from(`admin:${token}`).toString("base64")}` },
    { authorization: "Bearer ' OR 1=1 --" },
  ]);
}

export function adminPayload(random: Random, targets: AdminTargets): HttpPayload {
  const bearer = { authorization: `Bearer ${targets.token}`, "content-type": "application/json" };
  const paid = random.pick(targets.paidOrders);
  const validBody = () => JSON.stringify({ amount: random.int(1, paid.totalCentavos), reason: "Requested by the customer" });
  const refunds = (id: string) => `/api/admin/orders/${id}/refunds`;
  const kind = random.int(0, 19);
  if (kind <= 1) {
    const id = random.pick([paid.id, targets.pendingOrderId]);
    return { label: "GET a real order without the token", method: "GET", path: `/api/admin/orders/${id}`, headers: wrongAuthorization(random, targets.token), expect: [404] };
  }
  if (kind <= 3) return { label: "GET a malformed id", method: "GET", path: `/api/admin/orders/${malformedId(random)}`, headers: bearer, expect: [404] };
  if (kind <= 5) {
    return { label: "refund a paid order without the token", method: "POST", path: refunds(paid.id), headers: { ...wrongAuthorization(random, targets.token), "content-type": "application/json" }, body: validBody(), expect: [404] };
  }
  if (kind <= 7) return { label: "refund a malformed id", method: "POST", path: refunds(malformedId(random)), headers: bearer, body: validBody(), expect: [404] };
  if (kind <= 8) {
    const body = random.pick(["{", "", "null]", "{'amount':1}", `{"reason":"x"`, "\u0000"]);
    return { label: "refund with a body that is not JSON", method: "POST", path: refunds(paid.id), headers: bearer, body, expect: [400] };
  }
  if (kind <= 14) {
    const body: unknown = random.pick<() => unknown>([
      () => ({ amount: random.pick(HOSTILE_NUMBERS.filter((n) => Number.isFinite(n))), reason: "x" }),
      () => ({ amount: random.pick(["100", "1e3", "NaN", "", null, true, [], {}]), reason: "x" }),
      () => ({ amount: 1e20, reason: "x" }),
      () => ({ amount: 100 }),
      () => ({ amount: 100, reason: random.pick(["", "   ", hugeString(random).slice(0, random.int(201, 12_000)), "a\u0000b", 42, null, ["x"], {}]) }),
      () => random.pick([null, 42, "refund", [], [{ amount: 1, reason: "x" }], true]),
      () => ({ ...pollutingObject(random), amount: 0 }),
    ])();
    if (refundRequestSchema.safeParse(body).success) throw new Error(`fuzz: an invalid refund body passed: ${JSON.stringify(body)}`);
    return { label: "refund with an invalid body", method: "POST", path: refunds(paid.id), headers: bearer, body: JSON.stringify(body), expect: [400] };
  }
  if (kind <= 16) {
    const amount = paid.totalCentavos + random.int(1, 1_000_000);
    const body = JSON.stringify({ amount, reason: hostileString(random).replaceAll("\u0000", "").slice(0, 150) || "x", ...pollutingObject(random) });
    if (!refundRequestSchema.safeParse(JSON.parse(body)).success) {
      return { label: "refund with an invalid reason", method: "POST", path: refunds(paid.id), headers: bearer, body, expect: [400] };
    }
    return { label: "refund more than was paid", method: "POST", path: refunds(paid.id), headers: bearer, body, expect: [422] };
  }
  if (kind <= 17) {
    return { label: "refund an order not paid yet", method: "POST", path: refunds(targets.pendingOrderId), headers: bearer, body: JSON.stringify({ reason: "x" }), expect: [409] };
  }
  return tooLarge(random, refunds(paid.id), bearer);
}
