// The shopper's IP address: from the connection (our server puts it in a private header, overwriting any
// the client sent), or from X-Forwarded-For only when TRUST_PROXY says a proxy in front of us sets it.
export const REMOTE_ADDRESS_HEADER = "x-checkout-remote-address";

export function clientAddress(headers: Headers, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return headers.get(REMOTE_ADDRESS_HEADER) ?? undefined;
}
