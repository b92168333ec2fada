// Small HTTP helpers: bounded body reading and JSON/HTML responses that never throw on a closed socket.
import type { IncomingMessage, ServerResponse } from "node:http";

export type BodyResult = { kind: "ok"; raw: Buffer } | { kind: "too-large" };

const EMPTY = Buffer.alloc(0);

/** Reads the whole body, stopping (without buffering more) once it exceeds `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > limit) return Promise.resolve({ kind: "too-large" });
  // No declared length and not chunked: there is no body (the common GET case; skips an event-loop turn).
  if (declared === undefined && req.headers["transfer-encoding"] === undefined) return Promise.resolve({ kind: "ok", raw: EMPTY });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return; // keep draining so the socket can close cleanly after a 413
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        resolve({ kind: "too-large" });
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (done) return;
      done = true;
      resolve({ kind: "ok", raw: chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks) });
    });
    const abort = (error?: Error) => {
      if (done) return;
      done = true;
      reject(error ?? new Error("request aborted"));
    };
    req.on("error", abort);
    req.on("close", () => abort());
  });
}

export type JsonParse = { ok: true; value: unknown } | { ok: false };

/** Empty body → undefined (many routes take none). */
export function parseJson(raw: Buffer): JsonParse {
  if (raw.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw.toString("utf8")) };
  } catch {
    return { ok: false };
  }
}

export function parseForm(raw: Buffer): URLSearchParams {
  return new URLSearchParams(raw.toString("utf8"));
}

function writable(res: ServerResponse): boolean {
  return !res.headersSent && !res.writableEnded && !res.destroyed;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (!writable(res)) return;
  const json = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(json),
  });
  res.end(json);
}

export function sendText(res: ServerResponse, status: number, body: string, contentType: string, headers: Record<string, string> = {}): void {
  if (!writable(res)) return;
  res.writeHead(status, { ...headers, "content-type": contentType, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  // no-store: a 3-D Secure page must not be replayed from a cache.
  sendText(res, status, html, "text/html; charset=utf-8", { "cache-control": "no-store" });
}

export function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
