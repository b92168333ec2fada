// Prometheus metrics (prom-client) for GET /metrics. One registry per process, kept on globalThis (Next's
// bundles each load this module). Each instance exposes its own series; Prometheus sums them, so nothing here
// depends on totals held in one process.
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

function createMetrics() {
  const registry = new Registry();
  registry.setDefaultLabels({ service: "cheqpay-checkout" });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    payments: new Counter({
      name: "checkout_payments_total",
      help: "Payment attempts that reached an outcome, by outcome (succeeded, failed, requires_action) and decline code",
      labelNames: ["outcome", "decline_code"] as const,
      registers: [registry],
    }),
    paymentAmount: new Histogram({
      name: "checkout_payment_amount_centavos",
      help: "Amount of successful payments, in centavos",
      labelNames: ["currency"] as const,
      buckets: [5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000],
      registers: [registry],
    }),
    paymentProcessing: new Histogram({
      name: "checkout_payment_processing_seconds",
      help: "Time from a payment attempt's start to its final status",
      labelNames: ["outcome"] as const,
      buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900],
      registers: [registry],
    }),
    cheqpayRequests: new Histogram({
      name: "cheqpay_request_duration_seconds",
      help: "Duration of each HTTP attempt to Cheqpay, by operation and HTTP status (0: no answer)",
      labelNames: ["operation", "status"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30],
      registers: [registry],
    }),
    cheqpayRetries: new Counter({
      name: "cheqpay_request_retries_total",
      help: "Cheqpay HTTP attempts that were retried, by operation",
      labelNames: ["operation"] as const,
      registers: [registry],
    }),
    webhooks: new Counter({
      name: "checkout_webhook_events_total",
      help: "Cheqpay webhook deliveries, by event type and result (processed, duplicate, rejected, unknown_order)",
      labelNames: ["type", "result"] as const,
      registers: [registry],
    }),
    jobs: new Counter({
      name: "checkout_jobs_total",
      help: "Queue jobs run, by queue and result (completed, failed)",
      labelNames: ["queue", "result"] as const,
      registers: [registry],
    }),
    emails: new Counter({
      name: "checkout_emails_total",
      help: "Emails, by kind and result (sent, failed)",
      labelNames: ["kind", "result"] as const,
      registers: [registry],
    }),
    refunds: new Counter({
      name: "checkout_refunds_total",
      help: "Refunds, by result (requested, succeeded, failed)",
      labelNames: ["result"] as const,
      registers: [registry],
    }),
    paymentLimited: new Counter({
      name: "checkout_payment_limited_total",
      help: "Payments refused by a card-testing limit before Cheqpay was called, by limit",
      labelNames: ["limit"] as const,
      registers: [registry],
    }),
    signInLimited: new Counter({
      name: "checkout_signin_limited_total",
      help: "Sign-in links refused by their rate limit (no email sent), by limit",
      labelNames: ["limit"] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const KEY = Symbol.for("cheqpay-checkout.metrics");
const holder = globalThis as typeof globalThis & { [KEY]?: Metrics };

export function getMetrics(): Metrics {
  holder[KEY] ??= createMetrics();
  return holder[KEY];
}
