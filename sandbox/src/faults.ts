// Fault injection for client resilience tests: the next N matching API requests get an error,
// extra latency, a dropped connection, or a response lost after the work was committed.
import type { IdGenerator } from "./ids.js";
import { FieldErrors, isObject, readString, requireObjectBody } from "./validation.js";

export type FaultAction =
  | { type: "error"; status: number; retryAfter?: number; body?: string; contentType?: string }
  | { type: "latency"; ms: number }
  /** Process the request (state, webhooks) at once, answer only after `ms`: webhooks race ahead. */
  | { type: "latency-after-commit"; ms: number }
  | { type: "timeout-after-commit" }
  | { type: "drop" };

export interface FaultMatch {
  operation?: string;
  method?: string;
  path?: string;
}

export interface Fault {
  id: string;
  match: FaultMatch;
  remaining: number;
  action: FaultAction;
}

export interface FaultTarget {
  operation: string | null;
  method: string;
  /** The path after the optional /pos prefix. */
  path: string;
}

function readAction(raw: unknown, errors: FieldErrors): FaultAction | null {
  if (!isObject(raw)) {
    errors.add("action", "is required and must be an object");
    return null;
  }
  switch (raw.type) {
    case "error": {
      const status = raw.status;
      if (typeof status !== "number" || !Number.isInteger(status) || status < 400 || status > 599) {
        errors.add("action.status", "must be an HTTP error status 400-599");
        return null;
      }
      const retryAfter = raw.retryAfter;
      if (retryAfter !== undefined && (typeof retryAfter !== "number" || !Number.isInteger(retryAfter) || retryAfter < 0)) {
        errors.add("action.retryAfter", "must be a non-negative integer (seconds)");
        return null;
      }
      // Optional raw body, to test the client's handling of NestJS-shaped or non-JSON errors.
      const body = readString(raw, "body", "action.body", errors, { max: 65536 });
      const contentType = readString(raw, "contentType", "action.contentType", errors);
      return { type: "error", status, retryAfter, body, contentType };
    }
    case "latency":
    case "latency-after-commit": {
      const ms = raw.ms;
      if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0 || ms > 600_000) {
        errors.add("action.ms", "must be a number of milliseconds 0-600000");
        return null;
      }
      return { type: raw.type, ms };
    }
    case "timeout-after-commit":
      return { type: "timeout-after-commit" };
    case "drop":
      return { type: "drop" };
    default:
      errors.add("action.type", 'must be "error", "latency", "latency-after-commit", "timeout-after-commit" or "drop"');
      return null;
  }
}

export function parseFault(rawBody: unknown): Omit<Fault, "id"> {
  const body = requireObjectBody(rawBody);
  const errors = new FieldErrors();
  const match: FaultMatch = {};
  if (body.match !== undefined && body.match !== null) {
    if (!isObject(body.match)) errors.add("match", "must be an object");
    else {
      match.operation = readString(body.match, "operation", "match.operation", errors);
      const method = readString(body.match, "method", "match.method", errors);
      match.method = method?.toUpperCase();
      match.path = readString(body.match, "path", "match.path", errors, { max: 2048 });
    }
  }
  let remaining = 1;
  if (body.times !== undefined && body.times !== null) {
    const times = body.times;
    if (typeof times !== "number" || !Number.isInteger(times) || times < 1) errors.add("times", "must be a positive integer");
    else remaining = times;
  }
  const action = readAction(body.action, errors);
  errors.throwIfAny();
  if (!action) throw new Error("unreachable: action validated");
  return { match, remaining, action };
}

export class FaultRegistry {
  private faults: Fault[] = [];

  constructor(private readonly ids: IdGenerator) {}

  add(fault: Omit<Fault, "id">): Fault {
    const full = { id: this.ids.uuid(), ...fault };
    this.faults.push(full);
    return full;
  }

  list(): Fault[] {
    return this.faults;
  }

  clear(): void {
    this.faults = [];
  }

  /** Consumes one use of the first fault matching the request, if any. */
  take(target: FaultTarget): Fault | null {
    if (this.faults.length === 0) return null;
    const index = this.faults.findIndex(
      (f) =>
        (f.match.operation === undefined || f.match.operation === target.operation) &&
        (f.match.method === undefined || f.match.method === target.method) &&
        (f.match.path === undefined || target.path.includes(f.match.path)),
    );
    const fault = this.faults[index];
    if (!fault) return null;
    fault.remaining--;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }
}
