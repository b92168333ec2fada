// Every API request received, for tests to assert on (GET /_sandbox/requests). Bodies are stored
// masked: card numbers keep only their last 4 digits and CVCs become "***", so the log can be
// printed or snapshotted safely. Headers (and so the API key) are never stored.
import { luhnValid } from "./cards.js";
import { MAX_LOG_ENTRIES } from "./config.js";

export interface LogEntry {
  seq: number;
  at: string;
  method: string;
  path: string;
  operation: string | null;
  status: number | null;
  durationMs: number | null;
  requestId: string;
  merchantId: string | null;
  body: unknown;
  /** The injected fault's type, if any (status stays null when the socket was destroyed). */
  fault: string | null;
}

const NUMBER_KEYS = new Set(["number", "cardnumber", "pan", "accountnumber"]);
const CVC_KEYS = new Set(["cvc", "cvv", "cvv2", "cvc2", "securitycode"]);

export function maskCardNumber(value: string): string {
  if (value.length <= 4) return "*".repeat(value.length);
  return "*".repeat(value.length - 4) + value.slice(-4);
}

/** A card number can arrive anywhere (a description, an unknown key): mask every Luhn-valid run of 13-19
 *  digits. Ids (keys ending in "id") are left alone so that tests can still find their externalIds. */
function maskDigitRuns(text: string): string {
  return text.replace(/\d(?:[ -]?\d){12,18}/g, (run) => {
    const digits = run.replace(/\D/g, "");
    return luhnValid(digits) ? maskCardNumber(digits) : run;
  });
}

/** Deep copy with card data masked. */
export function maskSensitive(value: unknown, depth = 0): unknown {
  if (depth > 32) return "[too deep]";
  if (Array.isArray(value)) return value.map((item) => maskSensitive(item, depth + 1));
  if (typeof value === "string") return maskDigitRuns(value);
  if (typeof value !== "object" || value === null) return value;
  // Null prototype: a "__proto__" key in the JSON stays a plain (logged) property.
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, item] of Object.entries(value)) {
    const lower = key.toLowerCase();
    if (CVC_KEYS.has(lower) && item !== null && item !== undefined) out[key] = "***";
    else if (NUMBER_KEYS.has(lower) && (typeof item === "string" || typeof item === "number")) out[key] = maskCardNumber(String(item));
    else if (typeof item === "string" && /id$/i.test(key)) out[key] = item;
    else out[key] = maskSensitive(item, depth + 1);
  }
  return out;
}

export class RequestLog {
  private entries: LogEntry[] = [];
  private seq = 0;

  start(entry: Omit<LogEntry, "seq" | "status" | "durationMs" | "fault">): LogEntry {
    const full: LogEntry = { seq: ++this.seq, ...entry, status: null, durationMs: null, fault: null };
    this.entries.push(full);
    // Trim in batches: splicing one entry per request would cost O(n) on every call.
    if (this.entries.length > MAX_LOG_ENTRIES * 1.1) this.entries.splice(0, this.entries.length - MAX_LOG_ENTRIES);
    return full;
  }

  list(filter: { operation?: string; since?: number }): LogEntry[] {
    return this.entries.filter(
      (e) => (filter.operation === undefined || e.operation === filter.operation) && (filter.since === undefined || e.seq > filter.since),
    );
  }

  reset(): void {
    this.entries = [];
    this.seq = 0;
  }
}
