// This request's script nonce, which proxy.ts puts in the request headers (overwriting any a client sent) and in
// the Content-Security-Policy. An inline <script> of ours carries it, or the browser refuses to run it.
export const NONCE_HEADER = "x-nonce";

const BASE64 = /^[A-Za-z0-9+/]{16,64}={0,2}$/;

/** The nonce from the request headers, or undefined when there is none (the script will then not run). */
export function nonceFrom(headers: Headers): string | undefined {
  const value = headers.get(NONCE_HEADER);
  return value && BASE64.test(value) ? value : undefined;
}
