// The transport's HTTP exchange against a real local server: what it sends, what it reads, and each way an
// exchange can fail (refused, dropped mid-answer, timed out), as the transport's error mapping expects them.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendHttp } from "@/lib/cheqpay/http-send";

type Seen = { method: string; url: string; headers: IncomingMessage["headers"]; body: string; remotePort: number };
const seen: Seen[] = [];
let server: Server;
let base = "";

function route(req: IncomingMessage, res: ServerResponse, body: string): void {
  seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body, remotePort: req.socket.remotePort ?? 0 });
  if (req.url === "/echo") {
    res.writeHead(201, { "content-type": "application/json", "retry-after": "7" });
    res.end(JSON.stringify({ got: body ? JSON.parse(body) : null, método: "sí" }));
  } else if (req.url === "/teapot") {
    res.writeHead(418, { "content-type": "application/json" });
    res.end('{"error":{"code":"TEAPOT"}}');
  } else if (req.url === "/cut") {
    // Promises more than it sends, then drops the connection: an answer lost half-way.
    res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
    res.write('{"partial":');
    setTimeout(() => res.socket?.destroy(), 20);
  } else if (req.url === "/slow") {
    setTimeout(() => res.end("late"), 2_000);
  } else if (req.url === "/stalls") {
    // Starts its answer, then stalls: the client's timeout falls while the body is coming.
    res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
    res.write('{"partial":');
    setTimeout(() => res.end(), 2_000);
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => route(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("sendHttp", () => {
  it("sends the method, headers and JSON body, and reads status, headers and the UTF-8 answer", async () => {
    const answer = await sendHttp(`${base}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "req_1" },
      body: JSON.stringify({ amount: 24900, name: "López" }),
    });
    expect(answer.status).toBe(201);
    expect(answer.ok).toBe(true);
    expect(answer.headers.get("Retry-After")).toBe("7");
    expect(answer.headers.get("x-missing")).toBeNull();
    expect(JSON.parse(await answer.text())).toEqual({ got: { amount: 24900, name: "López" }, método: "sí" });
    const request = seen.at(-1)!;
    expect(request.method).toBe("POST");
    expect(request.headers["x-request-id"]).toBe("req_1");
    expect(Number(request.headers["content-length"])).toBe(Buffer.byteLength(JSON.stringify({ amount: 24900, name: "López" })));
  });

  it("answers an error status as an answer, not a rejection", async () => {
    const answer = await sendHttp(`${base}/teapot`, { method: "GET", headers: {} });
    expect(answer.status).toBe(418);
    expect(answer.ok).toBe(false);
    expect(await answer.text()).toContain("TEAPOT");
  });

  it("reuses one connection for consecutive requests", async () => {
    await sendHttp(`${base}/echo`, { method: "GET", headers: {} });
    await sendHttp(`${base}/echo`, { method: "GET", headers: {} });
    const [first, second] = seen.slice(-2);
    expect(second!.remotePort).toBe(first!.remotePort);
  });

  it("rejects an answer cut off before its end with ECONNRESET", async () => {
    await expect(sendHttp(`${base}/cut`, { method: "GET", headers: {} })).rejects.toMatchObject({ code: "ECONNRESET" });
  });

  it("rejects with an AbortError when the signal times out", async () => {
    const started = Date.now();
    await expect(sendHttp(`${base}/slow`, { method: "GET", headers: {}, signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("rejects with an AbortError when the signal times out half-way through the answer", async () => {
    const started = Date.now();
    await expect(sendHttp(`${base}/stalls`, { method: "GET", headers: {}, signal: AbortSignal.timeout(150) })).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("rejects with ECONNREFUSED when nothing listens", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(sendHttp(`http://127.0.0.1:${port}/`, { method: "GET", headers: {} })).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });
});
