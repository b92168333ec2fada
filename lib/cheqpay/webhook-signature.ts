// Webhook signatures (reference §9, W-1): HMAC-SHA256 of the raw body, hex, in `x-webhook-signature`.
import { createHmac, timingSafeEqual } from "node:crypto";

export const WEBHOOK_SIGNATURE_HEADER = "x-webhook-signature";

export function signWebhookBody(rawBody: string | Uint8Array, secret: string): string {
  return createHmac("sha256", secret).update(rawBody).digest("hex");
}

/**
 * True when `signatureHeader` is the body's HMAC under any of `secrets` (several during a rotation).
 * Accepts hex or base64, with or without a `sha256=` prefix; compares in constant time.
 */
export function verifyWebhookSignature(
  rawBody: string | Uint8Array,
  signatureHeader: string | null | undefined,
  secrets: readonly string[],
): boolean {
  const received = decodeSignature(signatureHeader);
  if (!received) return false;
  let valid = false;
  for (const secret of secrets) {
    if (!secret) continue;
    const expected = createHmac("sha256", secret).update(rawBody).digest();
    // Check every secret (no early exit) so timing does not tell which one matched.
    if (expected.length === received.length && timingSafeEqual(expected, received)) valid = true;
  }
  return valid;
}

function decodeSignature(header: string | null | undefined): Buffer | null {
  if (!header) return null;
  const value = header.trim().replace(/^sha256=/i, "");
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/]{43}=?$/.test(value)) {
    const decoded = Buffer.from(value, "base64");
    return decoded.length === 32 ? decoded : null;
  }
  return null;
}
