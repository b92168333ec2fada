// Fault injection for client resilience tests: the next N matching API requests (or, probabilistically, a
// share of them) get an error, extra latency, a dropped connection, or a response lost after the work was
// committed.
import { createHash } from "node:crypto";
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
  /** Uses left; null = no limit (a probabilistic fault given no `times`). */
  remaining: number | null;
  /** The action, or the first of `actions`. */
  action: FaultAction;
  /** Several actions: each faulted request gets one of them, picked at random (seeded). */
  actions?: FaultAction[];
  /** Each matching request gets the fault with this probability (0 < p <= 1); absent: every one. */
  probability?: number;
  /** Seed of the fault's random choices (default: its id, itself from the sandbox's seed). */
  seed?: string;
  /** Matching requests this fault saw, and how many of them got it. */
  matched: number;
  applied: number;
}

export type FaultInput = Omit<Fault, "id" | "matched" | "applied" | "seed"> & { seed?: string };

export interface FaultTarget {
  operation: string | null;
  method: string;
  /** The path after the optional /pos prefix. */
  path: string;
}

/** mulberry32 seeded from a hash of `seed`: reproducible rolls for probabilistic faults. */
export function seededRandom(seed: string): () => number {
  let state = createHash("sha256").update(`cheqpay-sandbox-fault:${seed}`).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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

export function parseFault(rawBody: unknown): FaultInput {
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
  let probability: number | undefined;
  if (body.probability !== undefined && body.probability !== null) {
    const p = body.probability;
    if (typeof p !== "number" || !Number.isFinite(p) || p <= 0 || p > 1) errors.add("probability", "must be a number greater than 0 and at most 1");
    else probability = p;
  }
  const seed = readString(body, "seed", "seed", errors, { max: 1024 });
  // A deterministic fault is used once unless told otherwise; a probabilistic one keeps applying.
  let remaining: number | null = probability === undefined ? 1 : null;
  if (body.times !== undefined && body.times !== null) {
    const times = body.times;
    if (typeof times !== "number" || !Number.isInteger(times) || times < 1) errors.add("times", "must be a positive integer");
    else remaining = times;
  }
  const actions: FaultAction[] = [];
  if (body.actions !== undefined && body.actions !== null) {
    if (body.action !== undefined && body.action !== null) errors.add("actions", 'give either "action" or "actions", not both');
    else if (!Array.isArray(body.actions) || body.actions.length === 0 || body.actions.length > 20) {
      errors.add("actions", "must be an array of 1-20 actions");
    } else {
      body.actions.forEach((raw, i) => {
        const scoped = new FieldErrors();
        const action = readAction(raw, scoped);
        for (const detail of scoped.list) errors.add(detail.field.replace(/^action/, `actions[${i}]`), detail.message);
        if (action) actions.push(action);
      });
    }
  } else {
    const action = readAction(body.action, errors);
    if (action) actions.push(action);
  }
  errors.throwIfAny();
  const [action] = actions;
  if (!action) throw new Error("unreachable: action validated");
  return {
    match,
    remaining,
    action,
    ...(actions.length > 1 ? { actions } : {}),
    ...(probability !== undefined ? { probability } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}

type Entry = { fault: Fault; random: () => number };

export class FaultRegistry {
  private entries: Entry[] = [];

  constructor(private readonly ids: IdGenerator) {}

  add(input: FaultInput): Fault {
    const id = this.ids.uuid();
    const fault: Fault = { id, ...input, matched: 0, applied: 0 };
    if (fault.probability !== undefined || fault.actions) fault.seed ??= id;
    this.entries.push({ fault, random: seededRandom(fault.seed ?? id) });
    return fault;
  }

  list(): Fault[] {
    return this.entries.map((entry) => entry.fault);
  }

  clear(): void {
    this.entries = [];
  }

  /**
   * The action for this request, if a fault applies: the first matching fault, unless it is probabilistic and
   * its roll misses, in which case the next matching fault is asked. Consumes one use of the fault applied.
   */
  take(target: FaultTarget): FaultAction | null {
    for (let index = 0; index < this.entries.length; index++) {
      const { fault, random } = this.entries[index]!;
      const matches =
        (fault.match.operation === undefined || fault.match.operation === target.operation) &&
        (fault.match.method === undefined || fault.match.method === target.method) &&
        (fault.match.path === undefined || target.path.includes(fault.match.path));
      if (!matches) continue;
      fault.matched++;
      if (fault.probability !== undefined && random() >= fault.probability) continue;
      const action = fault.actions ? fault.actions[Math.floor(random() * fault.actions.length)]! : fault.action;
      fault.applied++;
      if (fault.remaining !== null) {
        fault.remaining--;
        if (fault.remaining <= 0) this.entries.splice(index, 1);
      }
      return action;
    }
    return null;
  }
}
