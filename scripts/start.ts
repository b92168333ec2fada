// `npm start`: the whole shop on embedded defaults with nothing but Node. Starts PostgreSQL (embedded unless
// DATABASE_URL is set), the Cheqpay sandbox (unless CHEQPAY_BASE_URL is set), builds the app when the build is
// missing or stale, and serves it over HTTPS with a self-signed certificate made on first run. The app
// applies migrations and seeds the catalogue as it starts. Ctrl-C stops everything.
import { existsSync } from "node:fs";
import type { ChildProcess } from "node:child_process";
import { isBuildCurrent, recordBuild } from "./lib/build-fingerprint";
import { run, spawnAndWaitFor, stopChild } from "./lib/child-process";
import { ensureDatabase, startEmbeddedPostgres } from "./lib/embedded-postgres";
import { isPortOpen } from "./lib/free-port";
import { startSandboxChild } from "./lib/sandbox-child";
import { localCertificateFile } from "./lib/tls-certificate";

if (existsSync(".env")) process.loadEnvFile(".env");

const env = process.env;
const port = Number(env.PORT ?? 3000);
const host = env.HOST ?? "localhost";
const useTls = env.APP_TLS !== "off";
const appUrl = env.APP_URL ?? `${useTls ? "https" : "http"}://localhost:${port}`;
const stops: (() => Promise<void>)[] = [];
let stopping = false;

async function stopAll(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const stop of stops.reverse()) await stop().catch(() => {});
  }
  process.exit(exitCode);
}
process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));

function watch(child: ChildProcess, name: string): void {
  child.once("exit", (code, signal) => {
    if (stopping) return;
    console.error(`${name} stopped unexpectedly (${code ?? signal}); stopping everything.`);
    void stopAll(1);
  });
}

async function main(): Promise<void> {
  if (await isPortOpen(port)) throw new Error(`Port ${port} is already in use. Stop what uses it or set PORT.`);

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    console.log("Starting the embedded PostgreSQL server (.data/postgres-app)...");
    const server = await startEmbeddedPostgres({ name: "app" });
    stops.push(() => server.stop());
    databaseUrl = await ensureDatabase(server.serverUrl, "cheqpay");
  }

  // Made before the sandbox starts: it must trust this certificate to deliver webhooks to the app.
  const certificateFile = useTls ? await localCertificateFile() : undefined;
  let cheqpayBaseUrl = env.CHEQPAY_BASE_URL;
  if (!cheqpayBaseUrl) {
    const sandboxPort = Number(env.CHEQPAY_SANDBOX_PORT ?? 4010);
    if (await isPortOpen(sandboxPort)) {
      throw new Error(`Port ${sandboxPort} (the Cheqpay sandbox) is in use. Stop it or set CHEQPAY_SANDBOX_PORT.`);
    }
    const sandbox = await startSandboxChild({
      CHEQPAY_SANDBOX_PORT: String(sandboxPort),
      CHEQPAY_SANDBOX_WEBHOOK_URL: env.CHEQPAY_SANDBOX_WEBHOOK_URL ?? `${appUrl}/api/webhooks/cheqpay`,
      NODE_EXTRA_CA_CERTS: certificateFile,
    });
    stops.push(() => sandbox.stop());
    watch(sandbox.child, "The Cheqpay sandbox");
    cheqpayBaseUrl = sandbox.baseUrl;
  }

  // npm test's end-to-end run scans the build for the secrets it was made with: it needs a build made with them.
  if (!isBuildCurrent(process.cwd(), process.env, { sameSecrets: process.env.BUILD_FOR_SECRETS_SCAN === "1" })) {
    console.log("Building the app (production build; only when the sources changed)...");
    await run(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
      env: { ...env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    });
    recordBuild();
  }

  const { child: app } = await spawnAndWaitFor(
    process.execPath,
    ["--import", "tsx", "scripts/app-server.ts"],
    /✓ Ready on/,
    {
      env: {
        ...env,
        PORT: String(port),
        HOST: host,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
        CHEQPAY_BASE_URL: cheqpayBaseUrl,
        APP_URL: appUrl,
        // Next renders a Server Action's redirect target by fetching it from itself: trust our own certificate.
        ...(certificateFile && !env.NODE_EXTRA_CA_CERTS ? { NODE_EXTRA_CA_CERTS: certificateFile } : {}),
      },
      echo: true,
      timeoutMs: 120_000,
    },
  );
  stops.push(() => stopChild(app, 10_000));
  watch(app, "The app");
  printBanner(cheqpayBaseUrl);
}

function printBanner(cheqpayBaseUrl: string): void {
  const tlsNote = useTls ? "\n  (A self-signed certificate made for this machine: your browser asks you to accept it once.)" : "";
  console.log(`
  Cheqpay Checkout is running: ${appUrl}${tlsNote}
  Cheqpay API: ${cheqpayBaseUrl}${env.CHEQPAY_BASE_URL ? "" : " (local sandbox)"}

  Test cards (any future expiry date, any CVC; 4 digits for American Express):
    4111 1111 1111 1111   approved
    3782 822463 10005     approved (American Express)
    4000 0000 0000 2503   3-D Secure challenge: the code is 1234
    4000 0000 0000 2701   3-D Secure, approved without a challenge
    4000 0000 0000 0002   declined
    4000 0000 0000 9995   insufficient funds
    4000 0000 0000 0069   expired card
  More in sandbox/README.md. Press Ctrl-C to stop.
`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  void stopAll(1);
});
