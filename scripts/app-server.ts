// The production server `npm start` runs: Next.js's request handler behind Node's HTTPS server (`next start`
// has no TLS). It also tells the app the connection's address, overwriting any such header a client sent.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import next from "next";
import { REMOTE_ADDRESS_HEADER } from "../lib/http/client-address";
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
    void handle(req, res);
  };
  const server = useTls ? createHttpsServer(await ensureLocalCertificate(), listener) : createHttpServer(listener);
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => {
    console.log(`✓ Ready on ${useTls ? "https" : "http"}://${hostname}:${port}`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
