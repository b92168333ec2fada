// Shared set-up for the contract tests: one real sandbox process per test file, a client pointed at it,
// order inputs with unique externalIds, and typed access to the sandbox's controls.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import {
  type CheqpayClient,
  type CheqpayClientOptions,
  CheqpayError,
  createCheqpayClient,
  type CreatePaymentOrderInput,
  type CustomerInput,
} from "@/lib/cheqpay";
import { type SandboxProcess, startSandboxProcess } from "./sandbox-process";

/** Starts a sandbox for the file (`beforeAll`), resets it before each test, stops it after the file. */
export function useSandbox(env: Record<string, string> = {}): () => SandboxProcess {
  let sandbox: SandboxProcess | null = null;
  beforeAll(async () => {
    sandbox = await startSandboxProcess(env);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });
  beforeEach(async () => {
    await sandbox!.reset();
  });
  return () => {
    if (!sandbox) throw new Error("the sandbox is not running (use it inside a test or hook)");
    return sandbox;
  };
}

/** A client for the sandbox with short delays and timeouts, so a failing test fails fast. */
export function clientFor(sandbox: SandboxProcess, options: Partial<CheqpayClientOptions> = {}): CheqpayClient {
  return createCheqpayClient({
    baseUrl: sandbox.baseUrl,
    apiKey: sandbox.apiKey,
    merchantId: sandbox.merchantId,
    timeoutMs: 3_000,
    ...options,
    retryPolicy: { baseDelayMs: 10, maxDelayMs: 50, ...options.retryPolicy },
  });
}

export const uniqueId = (prefix: string) => `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 16)}`;

export type OrderOptions = Partial<Omit<CreatePaymentOrderInput, "source" | "customer">> & {
  card?: string;
  cvc?: string;
  expiryMonth?: number;
  expiryYear?: number;
  save?: boolean;
  customer?: Partial<CustomerInput>;
  source?: CreatePaymentOrderInput["source"];
};

/** A valid card order (the approving Visa test card by default) with a fresh externalId. */
export function orderInput(options: OrderOptions = {}): CreatePaymentOrderInput {
  const { card = "4111111111111111", cvc = "123", expiryMonth = 12, expiryYear = 2030, save = false, customer, source, ...rest } = options;
  return {
    externalId: uniqueId("att"),
    amount: 124900,
    currency: "MXN",
    description: "Contract test order",
    customer: { externalId: uniqueId("user"), firstName: "Ana", lastName: "López", email: "ana@example.com", ...customer },
    source: source ?? { kind: "new-card", number: card, expiryMonth, expiryYear, cvc, save },
    billingAddress: { line1: "Av. Reforma 222", city: "Ciudad de México", state: "CDMX", postalCode: "06600", country: "MX" },
    device: { ipAddress: "203.0.113.7", userAgent: "vitest", language: "es-MX", screenWidth: 1920, screenHeight: 1080 },
    ...rest,
  };
}

export type LogEntry = {
  seq: number;
  method: string;
  path: string;
  operation: string | null;
  status: number | null;
  requestId: string;
  body: unknown;
  /** The injected fault's action type, if any. */
  fault?: string | null;
};

/** The sandbox's request log, optionally only one operation's entries. */
export async function requestLog(sandbox: SandboxProcess, operation?: string): Promise<LogEntry[]> {
  const { status, body } = await sandbox.control<{ data: LogEntry[] }>("GET", "/_sandbox/requests");
  expect(status).toBe(200);
  return operation === undefined ? body.data : body.data.filter((entry) => entry.operation === operation);
}

export type FaultAction =
  | { type: "error"; status: number; retryAfter?: number; body?: string; contentType?: string }
  | { type: "latency" | "latency-after-commit"; ms: number }
  | { type: "timeout-after-commit" }
  | { type: "drop" };

export type FaultSpec = { match: { operation?: string; method?: string; path?: string }; times?: number } & (
  | { action: FaultAction }
  /** A share of the matching requests (`probability`), each getting one of `actions`, chosen with `seed`. */
  | { actions: FaultAction[]; probability?: number; seed?: string }
  | { action: FaultAction; probability: number; seed?: string }
);

/** Adds a fault; a deterministic one applies once unless `times` says otherwise. Returns the sandbox's record of it. */
export async function addFault(sandbox: SandboxProcess, fault: FaultSpec): Promise<{ id: string }> {
  const deterministic = !("probability" in fault) || fault.probability === undefined;
  const { status, body } = await sandbox.control<{ id: string }>("POST", "/_sandbox/faults", deterministic ? { times: 1, ...fault } : fault);
  expect(status, JSON.stringify(body)).toBeLessThan(300);
  return body;
}

export type FaultRecord = { id: string; matched: number; applied: number; remaining: number | null; seed?: string };

/** The faults the sandbox still holds, with how many matching requests each saw and faulted. */
export async function faultsOf(sandbox: SandboxProcess): Promise<FaultRecord[]> {
  const { body } = await sandbox.control<{ data: FaultRecord[] }>("GET", "/_sandbox/faults");
  return body.data;
}

/** The rejection of `promise`, which must be a CheqpayError (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<CheqpayError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  if (!(outcome.error instanceof CheqpayError)) throw outcome.error;
  return outcome.error;
}

export type RawAnswer = { status: number; headers: Headers; text: string; json: any };

/** A raw API call to the sandbox (the merchant's key unless `headers` says otherwise), for what the client hides. */
export async function rawApi(
  sandbox: SandboxProcess,
  method: string,
  path: string,
  options: { body?: string | object; headers?: Record<string, string> } = {},
): Promise<RawAnswer> {
  const body = options.body === undefined || typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  const response = await fetch(`${sandbox.baseUrl}${path}`, {
    method,
    headers: {
      "x-api-key": sandbox.apiKey,
      "x-merchant-id": sandbox.merchantId,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...options.headers,
    },
    body,
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** The order as the wire shows it, with its `payments[]` (which the client's type leaves out). */
export async function wireOrderOf(sandbox: SandboxProcess, id: string): Promise<{ status: string; payments: { id: string; status: string }[] }> {
  const answer = await rawApi(sandbox, "GET", `/v2/payment-orders/${encodeURIComponent(id)}`);
  expect(answer.status).toBe(200);
  return answer.json;
}
