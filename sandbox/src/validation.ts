// Field checks shared by every route. Errors are collected (not thrown at the first one) so a
// 400 VALIDATION_ERROR names every bad field in `details`, as the contract requires.
import { validationError, type FieldError } from "./errors.js";

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export class FieldErrors {
  readonly list: FieldError[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  throwIfAny(status = 400): void {
    if (this.list.length > 0) throw validationError(this.list, status);
  }
}

interface StringRule {
  required?: boolean;
  max?: number;
  pattern?: RegExp;
  patternMessage?: string;
}

/** A string field: absent/null → undefined (or an error when required); non-empty after trimming. */
export function readString(
  source: Record<string, unknown>,
  key: string,
  field: string,
  errors: FieldErrors,
  rule: StringRule = {},
): string | undefined {
  const value = source[key];
  if (value === undefined || value === null) {
    if (rule.required) errors.add(field, "is required");
    return undefined;
  }
  if (typeof value !== "string") {
    errors.add(field, "must be a string");
    return undefined;
  }
  if (value.trim().length === 0) {
    errors.add(field, "must not be empty");
    return undefined;
  }
  const max = rule.max ?? 255;
  if (value.length > max) {
    errors.add(field, `must be at most ${max} characters`);
    return undefined;
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    errors.add(field, rule.patternMessage ?? "has an invalid format");
    return undefined;
  }
  return value;
}

export function readBoolean(
  source: Record<string, unknown>,
  key: string,
  field: string,
  errors: FieldErrors,
): boolean | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") {
    errors.add(field, "must be a boolean");
    return undefined;
  }
  return value;
}

/** Amounts are integer centavos (contract "Amounts"). */
export function readPositiveInteger(
  source: Record<string, unknown>,
  key: string,
  field: string,
  errors: FieldErrors,
  required: boolean,
): number | undefined {
  const value = source[key];
  if (value === undefined || value === null) {
    if (required) errors.add(field, "is required");
    return undefined;
  }
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    errors.add(field, "must be a positive integer (minor units, e.g. centavos)");
    return undefined;
  }
  return value;
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw validationError([{ field: "body", message: "must be a JSON object" }]);
  return body;
}

/** limit (1–100, default 20) and offset (≥ 0, default 0) from the query string. */
export function readPagination(query: URLSearchParams, errors: FieldErrors): { limit: number; offset: number } {
  const readInt = (name: string, fallback: number, min: number, max: number): number => {
    const raw = query.get(name);
    if (raw === null || raw === "") return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      errors.add(name, `must be an integer between ${min} and ${max}`);
      return fallback;
    }
    return value;
  };
  return { limit: readInt("limit", 20, 1, 100), offset: readInt("offset", 0, 0, Number.MAX_SAFE_INTEGER) };
}

export function readIsoDate(query: URLSearchParams, name: string, errors: FieldErrors): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === "") return undefined;
  const ms = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(ms)) {
    errors.add(name, "must be an ISO-8601 date");
    return undefined;
  }
  return ms;
}

/** An absolute http(s) URL: it becomes a form action in HTML, so nothing else (javascript:, data:). */
export function readHttpUrl(
  source: Record<string, unknown>,
  key: string,
  field: string,
  errors: FieldErrors,
  required: boolean,
): string | undefined {
  const value = readString(source, key, field, errors, { required, max: 2048 });
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return value; // kept verbatim for the caller
  } catch {
    // fall through to the error below
  }
  errors.add(field, "must be an absolute http(s) URL");
  return undefined;
}
