// Signed webhook delivery: asynchronous (after the API response), retried with a compressed
// exponential backoff (base × 2^n), at most MAX_WEBHOOK_ATTEMPTS attempts, cancellable on reset.
import { createHmac } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { MAX_DELIVERIES, MAX_WEBHOOK_ATTEMPTS } from "./config.js";
import type { IdGenerator } from "./ids.js";
import { buildPayload, type WebhookEventName } from "./webhook-events.js";
import type { Merchant, Order, Refund } from "./types.js";

export interface DeliveryAttempt {
  at: string;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

export interface Delivery {
  id: string;
  eventId: string;
  event: WebhookEventName;
  merchantId: string;
  paymentOrderId: string;
  url: string;
  status: "pending" | "delivered" | "failed";
  attempts: DeliveryAttempt[];
  rawBody: string;
  signature: string;
  createdAt: string;
}

export interface DeliveryFilter {
  merchantId?: string;
  paymentOrderId?: string;
  event?: string;
}

export function signBody(rawBody: string, secret: string): string {
  return createHmac("sha256", secret).update(rawBody, "utf8").digest("hex");
}

export class WebhookDispatcher {
  private deliveries: Delivery[] = [];
  private readonly byId = new Map<string, Delivery>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<http.ClientRequest>();
  private generation = 0;
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(
    private readonly ids: IdGenerator,
    private readonly retryBaseMs: number,
    private readonly timeoutMs: number,
  ) {}

  /** Records the event and schedules its first attempt; a merchant without an endpoint gets nothing. */
  emit(merchant: Merchant, event: WebhookEventName, order: Order, refund?: Refund): void {
    const url = merchant.webhookUrl;
    const secret = merchant.webhookSecrets[0];
    if (!url || secret === undefined) return;
    const payload = buildPayload(this.ids.uuid(), event, merchant, order, refund);
    const rawBody = JSON.stringify(payload);
    const delivery: Delivery = {
      id: this.ids.uuid(),
      eventId: payload.id,
      event,
      merchantId: merchant.id,
      paymentOrderId: order.id,
      url,
      status: "pending",
      attempts: [],
      rawBody,
      signature: signBody(rawBody, secret),
      createdAt: payload.createdAt,
    };
    this.remember(delivery);
    // setImmediate: the API response is written before the first attempt starts.
    this.schedule(delivery, 0);
  }

  list(filter: DeliveryFilter = {}): Delivery[] {
    return this.deliveries.filter(
      (d) =>
        (!filter.merchantId || d.merchantId === filter.merchantId) &&
        (!filter.paymentOrderId || d.paymentOrderId === filter.paymentOrderId) &&
        (!filter.event || d.event === filter.event),
    );
  }

  get(id: string): Delivery | undefined {
    return this.byId.get(id);
  }

  /** One immediate attempt with the same event id and body; resolves once it has finished. */
  async redeliver(delivery: Delivery): Promise<Delivery> {
    this.clearTimer(delivery.id);
    delivery.status = "pending";
    await this.attempt(delivery, this.generation, false);
    return delivery;
  }

  /** Drops every delivery, cancels pending retries and aborts requests in flight. */
  reset(): void {
    this.generation++;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const request of this.inFlight) request.destroy();
    this.inFlight.clear();
    this.deliveries = [];
    this.byId.clear();
  }

  close(): void {
    this.reset();
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private remember(delivery: Delivery): void {
    this.deliveries.push(delivery);
    this.byId.set(delivery.id, delivery);
    // Trim the oldest in batches (see request-log.ts).
    if (this.deliveries.length > MAX_DELIVERIES * 1.1) {
      for (const dropped of this.deliveries.splice(0, this.deliveries.length - MAX_DELIVERIES)) {
        this.byId.delete(dropped.id);
        this.clearTimer(dropped.id);
      }
    }
  }

  private clearTimer(id: string): void {
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.delete(id);
  }

  private schedule(delivery: Delivery, delayMs: number): void {
    const generation = this.generation;
    const run = () => {
      this.timers.delete(delivery.id);
      this.attempt(delivery, generation, true).catch((error: unknown) => console.error("[cheqpay-sandbox] webhook delivery error:", error));
    };
    if (delayMs <= 0) {
      setImmediate(run);
      return;
    }
    const timer = setTimeout(run, delayMs);
    timer.unref(); // pending retries must not keep a finished test process alive
    this.timers.set(delivery.id, timer);
  }

  private async attempt(delivery: Delivery, generation: number, retryOnFailure: boolean): Promise<void> {
    if (generation !== this.generation) return;
    const started = Date.now();
    const at = new Date(started).toISOString();
    const result = await this.post(delivery);
    if (generation !== this.generation) return; // reset while in flight
    delivery.attempts.push({ at, httpStatus: result.status, error: result.error, durationMs: Date.now() - started });
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    if (ok) {
      delivery.status = "delivered";
    } else if (retryOnFailure && delivery.attempts.length < MAX_WEBHOOK_ATTEMPTS) {
      delivery.status = "pending";
      this.schedule(delivery, this.retryBaseMs * 2 ** (delivery.attempts.length - 1));
    } else {
      delivery.status = "failed";
    }
  }

  private post(delivery: Delivery): Promise<{ status: number | null; error: string | null }> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (status: number | null, error: string | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.inFlight.delete(request);
        resolve({ status, error });
      };
      let request: http.ClientRequest;
      try {
        const url = new URL(delivery.url);
        const client = url.protocol === "https:" ? https : http;
        request = client.request(url, {
          method: "POST",
          agent: url.protocol === "https:" ? this.httpsAgent : this.httpAgent,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(delivery.rawBody),
            "user-agent": "Cheqpay-Sandbox-Webhooks/1.0",
            "x-webhook-id": delivery.eventId,
            "x-webhook-event": delivery.event,
            "x-webhook-signature": delivery.signature,
          },
        });
      } catch (error) {
        resolve({ status: null, error: error instanceof Error ? error.message : String(error) });
        return;
      }
      const timer = setTimeout(() => {
        request.destroy(new Error(`timeout after ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.inFlight.add(request);
      let responseStatus: number | null = null;
      request.on("response", (response) => {
        responseStatus = response.statusCode ?? null;
        response.resume(); // the body is irrelevant; only the status counts
        response.on("end", () => finish(responseStatus, null));
        response.on("error", (error) => finish(responseStatus, error.message));
      });
      request.on("error", (error) => finish(responseStatus, error.message));
      request.on("close", () => finish(responseStatus, responseStatus === null ? "connection closed" : null));
      request.end(delivery.rawBody);
    });
  }
}
