// Reading a request's body with a ceiling, for route handlers that take posts from other systems (Cheqpay's
// webhooks, the merchant's admin API). A declared Content-Length past the limit is refused without reading a
// byte; a body without one (chunked) is read only until it passes the limit, then the stream is cancelled.
// Either way the caller answers 413 before anything is parsed, verified or written.

/** What our route handlers accept: far above any real webhook or refund request (a few hundred bytes). */
export const ROUTE_BODY_LIMIT_BYTES = 64 * 1024;

export type LimitedBody = { kind: "body"; text: string; byteLength: number } | { kind: "too-large"; limitBytes: number };

export async function readLimitedBody(request: Request, limitBytes: number = ROUTE_BODY_LIMIT_BYTES): Promise<LimitedBody> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limitBytes) {
    await request.body?.cancel().catch(() => undefined);
    return { kind: "too-large", limitBytes };
  }
  if (!request.body) return { kind: "body", text: "", byteLength: 0 };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let byteLength = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    byteLength += value.byteLength;
    if (byteLength > limitBytes) {
      // Stop reading: the rest of a huge (or endless) body is never buffered.
      await reader.cancel().catch(() => undefined);
      return { kind: "too-large", limitBytes };
    }
    chunks.push(value);
  }
  return { kind: "body", text: Buffer.concat(chunks, byteLength).toString("utf8"), byteLength };
}
