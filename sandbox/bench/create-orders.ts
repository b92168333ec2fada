// Create-order throughput: `npm run sandbox:bench [-- --duration=5 --concurrency=32 --in-process]`.
// By default the sandbox runs as a child process (it is single-threaded), so the figure is what
// one core of sandbox sustains while this process generates the load on another.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startSandbox } from "../src/server.js";

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, "").split("=");
    return [key ?? "", value ?? "true"] as const;
  }),
);
const durationMs = Number(args.get("duration") ?? 5) * 1000;
const warmupMs = Number(args.get("warmup") ?? 1) * 1000;
const concurrency = Number(args.get("concurrency") ?? 32);
const inProcess = args.get("in-process") === "true";
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

async function startChild(): Promise<{ baseUrl: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", "sandbox/src/main.ts"], {
    cwd: repoRoot,
    env: { ...process.env, CHEQPAY_SANDBOX_PORT: "0", CHEQPAY_SANDBOX_WEBHOOK_URL: "", CHEQPAY_SANDBOX_LOG: "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let buffered = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const line = buffered.split("\n").find((l) => l.startsWith("CHEQPAY_SANDBOX_READY "));
      if (line) resolve({ baseUrl: (JSON.parse(line.slice("CHEQPAY_SANDBOX_READY ".length)) as { baseUrl: string }).baseUrl, child });
    });
    child.once("exit", (code) => reject(new Error(`sandbox exited early (code ${code})`)));
  });
}

function orderBody(externalId: string): string {
  return JSON.stringify({
    externalId,
    amount: 124900,
    currency: "MXN",
    description: "bench",
    customer: { externalId: "bench_customer", firstName: "Ana", lastName: "López", email: "ana@example.com" },
    paymentMethod: { type: "card", cardDetails: { number: "4111111111111111", expiryMonth: "12", expiryYear: "30", cvc: "123" }, persist: false },
    billingAddress: { address: "Av. Reforma 1", city: "CDMX", state: "CDMX", postalCode: "06600", country: "MX" },
    deviceInformation: { ipAddress: "127.0.0.1", userAgent: "bench" },
  });
}

function post(agent: http.Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: "POST",
      agent,
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-api-key": "sk_test_local_sandbox" },
    });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  let child: ChildProcess | undefined;
  let close: () => Promise<void> = async () => {};
  let baseUrl: string;
  if (inProcess) {
    const sandbox = await startSandbox({ port: 0 });
    baseUrl = sandbox.baseUrl;
    close = () => sandbox.close();
  } else {
    ({ baseUrl, child } = await startChild());
  }
  const url = new URL(`${baseUrl}/v2/payment-orders`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let measuring = false;
  let stop = false;
  let created = 0;
  let failed = 0;
  const latencies: number[] = [];
  const worker = async (w: number) => {
    for (let i = 0; !stop; i++) {
      const started = performance.now();
      const status = await post(agent, url, orderBody(`bench_${w}_${i}`)).catch(() => 0);
      if (!measuring) continue;
      if (status === 201) created++;
      else failed++;
      latencies.push(performance.now() - started);
    }
  };
  const workers = Array.from({ length: concurrency }, (_, w) => worker(w));
  await new Promise((r) => setTimeout(r, warmupMs));
  measuring = true;
  const started = performance.now();
  await new Promise((r) => setTimeout(r, durationMs));
  measuring = false;
  const elapsedS = (performance.now() - started) / 1000;
  stop = true;
  await Promise.all(workers);
  agent.destroy();
  if (child) child.kill("SIGTERM");
  await close();

  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0).toFixed(2);
  const perSecond = Math.round(created / elapsedS);
  console.log(`sandbox: ${inProcess ? "in-process" : "child process"}, concurrency ${concurrency}, ${elapsedS.toFixed(1)} s measured`);
  console.log(`created ${created} orders (${failed} non-201), ${perSecond} creates/second, latency p50 ${pct(0.5)} ms p99 ${pct(0.99)} ms`);
  console.log(JSON.stringify({ sandboxCreatesPerSecond: perSecond }));
  if (failed > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
