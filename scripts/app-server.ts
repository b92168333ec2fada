// The production server `npm start` runs: Next.js's request handler behind Node's HTTP/2 server with TLS
// (`next start` has neither), which also answers HTTP/1.1 clients on the same port. HTTP/2 sends a page's many
// script chunks over one connection instead of up to six, each with its own TCP and TLS set-up. It also tells the
// app the connection's address, overwriting any such header a client sent.
// With HTTP_REDIRECT_PORT set, a plain HTTP server there answers every request with a redirect to APP_URL.
import { createServer as createHttpServer, type IncomingMessage, Server, type ServerResponse } from "node:http";
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse, type Http2Session } from "node:http2";
import type { Socket } from "node:net";
import next from "next";
import { getConfig } from "../lib/config";
import { REMOTE_ADDRESS_HEADER } from "../lib/http/client-address";
import { HTTPS_REDIRECT_STATUS, httpsLocation } from "../lib/http/https-redirect";
import { adaptHttp2Request, adaptHttp2Response } from "./lib/http2-compat";
import { ensureLocalCertificate } from "./lib/tls-certificate";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "localhost";
const useTls = process.env.APP_TLS !== "off";
// Longer than a load balancer's usual 60 s idle timeout, so the balancer, not us, closes an idle connection.
const KEEP_ALIVE_MS = 65_000;

async function main(): Promise<void> {
  const app = next({ dev: false, dir: process.cwd(), hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const listener = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => {
    if (req.httpVersionMajor === 2) {
      adaptHttp2Request(req as Http2ServerRequest);
      adaptHttp2Response(res as Http2ServerResponse);
    }
    req.headers[REMOTE_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
    // A Server Action's answer is a few hundred bytes: gzip's set-up costs more CPU than it would save.
    if (req.headers["next-action"] !== undefined) delete req.headers["accept-encoding"];
    // The compatibility objects behave as HTTP/1.1's wherever Next uses them (adapted above).
    void handle(req as IncomingMessage, res as ServerResponse);
  };
  const server = useTls ? createSecureServer({ ...(await ensureLocalCertificate()), allowHTTP1: true }, listener) : createHttpServer(listener);
  // HTTP/1.1 connections (also those the HTTP/2 server answers): keep-alive, closed when idle on stop.
  Object.assign(server, { keepAliveTimeout: KEEP_ALIVE_MS });
  // Node's HTTP/1.1 server turns Nagle's algorithm off on each connection; its HTTP/2 server (for the HTTP/1.1
  // clients it also answers) does not, and a response written in two parts then waits ~40 ms for the client's
  // delayed ACK of the first.
  server.on("connection", (socket: Socket) => socket.setNoDelay(true));
  const sessions = new Set<Http2Session>();
  server.on("session", (session: Http2Session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
    session.setTimeout(KEEP_ALIVE_MS, () => session.close());
  });
  const redirector = await startHttpRedirect();
  server.listen(port, hostname, () => {
    console.log(`✓ Ready on ${useTls ? "https" : "http"}://${hostname}:${port}`);
  });
  const stop = () => {
    redirector?.close();
    redirector?.closeIdleConnections();
    server.close(() => process.exit(0));
    // HTTP/2: a GOAWAY; streams under way finish, then the session closes.
    for (const session of sessions) session.close();
    // Node's HTTP/2 server tracks its HTTP/1.1 connections as the HTTP/1.1 server does, without the method.
    Server.prototype.closeIdleConnections.call(server as Server);
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/** Plain HTTP on HTTP_REDIRECT_PORT: nothing but a 308 to the same path and query on APP_URL. */
async function startHttpRedirect(): Promise<Server | null> {
  const { appUrl, httpRedirectPort } = getConfig();
  if (httpRedirectPort === null) return null;
  if (!appUrl.startsWith("https://")) throw new Error("HTTP_REDIRECT_PORT needs an https:// APP_URL to redirect to.");
  const redirector = createHttpServer((req, res) => {
    res.writeHead(HTTPS_REDIRECT_STATUS, { location: httpsLocation(appUrl, req.url ?? "/"), "content-length": "0", connection: "close" });
    res.end();
  });
  await new Promise<void>((resolve, reject) => {
    redirector.once("error", reject);
    redirector.listen(httpRedirectPort, hostname, () => resolve());
  });
  console.log(`HTTP on http://${hostname}:${httpRedirectPort} redirects to ${appUrl}`);
  return redirector;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
