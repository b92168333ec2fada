import { describe, expect, it } from "vitest";
import { readLimitedBody, ROUTE_BODY_LIMIT_BYTES } from "@/lib/http/read-limited-body";

const URL_ = "https://localhost/api/webhooks/cheqpay";

/** A chunked body (no Content-Length): `chunks` are sent one by one; `pulled` counts what was read. */
function streamedRequest(chunks: Iterable<Uint8Array>) {
  const state = { pulled: 0, cancelled: false };
  const iterator = chunks[Symbol.iterator]();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = iterator.next();
      if (next.done) return controller.close();
      state.pulled++;
      controller.enqueue(next.value);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { request: new Request(URL_, { method: "POST", body, duplex: "half" } as RequestInit), state };
}

function* endless(chunk: Uint8Array) {
  for (;;) yield chunk;
}

describe("readLimitedBody", () => {
  it("reads a body within the limit as text", async () => {
    const request = new Request(URL_, { method: "POST", body: '{"id":"evt_1"}', headers: { "content-length": "14" } });
    expect(await readLimitedBody(request, 64)).toEqual({ kind: "body", text: '{"id":"evt_1"}', byteLength: 14 });
  });

  it("refuses a declared Content-Length past the limit without reading the body", async () => {
    const { request, state } = streamedRequest([new Uint8Array(10)]);
    request.headers.set("content-length", String(ROUTE_BODY_LIMIT_BYTES + 1));
    expect(await readLimitedBody(request)).toEqual({ kind: "too-large", limitBytes: ROUTE_BODY_LIMIT_BYTES });
    expect(state.pulled).toBe(0);
  });

  it("accepts a body of exactly the limit", async () => {
    const { request } = streamedRequest([new Uint8Array(40).fill(97), new Uint8Array(24).fill(98)]);
    const body = await readLimitedBody(request, 64);
    expect(body).toMatchObject({ kind: "body", byteLength: 64 });
  });

  it("stops reading a chunked body as soon as it passes the limit, and cancels the stream", async () => {
    const { request, state } = streamedRequest(endless(new Uint8Array(1024)));
    expect(await readLimitedBody(request, 4 * 1024)).toEqual({ kind: "too-large", limitBytes: 4096 });
    expect(state.pulled).toBeLessThanOrEqual(6);
    expect(state.cancelled).toBe(true);
  });

  it("refuses a body whose Content-Length understates it (the bytes are counted, not the header)", async () => {
    const { request } = streamedRequest([new Uint8Array(100), new Uint8Array(100)]);
    request.headers.set("content-length", "10");
    expect(await readLimitedBody(request, 150)).toMatchObject({ kind: "too-large" });
  });

  it("decodes UTF-8 split across chunks", async () => {
    const bytes = Buffer.from("café 🎉 ناصر", "utf8");
    const { request } = streamedRequest([bytes.subarray(0, 4), bytes.subarray(4, 8), bytes.subarray(8)]);
    expect(await readLimitedBody(request)).toEqual({ kind: "body", text: "café 🎉 ناصر", byteLength: bytes.byteLength });
  });

  it("reads a request without a body as empty text", async () => {
    expect(await readLimitedBody(new Request(URL_, { method: "POST" }))).toEqual({ kind: "body", text: "", byteLength: 0 });
  });
});
