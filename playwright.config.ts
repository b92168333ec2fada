import { defineConfig, devices } from "@playwright/test";
import { E2E_ADMIN_API_TOKEN, E2E_METRICS_TOKEN } from "./tests/e2e/support/admin-api";
import { E2E_AUTH_SECRET, E2E_CHEQPAY_API_KEY, E2E_WEBHOOK_SECRET } from "./tests/e2e/support/build-secrets";

// scripts/test.ts finds the browser and the ports and passes them in; see README "Tests".
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH || undefined;
const appPort = Number(process.env.E2E_APP_PORT ?? 3100);
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
/** Plain HTTP that only redirects to the app (scripts/app-server.ts); tests/e2e/support/transport.ts agrees. */
const httpRedirectPort = Number(process.env.E2E_HTTP_REDIRECT_PORT ?? appPort + 1);

/**
 * System specs: each starts its own app instance(s), sandbox and database (or PostgreSQL server) and never
 * touches the shared web server's app, sandbox or database.
 */
const SYSTEM_SPECS = [
  "config-refusal.spec.ts",
  "deploy-while-paying.spec.ts",
  "hostile-input-fuzz.spec.ts",
  "system-crash-mid-payment.spec.ts",
  "system-database-restart.spec.ts",
  "system-job-worker.spec.ts",
  "two-instances.spec.ts",
];
/**
 * Specs on the shared app that may run beside the serial suite: every test finds its own rows and requests by
 * its own shopper, email or marker, as the suite's tests all do, and none changes what another test reads (no
 * faults, no webhook settings). Their few payments take SANDBOX_CREATES_LOCK (tests/e2e/support/sandbox.ts).
 */
const BESIDE_SPECS = [
  "accounts-sign-in.spec.ts",
  "admin-dashboard.spec.ts",
  "admin-refunds-api.spec.ts",
  "checkout-validation.spec.ts",
  "dev-mailbox.spec.ts",
  "home.spec.ts",
  "security-transport.spec.ts",
  "store-policies.spec.ts",
  "storefront.spec.ts",
];

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  // Two lanes on a 2-core CI machine: the serial suite in one; the system specs, then the specs that may run
  // beside it, in the other. Each project runs one file at a time (the first project's files come first).
  workers: 2,
  projects: [
    { name: "serial", testIgnore: [...SYSTEM_SPECS, ...BESIDE_SPECS], workers: 1 },
    { name: "system", testMatch: SYSTEM_SPECS, workers: 1 },
    { name: "beside", testMatch: BESIDE_SPECS, workers: 1 },
  ],
  retries: 0,
  timeout: 30_000,
  reporter: process.env.E2E_JSON_REPORT
    ? [["list"], ["json", { outputFile: process.env.E2E_JSON_REPORT }]]
    : [["list"]],
  use: {
    baseURL: `https://localhost:${appPort}`,
    // `npm start` serves HTTPS with a self-signed certificate.
    ignoreHTTPSErrors: true,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath,
      args: executablePath
        ? [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ]
        : [],
    },
  },
  webServer: {
    // The app started exactly as the README starts it.
    command: "node --import tsx scripts/start.ts",
    url: `https://localhost:${appPort}/api/health`,
    ignoreHTTPSErrors: true,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      PORT: String(appPort),
      CHEQPAY_SANDBOX_PORT: String(sandboxPort),
      NEXT_TELEMETRY_DISABLED: "1",
      ADMIN_EMAILS: "staff@example.com",
      // The merchant's own systems in tests/e2e/admin-refunds-api.spec.ts (a test value, never a real token).
      ADMIN_API_TOKEN: E2E_ADMIN_API_TOKEN,
      METRICS_TOKEN: E2E_METRICS_TOKEN,
      // Every test pays and signs in from 127.0.0.1, staff with one email: limits per IP and per email no run
      // reaches. Per order stays at its default (5): tests/e2e/checkout-card-testing.spec.ts reaches it, no
      // other test makes more than 2 attempts on one order.
      PAYMENT_LIMIT_ATTEMPTS_PER_IP: "1000",
      PAYMENT_LIMIT_DECLINES_PER_IP: "1000",
      PAYMENT_LIMIT_ATTEMPTS_PER_EMAIL: "1000",
      SIGNIN_LIMIT_LINKS_PER_EMAIL: "1000",
      SIGNIN_LIMIT_LINKS_PER_IP: "1000",
      // Set when the app is built too: the secrets scan proves none of them reaches the client's bundle.
      // BUILD_FOR_SECRETS_SCAN: a build made with other secrets (say, by `npm start`) is built again with these.
      BUILD_FOR_SECRETS_SCAN: "1",
      CHEQPAY_API_KEY: E2E_CHEQPAY_API_KEY,
      CHEQPAY_WEBHOOK_SECRET: E2E_WEBHOOK_SECRET,
      AUTH_SECRET: E2E_AUTH_SECRET,
      HTTP_REDIRECT_PORT: String(httpRedirectPort),
      // scripts/test.ts scans the app's JSON log lines for card data and secrets after the run.
      ...(process.env.E2E_LOG_FILE ? { LOG_FILE: process.env.E2E_LOG_FILE } : {}),
    },
  },
});
