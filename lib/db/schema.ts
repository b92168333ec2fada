// The database schema (snake_case columns). Money is integer centavos with its currency beside it.
// Card data: only brand, last4, expiry and Cheqpay's payment method id are ever stored.
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { AttemptStatus } from "../checkout/attempt-status";

export type OrderStatus = "pending" | "paid" | "partially_refunded" | "refunded";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const products = pgTable(
  "products",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    priceCentavos: integer("price_centavos").notNull(),
    currency: text("currency").notNull().default("MXN"),
    imagePath: text("image_path"),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("products_slug_key").on(t.slug), check("products_price_positive", sql`${t.priceCentavos} > 0`)],
);

/** A shopper's cart, found by an unguessable id in an http-only cookie. */
export const carts = pgTable("carts", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** The unpaid order this cart is being checked out as: later submits pay the same order. */
  checkoutOrderId: uuid("checkout_order_id"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const cartLines = pgTable(
  "cart_lines",
  {
    cartId: uuid("cart_id")
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    addedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.cartId, t.productId] }),
    check("cart_lines_quantity_range", sql`${t.quantity} between 1 and 99`),
  ],
);

/** Accounts (Auth.js's user table, with our columns): the name here is what Cheqpay's customer gets. */
export const users = pgTable(
  "users",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    name: text("name"),
    email: text("email").notNull(),
    emailVerified: timestamp("email_verified", { withTimezone: true, mode: "date" }),
    image: text("image"),
    firstName: text("first_name"),
    lastName: text("last_name"),
    /** Cheqpay's id of this account's customer (its `externalId` is our `id`). */
    cheqpayCustomerId: text("cheqpay_customer_id"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);

/** Auth.js: OAuth accounts linked to a user. */
export const authAccounts = pgTable(
  "auth_accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<"oauth" | "oidc" | "email" | "webauthn">().notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index("auth_accounts_user_id_idx").on(t.userId)],
);

/** Auth.js database sessions: signing out deletes the row, so a copied cookie stops working. */
export const sessions = pgTable(
  "sessions",
  {
    sessionToken: text("session_token").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId)],
);

/** Auth.js sign-in links (hashed tokens): a link works once (its row is deleted when used) and expires. */
export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/** A card saved at Cheqpay for an account: only its payment method id, brand, last4 and expiry. */
export const savedCards = pgTable(
  "saved_cards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The Cheqpay customer the method belongs to: a payment with it must name that customer. */
    cheqpayCustomerId: text("cheqpay_customer_id").notNull(),
    paymentMethodId: text("payment_method_id").notNull(),
    brand: text("brand").notNull(),
    last4: text("last4").notNull(),
    expiryMonth: integer("expiry_month").notNull(),
    expiryYear: integer("expiry_year").notNull(),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: createdAt(),
    /** Removed by the shopper: never offered again (unless saved again). */
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("saved_cards_payment_method_id_key").on(t.paymentMethodId),
    index("saved_cards_user_id_idx").on(t.userId),
    uniqueIndex("saved_cards_one_default_per_user")
      .on(t.userId)
      .where(sql`${t.isDefault} and ${t.removedAt} is null`),
    check("saved_cards_last4_digits", sql`${t.last4} ~ '^[0-9]{4}$'`),
  ],
);

export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Unguessable token in the order page's URL (guests have no other way in). */
    publicToken: text("public_token").notNull(),
    orderNumber: bigserial("order_number", { mode: "number" }).notNull(),
    status: text("status").$type<OrderStatus>().notNull().default("pending"),
    currency: text("currency").notNull(),
    subtotalCentavos: integer("subtotal_centavos").notNull(),
    totalCentavos: integer("total_centavos").notNull(),
    email: text("email").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    phone: text("phone"),
    billingAddress: jsonb("billing_address").notNull(),
    locale: text("locale").notNull().default("en"),
    /** Set when the order was placed signed in: then only that account may open it. */
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    cartId: uuid("cart_id"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("orders_public_token_key").on(t.publicToken),
    uniqueIndex("orders_order_number_key").on(t.orderNumber),
    // The back office's list, newest first (read backwards), also by status; the dashboard's revenue by the
    // time paid (with what it sums: read from the index alone).
    index("orders_created_at_number_idx").on(t.createdAt, t.orderNumber),
    index("orders_status_created_at_idx").on(t.status, t.createdAt, t.orderNumber),
    index("orders_paid_at_idx").on(t.paidAt, t.currency, t.totalCentavos).where(sql`${t.paidAt} is not null`),
    index("orders_email_idx").on(t.email),
    // The back office's search by any part of an email (`ilike '%…%'`): trigrams (the pg_trgm extension).
    index("orders_email_trgm_idx").using("gin", t.email.op("gin_trgm_ops")),
    index("orders_user_id_created_at_idx").on(t.userId, t.createdAt),
    check("orders_total_non_negative", sql`${t.totalCentavos} >= 0`),
  ],
);

