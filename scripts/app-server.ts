// The production server `npm start` runs: Next.js's request handler behind Node's HTTPS server (`next start`
// has no TLS). It also tells the app the connection's address, overwriting any such header a client sent.
// With HTTP_REDIRECT_PORT set, a plain HTTP server there answers every request with a redirect to APP_URL.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import next from "next";
import { getConfig } from "../lib/config";
import { REMOTE_ADDRESS_HEADER } from "../lib/http/client-address";
import { HTTPS_REDIRECT_STATUS, httpsLocation } from "../lib/http/https-redirect";
import { ensureLocalCertificate } from "./lib/tls-certificate";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "localhost";
const useTls = process.env.APP_TLS !== "off";

async function main(): Promise<void> {
  const app = next({ dev: false, dir: process.cwd(), hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    req.headers[REMOTE_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
    // A Server Action's answer is a few hundred bytes: gzip's set-up costs more CPU than it would save.
    if (req.headers["next-action"] !== undefined) delete req.headers["accept-encoding"];
    void handle(req, res);
  };
  const server = useTls ? createHttpsServer(await ensureLocalCertificate(), listener) : createHttpServer(listener);
  server.keepAliveTimeout = 65_000;
  const redirector = await startHttpRedirect();
  server.listen(port, hostname, () => {
    console.log(`✓ Ready on ${useTls ? "https" : "http"}://${hostname}:${port}`);
  });
  const stop = () => {
    redirector?.close();
    redirector?.closeIdleConnections();
    server.close(() => process.exit(0));
    server.closeIdleConnections();
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
