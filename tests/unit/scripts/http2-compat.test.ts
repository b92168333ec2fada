import type { AddressInfo } from "node:net";
import { connect, createServer, type Http2ServerRequest, type Http2ServerResponse, type IncomingHttpHeaders } from "node:http2";
import { afterEach, describe, expect, it } from "vitest";
import { adaptHttp2Request, adaptHttp2Response } from "../../../scripts/lib/http2-compat";

let close: (() => void) | undefined;
afterEach(() => close?.());

/** A cleartext HTTP/2 server (the compatibility objects are the same as over TLS) and one request to it. */
async function exchange(handler: (req: Http2ServerRequest, res: Http2ServerResponse) => void, path = "/checkout?x=1") {
  const server = createServer((req, res) => {
    adaptHttp2Request(req);
    adaptHttp2Response(res);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const session = connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  close = () => {
    session.close();
    server.close();
  };
  return new Promise<{ headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const stream = session.request({ ":method": "POST", ":path": path, "x-test": "1" });
    let headers: IncomingHttpHeaders = {};
    let body = "";
    stream.on("response", (received) => (headers = received));
    stream.on("data", (chunk: Buffer) => (body += chunk.toString()));
    stream.on("end", () => resolve({ headers, body }));
    stream.on("error", reject);
    stream.end("payload");
  });
}

describe("HTTP/2 compatibility objects adapted for Next.js", () => {
  it("gives the request plain headers with host and no pseudo-headers, keeping url, method and body", async () => {
    let seen: Record<string, unknown> = {};
    const answer = await exchange((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        seen = {
          url: req.url,
          method: req.method,
          host: req.headers.host,
          pseudo: Object.keys(req.headers).filter((name) => name.startsWith(":")),
          hasOwn: req.headers.hasOwnProperty("x-test"),
          fetchHeaders: new Headers(req.headers as Record<string, string>).get("x-test"),
          body,
        };
        req.url = "/rewritten";
        seen.rewritten = req.url;
        res.end("ok");
      });
    });
    expect(answer.body).toBe("ok");
    expect(seen).toEqual({
      url: "/checkout?x=1",
      method: "POST",
      host: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      pseudo: [],
      hasOwn: true,
      fetchHeaders: "1",
      body: "payload",
      rewritten: "/rewritten",
    });
  });

  it("drops connection-specific headers, set before or given to writeHead, instead of failing the response", async () => {
    const answer = await exchange((_req, res) => {
      res.setHeader("connection", "keep-alive");
      res.setHeader("transfer-encoding", "chunked");
      (res as unknown as { statusMessage: string }).statusMessage = "OK";
      res.writeHead(201, "Created", { "keep-alive": "timeout=5", "x-kept": "yes" });
      res.end("made");
    });
    expect(answer.headers[":status"]).toBe(201);
    expect(answer.headers["x-kept"]).toBe("yes");
    expect(answer.headers.connection).toBeUndefined();
    expect(answer.body).toBe("made");
  });

  it("supports HTTP/1.1's _implicitHeader, which Next's compression calls before writing", async () => {
    const answer = await exchange((_req, res) => {
      res.statusCode = 404;
      (res as unknown as { _implicitHeader(): void })._implicitHeader();
      res.end("none");
    });
    expect(answer.headers[":status"]).toBe(404);
    expect(answer.body).toBe("none");
  });
});