export const orderLines = pgTable(
  "order_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id),
    name: text("name").notNull(),
    unitPriceCentavos: integer("unit_price_centavos").notNull(),
    quantity: integer("quantity").notNull(),
    lineTotalCentavos: integer("line_total_centavos").notNull(),
  },
  (t) => [index("order_lines_order_id_idx").on(t.orderId), check("order_lines_quantity_positive", sql`${t.quantity} > 0`)],
);

export const paymentAttempts = pgTable(
  "payment_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    /** Ours, sent to Cheqpay as `externalId` before Cheqpay is called: the idempotency key. */
    externalId: text("external_id").notNull(),
    /** The form's key (random, made when the page rendered): a second submit with the same key finds this
     *  attempt instead of paying again. */
    submissionKey: text("submission_key").notNull(),
    cheqpayOrderId: text("cheqpay_order_id"),
    status: text("status").$type<AttemptStatus>().notNull().default("created"),
    amountCentavos: integer("amount_centavos").notNull(),
    currency: text("currency").notNull(),
    cardBrand: text("card_brand"),
    cardLast4: text("card_last4"),
    cardExpiryMonth: integer("card_expiry_month"),
    cardExpiryYear: integer("card_expiry_year"),
    savedPaymentMethodId: text("saved_payment_method_id"),
    /** The shopper asked to save the card (`persist: true`): on success it joins their saved cards. */
    saveCard: boolean("save_card").notNull().default(false),
    declineCode: text("decline_code"),
    declineReason: text("decline_reason"),
    /** The 3-D Secure step in progress (Cheqpay's payerAuthentication): lets a reloaded page resume it. */
    payerAuthId: text("payer_auth_id"),
    payerAuthUrl: text("payer_auth_url"),
    payerAuthJwt: text("payer_auth_jwt"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** The shopper's IP address and email when the attempt was made: the card-testing limits count by them. */
    clientIp: text("client_ip"),
    email: text("email"),
  },
  (t) => [
    uniqueIndex("payment_attempts_external_id_key").on(t.externalId),
    index("payment_attempts_cheqpay_order_id_idx").on(t.cheqpayOrderId),
    // One attempt in flight per order: a second tab cannot start another charge beside it.
    uniqueIndex("payment_attempts_one_in_flight_per_order")
      .on(t.orderId)
      .where(sql`${t.status} in ('created', 'submitted', 'requires_device_data', 'requires_challenge')`),
    uniqueIndex("payment_attempts_submission_key").on(t.submissionKey),
    // At most one attempt of an order can succeed.
    uniqueIndex("payment_attempts_one_success_per_order")
      .on(t.orderId)
      .where(sql`${t.status} = 'succeeded'`),
    // Final attempts by time (the success-rate alert, the dashboard, the reconciliation's stuck ones), with the
    // decline code the alert and the dashboard group by: read from the index alone.
    index("payment_attempts_status_updated_idx").on(t.status, t.updatedAt, t.declineCode),
    index("payment_attempts_client_ip_created_idx").on(t.clientIp, t.createdAt),
    index("payment_attempts_email_created_idx").on(t.email, t.createdAt),
    index("payment_attempts_order_created_idx").on(t.orderId, t.createdAt),
    index("payment_attempts_created_at_idx").on(t.createdAt),
    // The back office's search by a card's last 4 digits.
    index("payment_attempts_card_last4_idx").on(t.cardLast4, t.orderId),
  ],
);

/** Append-only timeline of an order: Cheqpay calls, status changes, webhooks. Never card data. */
export const paymentEvents = pgTable(
  "payment_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orderId: uuid("order_id").references(() => orders.id, { onDelete: "cascade" }),
    attemptId: uuid("attempt_id").references(() => paymentAttempts.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    detail: jsonb("detail").notNull().default({}),
    // The moment of the insert, not of its transaction's start: a transaction that waited on a lock and a
    // Cheqpay call must not put its events before the calls it waited for.
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [index("payment_events_order_id_idx").on(t.orderId, t.id)],
);

/** Cheqpay webhook event ids: the unique key is the dedupe gate. */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    eventId: text("event_id").primaryKey(),
    type: text("type").notNull(),
    cheqpayOrderId: text("cheqpay_order_id"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
);

export type MailTransport = "smtp" | "mailbox";

/** Every email the app sends, once per event (`event_key`, e.g. `order-confirmation:<orderId>`): the unique key is
 *  the dedupe gate. `sent_at` null means not (yet) delivered: a retry may send it; once set, never again. */
export const mailMessages = pgTable(
  "mail_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventKey: text("event_key").notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    transport: text("transport").$type<MailTransport>().notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** An SMTP send in progress holds the message until then: a concurrent retry does not send it twice. */
    sendingUntil: timestamp("sending_until", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("mail_messages_event_key_key").on(t.eventKey),
    index("mail_messages_created_at_idx").on(t.createdAt),
    check("mail_messages_transport_known", sql`${t.transport} in ('smtp', 'mailbox')`),
  ],
);

export type RefundStatus = "PENDING" | "SUCCEEDED" | "FAILED";

/**
 * Refunds, processed asynchronously: the row is written first (PENDING), then the `process-refund` job calls
 * Cheqpay. `submitted_at` is set just before that call: a retry that finds it set reads Cheqpay's refunds of the
 * order first (the call's outcome may be unknown), so an order is never refunded twice.
 */
export const refunds = pgTable(
  "refunds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    amountCentavos: integer("amount_centavos").notNull(),
    currency: text("currency").notNull(),
    reason: text("reason").notNull(),
    status: text("status").$type<RefundStatus>().notNull().default("PENDING"),
    failureReason: text("failure_reason"),
    cheqpayRefundId: text("cheqpay_refund_id"),
    /** Who asked: a staff account's user id, or `api` (the merchant's systems with ADMIN_API_TOKEN). */
    requestedBy: text("requested_by").notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("refunds_order_id_idx").on(t.orderId, t.createdAt),
    index("refunds_status_idx").on(t.status, t.createdAt),
    check("refunds_amount_positive", sql`${t.amountCentavos} > 0`),
    check("refunds_status_known", sql`${t.status} in ('PENDING', 'SUCCEEDED', 'FAILED')`),
  ],
);

