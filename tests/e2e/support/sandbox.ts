// The Cheqpay sandbox's test controls, from the test process. The suite shares one sandbox: never reset it;
// find this test's requests by the shopper's email (unique per test) and a `since` sequence number.
import { expect } from "@playwright/test";

export const SANDBOX_URL = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? 4110}`;
const CONTROL_URL = `${SANDBOX_URL}/_sandbox`;

/**
 * Held by the tests that pay through the shared sandbox from the "beside" project (playwright.config.ts) and by the
 * serial suite's tests that could not share the sandbox with them meanwhile: a fault on createPaymentOrder (the
 * other test's payment could take it) or a check that no payment at all was created.
 */
export const SANDBOX_CREATES_LOCK = "shared-sandbox-creates";

export type LoggedRequest = {
  seq: number;
  at: string;
  method: string;
  path: string;
  operation: string | null;
  status: number | null;
  durationMs: number | null;
  requestId: string;
  merchantId: string | null;
  body: Record<string, unknown> | null;
  fault: string | null;
};

export type Fault = {
  match?: { operation?: string; method?: string; path?: string };
  times?: number;
  action: { type: string; ms?: number; status?: number; body?: string; contentType?: string };
};

export type WebhookDelivery = {
  id: string;
  eventId: string;
  event: string;
  paymentOrderId: string | null;
  status: "pending" | "delivered" | "failed";
  attempts: { at: string; httpStatus: number | null; error: string | null; durationMs: number | null }[];
  body: { data?: { paymentOrder?: { id?: string; externalId?: string } } };
};

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${CONTROL_URL}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`Sandbox ${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

export async function sandboxRequests(filter: { operation?: string; since?: number } = {}): Promise<LoggedRequest[]> {
  const query = new URLSearchParams();
  if (filter.operation) query.set("operation", filter.operation);
  if (filter.since !== undefined) query.set("since", String(filter.since));
  const { data } = await control<{ data: LoggedRequest[] }>("GET", `/requests?${query}`);
  return data;
}

/** The sequence number of the latest logged request: pass it as `since` to see only what came after. */
export async function latestRequestSeq(): Promise<number> {
  const all = await sandboxRequests();
  return all.at(-1)?.seq ?? 0;
}

const customerEmailOf = (entry: LoggedRequest) =>
  String((entry.body?.customer as { email?: unknown } | undefined)?.email ?? "").toLowerCase();

/** Every createPaymentOrder the sandbox received for this shopper (by the email on the order). */
export async function createPaymentOrdersFor(email: string, since = 0): Promise<LoggedRequest[]> {
  const entries = await sandboxRequests({ operation: "createPaymentOrder", since });
  return entries.filter((entry) => customerEmailOf(entry) === email.toLowerCase());
}

/** The charges the sandbox approved for this shopper (a createPaymentOrder answered 201 or 200). */
export async function successfulChargesFor(email: string, since = 0): Promise<LoggedRequest[]> {
  const created = await createPaymentOrdersFor(email, since);
  return created.filter((entry) => entry.status === 201 || entry.status === 200);
}

/** Adds a fault for the next matching request(s). Returns a function that clears faults if it is still pending. */
export async function addFault(fault: Fault): Promise<() => Promise<void>> {
  const added = await control<{ id: string }>("POST", "/faults", fault);
  return async () => {
    const { data } = await control<{ data: { id: string }[] }>("GET", "/faults");
    // The sandbox cannot drop one fault; ours is left only when the test failed before using it.
    if (data.some((f) => f.id === added.id)) await control("DELETE", "/faults");
  };
}

export async function webhookDeliveries(query: { paymentOrderId?: string; event?: string }): Promise<WebhookDelivery[]> {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined) as [string, string][]);
  const { data } = await control<{ data: WebhookDelivery[] }>("GET", `/webhooks/deliveries?${params}`);
  return data;
}

export type CompletedChallenge = { stage: "challenge"; transactionId: string; md: string; returnUrl: string; outcome: string };

/** Answers a pending 3-D Secure challenge without a browser (as the shopper would in the bank's page). */
export async function completeThreeDs(paymentOrderId: string, outcome: "success" | "failure"): Promise<CompletedChallenge> {
  const answer = await control<CompletedChallenge>("POST", `/orders/${encodeURIComponent(paymentOrderId)}/complete-3ds`, { outcome });
  expect(answer.stage).toBe("challenge");
  return answer;
}
