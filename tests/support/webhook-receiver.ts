// A tiny local webhook endpoint (node:http on port 0) that records each delivery's raw body and headers.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedWebhook = { rawBody: string; headers: IncomingHttpHeaders; status: number; json: { id: string; event: string } & Record<string, unknown> };

export type WebhookReceiver = {
  url: string;
  received: ReceivedWebhook[];
  /** Status codes for the next deliveries, in order (0: never answer); afterwards every delivery gets 200. */
  answerNext(...statuses: number[]): void;
  /** Resolves once `predicate` holds for the received list (polls every 10 ms), or rejects after `timeoutMs`. */
  waitFor(predicate: (received: ReceivedWebhook[]) => boolean, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  clear(): void;
  close(): Promise<void>;
};

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const planned: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const status = planned.shift() ?? 200;
      let json: ReceivedWebhook["json"];
      try {
        json = JSON.parse(rawBody);
      } catch {
        json = { id: "", event: "" };
      }
      received.push({ rawBody, headers: request.headers, status, json });
      if (status === 0) return; // hang: the sender's timeout must cut it
      response.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "fail");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/cheqpay`,
    received,
    answerNext: (...statuses) => void planned.push(...statuses),
    async waitFor(predicate, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline) {
          throw new Error(`webhooks not received in ${timeoutMs} ms; got ${JSON.stringify(received.map((r) => [r.json.event, r.status]))}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return received;
    },
    clear() {
      received.length = 0;
      planned.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
