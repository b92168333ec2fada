// What the checkout keeps in sessionStorage across the one reload that moves a page from an older release to
// the new one (use-release-recovery.ts): contact and billing address only. Card number, expiry and CVC are
// never kept: they are not in KEPT_FIELDS, and reading drops anything else. Pure, so it is unit tested.
import type { CheckoutFormValues } from "@/lib/checkout/checkout-form-schema";

export const KEPT_FIELDS = ["email", "firstName", "lastName", "phone", "address", "city", "state", "postalCode", "country"] as const;
export type KeptField = (typeof KEPT_FIELDS)[number];
export type KeptDetails = Partial<Pick<CheckoutFormValues, KeptField>>;

/** Why the page reloaded: the payment (the card must be typed again) or a 3-D Secure step (it resumes). */
export type ReloadReason = "pay" | "authentication";
export type KeptRecord = { reason: ReloadReason; fields: KeptDetails };

export const KEPT_DETAILS_KEY = "cheqpay.checkout.kept";
/** When the page last reloaded for a new release: a second unknown action soon after is not reloaded again. */
export const RELOADED_AT_KEY = "cheqpay.checkout.release-reload";
/** Kept details older than this are stale (the shopper went away): ignored. */
export const KEPT_MAX_AGE_MS = 10 * 60_000;
/** At most one automatic reload in this time: a rolling deploy may still route some requests to the old release. */
export const RELOAD_INTERVAL_MS = 60_000;

const MAX_LENGTH = 254;

/** Only the kept fields, only strings, cut to size. */
export function pickKeptDetails(values: Record<string, unknown>): KeptDetails {
  const kept: Record<string, string> = {};
  for (const field of KEPT_FIELDS) {
    const value = values[field];
    if (typeof value === "string" && value !== "") kept[field] = value.slice(0, MAX_LENGTH);
  }
  return kept as KeptDetails;
}

export function serializeKept(values: Record<string, unknown>, reason: ReloadReason, now: number): string {
  return JSON.stringify({ v: 1, at: now, reason, fields: pickKeptDetails(values) });
}

/** The record, or null when missing, malformed, of another version or stale. */
export function parseKept(raw: string | null, now: number): KeptRecord | null {
  if (!raw) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof data !== "object" || data === null) return null;
  const { v, at, reason, fields } = data as Record<string, unknown>;
  if (v !== 1 || typeof at !== "number" || now - at > KEPT_MAX_AGE_MS || now < at) return null;
  if (reason !== "pay" && reason !== "authentication") return null;
  if (typeof fields !== "object" || fields === null || Array.isArray(fields)) return null;
  return { reason, fields: pickKeptDetails(fields as Record<string, unknown>) };
}

type SessionStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** Keeps the details for the reload; false when storage refuses (private mode, full): nothing kept. */
export function keepDetails(store: SessionStore, values: Record<string, unknown>, reason: ReloadReason, now: number): boolean {
  try {
    store.setItem(KEPT_DETAILS_KEY, serializeKept(values, reason, now));
    return true;
  } catch {
    return false;
  }
}

/** Reads the kept details once: they are removed whatever they held. */
export function takeKeptDetails(store: SessionStore, now: number): KeptRecord | null {
  try {
    const raw = store.getItem(KEPT_DETAILS_KEY);
    store.removeItem(KEPT_DETAILS_KEY);
    return parseKept(raw, now);
  } catch {
    return null;
  }
}

/** True (and noted) when the page may reload now; false when it already did within RELOAD_INTERVAL_MS. */
export function claimReload(store: SessionStore, now: number): boolean {
  try {
    const last = Number(store.getItem(RELOADED_AT_KEY));
    if (Number.isFinite(last) && last > 0 && now - last >= 0 && now - last < RELOAD_INTERVAL_MS) return false;
    store.setItem(RELOADED_AT_KEY, String(now));
    return true;
  } catch {
    // No storage: a reload could not be limited, so none is made (the shopper is told to reload instead).
    return false;
  }
}
