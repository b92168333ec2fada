// What text from outside may hold before we store it. PostgreSQL refuses NUL in text and jsonb (the insert
// fails: a 500), and no name, address or reason a person types holds a control character, so a field with one
// is refused as invalid instead. Pure; used by the shared zod schemas and the webhook parser.

/** One line a person typed (names, address, city): no control characters at all. */
export const SINGLE_LINE_TEXT = /^[^\u0000-\u001f\u007f]*$/;

/** Text that may span lines (a refund's reason): tab, newline and carriage return only. */
export const MULTI_LINE_TEXT = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;

/** An opaque id from another system (Cheqpay's ids, a saved card's payment method id): printable ASCII, no spaces. */
export const OPAQUE_ID = /^[\x21-\x7e]+$/;

/** True when any string in a parsed JSON value (keys too) contains NUL, which no database column can hold. */
export function containsNul(value: unknown, depth = 0): boolean {
  // Parsed JSON nests as deep as its text: past this depth the value is refused as hostile all the same.
  if (depth > 64) return true;
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some((item) => containsNul(item, depth + 1));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).some(([key, item]) => key.includes("\u0000") || containsNul(item, depth + 1));
  }
  return false;
}
