// The API route table (paths relative to /pos; the /pos prefix is optional). Matching is separate
// from dispatch so the pipeline knows the operation name before auth and fault injection.
import type { ApiHandler } from "./api-types.js";
import { getCustomer, listCustomers, listPaymentMethods, upsertCustomer } from "./routes/customers.js";
import { createPaymentOrder, getPaymentOrder, listPaymentOrders } from "./routes/payment-orders.js";
import { listRefunds, refundPaymentOrder } from "./routes/refunds.js";
import { initiatePayerAuthentication, validatePayerAuthentication } from "./routes/three-ds.js";

export type Operation =
  | "createPaymentOrder"
  | "getPaymentOrder"
  | "listPaymentOrders"
  | "initiatePayerAuthentication"
  | "validatePayerAuthentication"
  | "refundPaymentOrder"
  | "listRefunds"
  | "upsertCustomer"
  | "getCustomer"
  | "listCustomers"
  | "listPaymentMethods";

interface Route {
  method: string;
  /** Segments; ":id" captures one. "v2?" marks an optional leading "v2" segment. */
  segments: string[];
  operation: Operation;
  handler: ApiHandler;
}

export interface RouteMatch {
  operation: Operation;
  handler: ApiHandler;
  params: Record<string, string>;
}

const route = (method: string, pattern: string, operation: Operation, handler: ApiHandler): Route => ({
  method,
  segments: pattern.split("/").filter(Boolean),
  operation,
  handler,
});

// Exactly the contract's paths and aliases: a lenient sandbox would hide client bugs.
const ROUTES: Route[] = [
  route("POST", "v2?/payment-orders", "createPaymentOrder", createPaymentOrder),
  route("POST", "checkout/pay", "createPaymentOrder", createPaymentOrder),
  route("GET", "v2?/payment-orders", "listPaymentOrders", listPaymentOrders),
  route("GET", "v2?/payment-orders/:id", "getPaymentOrder", getPaymentOrder),
  route("POST", "v2/payment-orders/:id/payer-authentication", "initiatePayerAuthentication", initiatePayerAuthentication),
  route("POST", "v2/payment-orders/:id/payer-authentication/validate", "validatePayerAuthentication", validatePayerAuthentication),
  route("POST", "v2?/payment-orders/:id/refund", "refundPaymentOrder", refundPaymentOrder),
  route("GET", "v2?/payment-orders/:id/refunds", "listRefunds", listRefunds),
  route("POST", "customers/add-update", "upsertCustomer", upsertCustomer),
  route("GET", "customers", "listCustomers", listCustomers),
  route("GET", "customers/:id", "getCustomer", getCustomer),
  route("GET", "customers/:id/payment-methods", "listPaymentMethods", listPaymentMethods),
];

/** "/pos/v2/payment-orders/x" → "/v2/payment-orders/x" (the prefix is optional). */
export function stripPosPrefix(pathname: string): string {
  if (pathname === "/pos") return "/";
  return pathname.startsWith("/pos/") ? pathname.slice(4) : pathname;
}

function matchSegments(pattern: string[], parts: string[], params: Record<string, string>): boolean {
  let p = 0;
  for (const segment of pattern) {
    const part = parts[p];
    if (segment === "v2?") {
      if (part === "v2") p++;
      continue;
    }
    if (part === undefined) return false;
    if (segment.startsWith(":")) {
      try {
        params[segment.slice(1)] = decodeURIComponent(part);
      } catch {
        return false; // malformed percent-encoding: no route
      }
    } else if (segment !== part) {
      return false;
    }
    p++;
  }
  return p === parts.length;
}

/** Returns the route for method + path (after /pos), or null. */
export function matchRoute(method: string, apiPath: string): RouteMatch | null {
  const parts = apiPath.split("/").filter(Boolean);
  for (const candidate of ROUTES) {
    if (candidate.method !== method) continue;
    const params: Record<string, string> = {};
    if (matchSegments(candidate.segments, parts, params)) {
      return { operation: candidate.operation, handler: candidate.handler, params };
    }
  }
  return null;
}