export type OutboxEmailKind = "order-confirmation" | "refund-confirmation" | "payment-failed";

/**
 * Emails to send, written in the same transaction as the status change that causes them and sent by the
 * `send-email` job. `event_key` is the dedupe gate: one email per event however many paths report it.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventKey: text("event_key").notNull(),
    kind: text("kind").$type<OutboxEmailKind>().notNull(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    refundId: uuid("refund_id").references(() => refunds.id, { onDelete: "cascade" }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("email_outbox_event_key_key").on(t.eventKey),
    index("email_outbox_unsent_idx").on(t.createdAt).where(sql`${t.sentAt} is null`),
    index("email_outbox_order_id_idx").on(t.orderId),
  ],
);

// (Appended with the alerts table: the imports above are shared by concurrent changes.)
import { real } from "drizzle-orm/pg-core";

export type AlertKind = "success_rate_low" | "success_rate_recovered";
/** null: the alert was just recorded and its webhook is being delivered. */
export type AlertWebhookStatus = "delivered" | "failed" | "not_configured";
export type AlertDecline = { code: string; count: number };

/**
 * The success-rate alert's history and state: each row is one alert (low) or one recovery, with the window it
 * was computed on. The latest row says whether we are alerting now, whichever instance ran the check.
 */
export const alerts = pgTable(
  "alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").$type<AlertKind>().notNull(),
    rate: real("rate").notNull(),
    succeeded: integer("succeeded").notNull(),
    failed: integer("failed").notNull(),
    topDeclines: jsonb("top_declines").$type<AlertDecline[]>().notNull().default([]),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    windowEnd: timestamp("window_end", { withTimezone: true }).notNull(),
    webhookStatus: text("webhook_status").$type<AlertWebhookStatus>(),
    // The moment of the insert (made under the check's lock): the latest row is the current state.
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [
    index("alerts_created_at_idx").on(t.createdAt),
    check("alerts_kind_known", sql`${t.kind} in ('success_rate_low', 'success_rate_recovered')`),
    check("alerts_webhook_status_known", sql`${t.webhookStatus} in ('delivered', 'failed', 'not_configured')`),
  ],
);

// (Appended with the card-testing limits.)

export type PaymentLimitName = "attempts-per-ip" | "declines-per-ip" | "attempts-per-email" | "attempts-per-order";

/** Payments refused by a card-testing limit (Cheqpay was not called): what the back office's risk page counts. */
export const paymentLimitRefusals = pgTable(
  "payment_limit_refusals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    limitName: text("limit_name").$type<PaymentLimitName>().notNull(),
    clientIp: text("client_ip"),
    email: text("email").notNull(),
    /** Null when the refusal came before the cart's order was written. */
    orderId: uuid("order_id").references(() => orders.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("payment_limit_refusals_client_ip_created_idx").on(t.clientIp, t.createdAt),
    index("payment_limit_refusals_created_at_idx").on(t.createdAt),
    check(
      "payment_limit_refusals_limit_known",
      sql`${t.limitName} in ('attempts-per-ip', 'declines-per-ip', 'attempts-per-email', 'attempts-per-order')`,
    ),
  ],
);

/** Every sign-in link asked for (refused ones too): at most so many per email and per client IP in a window. */
export const signInLinkRequests = pgTable(
  "sign_in_link_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    clientIp: text("client_ip"),
    /** Past a limit: no link was made or emailed. */
    refused: boolean("refused").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index("sign_in_link_requests_email_created_idx").on(t.email, t.createdAt),
    index("sign_in_link_requests_client_ip_created_idx").on(t.clientIp, t.createdAt),
  ],
);
