// One public URL in front of several app instances, as a load balancer would be: an HTTPS reverse proxy (the
// app's local certificate) that hands each request to the next instance in turn. Bodies are streamed both ways;
// headers pass as they came (Host, Origin, cookies: the instances' APP_URL is this proxy's URL), plus
// X-Forwarded-For. It counts the requests each instance got, so a test can show the traffic was spread.
import { Agent, createServer, request as httpsRequest } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { ensureLocalCertificate } from "../../scripts/lib/tls-certificate";

export type RoundRobinProxy = {
  /** https://localhost:<port> */
  url: string;
  port: number;
  /** Requests handed to each upstream (same order as given); those no upstream answered (502: what went wrong);
   *  those the caller gave up on before the answer (its timeout), not counted as failed. */
  counts(): { perUpstream: number[]; failed: number; failures: string[]; abandoned: number };
  resetCounts(): void;
  close(): Promise<void>;
};

/** `upstreams`: the instances' origins, e.g. https://localhost:41234. */
export async function startRoundRobinProxy(upstreams: readonly string[], port = 0): Promise<RoundRobinProxy> {
  if (upstreams.length === 0) throw new Error("the proxy needs at least one upstream");
  const { key, cert } = await ensureLocalCertificate();
  // The instances serve the same local certificate: trusted explicitly, not by turning verification off.
  // Idle connections to an instance are dropped after 30 s, well before the instance's own 65 s keep-alive ends
  // them (a request sent on a connection the server is closing would fail), as a load balancer is set up.
  const agent = new Agent({ keepAlive: true, maxSockets: 256, ca: cert, timeout: 30_000 });
  const targets = upstreams.map((origin) => new URL(origin));
  let perUpstream = targets.map(() => 0);
  let failures: string[] = [];
  let abandoned = 0;
  let next = 0;

  const forward = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const index = next;
    next = (next + 1) % targets.length;
    perUpstream[index]!++;
    const target = targets[index]!;
    const client = incoming.socket.remoteAddress ?? "unknown";
    const prior = incoming.headers["x-forwarded-for"];
    const headers = { ...incoming.headers, "x-forwarded-for": prior ? `${String(prior)}, ${client}` : client };
    const upstream = httpsRequest(
      { agent, hostname: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers, servername: target.hostname },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(outgoing);
      },
    );
    let callerGone = false;
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      if (callerGone) return;
      failures.push(`${incoming.method} ${incoming.url} → upstream ${index}: ${error.code ?? error.message}`);
      if (!outgoing.headersSent) outgoing.writeHead(502, { "content-type": "text/plain" }).end("bad gateway");
      else outgoing.destroy();
    });
    // The caller gave up: so does the upstream request.
    outgoing.on("close", () => {
      if (outgoing.writableFinished) return;
      callerGone = true;
      abandoned++;
      upstream.destroy();
    });
    incoming.pipe(upstream);
  };

  const server = createServer({ key, cert }, forward);
  // Clients may keep their connections idle for a while (as the instances allow, 65 s) and reuse them.
  server.keepAliveTimeout = 65_000;
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, "localhost", resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `https://localhost:${bound}`,
    port: bound,
    counts: () => ({ perUpstream: [...perUpstream], failed: failures.length, failures: [...failures], abandoned }),
    resetCounts() {
      perUpstream = targets.map(() => 0);
      failures = [];
      abandoned = 0;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await closed;
    },
  };
}
