// Makes Node's HTTP/2 compatibility request and response look like HTTP/1.1's to Next.js's request handler.
// Next copies request headers into fetch `Headers` (Server Actions' redirects, route handlers), which refuse
// pseudo-headers such as `:authority`, and it reads `host`, which HTTP/2 sends as `:authority`. On the way out,
// Node's HTTP/2 throws on connection-specific headers (`connection`, `transfer-encoding`, ...) that HTTP/1.1
// code may set, so they are dropped: they mean nothing on an HTTP/2 stream.
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";

const CONNECTION_HEADERS = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "http2-settings"]);

/** Gives the request ordinary headers: `host` from `:authority`, no pseudo-headers, and a plain object (Next calls
 *  `headers.hasOwnProperty`; HTTP/2's has no prototype). `req.url` and `req.method` keep working: the
 *  compatibility request reads them from the pseudo-headers, so they become plain properties first. */
export function adaptHttp2Request(req: Http2ServerRequest): void {
  const { url, method, headers: http2Headers } = req;
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(http2Headers)) if (!name.startsWith(":")) headers[name] = value;
  const authority = http2Headers[":authority"];
  if (headers.host === undefined && typeof authority === "string") headers.host = authority;
  for (const [name, value] of Object.entries({ url, method, headers })) {
    Object.defineProperty(req, name, { value, writable: true, enumerable: true, configurable: true });
  }
}

/** Drops connection-specific headers whichever way they are set: `setHeader` before, or `writeHead`'s argument.
 *  Adds HTTP/1.1's internal `_implicitHeader`, which Next's compression middleware calls before its first write. */
export function adaptHttp2Response(res: Http2ServerResponse): void {
  Object.assign(res, { _implicitHeader: () => res.writeHead(res.statusCode) });
  // HTTP/2 has no reason phrase: Node warns when code sets one.
  Object.defineProperty(res, "statusMessage", { get: () => "", set: () => {}, configurable: true });
  const setHeader = res.setHeader.bind(res);
  res.setHeader = ((name: string, value: number | string | readonly string[]) =>
    CONNECTION_HEADERS.has(name.toLowerCase()) ? res : setHeader(name, value)) as Http2ServerResponse["setHeader"];
  const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => Http2ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    for (const name of CONNECTION_HEADERS) res.removeHeader(name);
    const headers = rest.find((argument) => typeof argument !== "string");
    return headers === undefined ? writeHead(status) : writeHead(status, withoutConnectionHeaders(headers));
  }) as Http2ServerResponse["writeHead"];
}

function withoutConnectionHeaders(argument: unknown): unknown {
  if (Array.isArray(argument)) {
    if (argument.length > 0 && Array.isArray(argument[0])) {
      return (argument as [string, unknown][]).filter(([name]) => !CONNECTION_HEADERS.has(name.toLowerCase()));
    }
    const pairs: unknown[] = [];
    for (let i = 0; i < argument.length; i += 2) {
      if (!CONNECTION_HEADERS.has(String(argument[i]).toLowerCase())) pairs.push(argument[i], argument[i + 1]);
    }
    return pairs;
  }
  if (argument !== null && typeof argument === "object") {
    return Object.fromEntries(Object.entries(argument as OutgoingHttpHeaders).filter(([name]) => !CONNECTION_HEADERS.has(name.toLowerCase())));
  }
  return argument;
}
