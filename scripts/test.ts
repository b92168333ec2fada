// `npm test`: every suite, against a fresh database (on DATABASE_URL's server, or an embedded one), real
// sandbox processes and a real browser. Ends with one line `N passed, N failed`.
//   npm test                     unit, integration and end-to-end
//   npm test -- unit integration only those suites
//   npm test -- tests/e2e/home.spec.ts tests/integration/cart/cart.test.ts   only those files (and their suites)
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { run } from "./lib/child-process";
import { findBrowser } from "./lib/find-browser";
import { findFreePort } from "./lib/free-port";
import { createScanner, formatFindings, scanBuild, scanTestRun, secretsFromEnvironments, sequenceSpan } from "./lib/secrets-scan";
import { localCertificateFile } from "./lib/tls-certificate";
import { createFreshDatabase } from "./lib/test-database";
import { SANDBOX_DEFAULTS } from "../lib/config";
import { runMigrations } from "../lib/db/migrate";
import playwrightConfig from "../playwright.config";
import { TEST_CARDS } from "../sandbox/src/cards";
import { RELEASE_B } from "../tests/support/second-release";

type Counts = { passed: number; failed: number };
const SUITES = ["unit", "integration", "e2e"] as const;
type Suite = (typeof SUITES)[number];

const args = process.argv.slice(2);
const requested = args.filter((arg) => (SUITES as readonly string[]).includes(arg)) as Suite[];
/** Files named on the command line: `.spec.ts` for Playwright, `.test.ts` for Vitest. */
const e2eFiles = args.filter((arg) => arg.endsWith(".spec.ts"));
const vitestFiles = args.filter((arg) => arg.endsWith(".test.ts"));
const filteredSuites: Suite[] = [
  ...(vitestFiles.some((file) => file.includes("tests/unit/")) ? (["unit"] as const) : []),
  ...(vitestFiles.some((file) => !file.includes("tests/unit/")) ? (["integration"] as const) : []),
  ...(e2eFiles.length > 0 ? (["e2e"] as const) : []),
];
const suites: Suite[] = requested.length > 0 ? requested : filteredSuites.length > 0 ? filteredSuites : [...SUITES];
const reportDir = path.join(".data", "test-reports");
/** The app's JSON log lines during the end-to-end run (LOG_FILE), scanned for card data and secrets after it. */
const appLogFile = path.join(process.cwd(), reportDir, "app.log");

async function main(): Promise<number> {
  rmSync(reportDir, { recursive: true, force: true });
  mkdirSync(reportDir, { recursive: true });
  const browser = suites.includes("e2e") ? findBrowser() : null;
  const database = await createFreshDatabase(process.env.DATABASE_URL);
  console.log(`Test database: ${database.name}`);
  const totals: Counts = { passed: 0, failed: 0 };
  try {
    await runMigrations(database.url);
    const env = { ...process.env, TEST_DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1" };
    const vitestProjects = suites.filter((suite) => suite !== "e2e");
    if (vitestProjects.length > 0) add(totals, await runVitest(vitestProjects, env));
    if (suites.includes("e2e")) {
      // A database of its own: the app's every-minute reconciliation would otherwise work through what the
      // integration tests left behind (unsent emails, stuck attempts) and delay the e2e tests' own jobs.
      const e2eDatabase = vitestProjects.length > 0 ? await createFreshDatabase(process.env.DATABASE_URL) : database;
      try {
        await runMigrations(e2eDatabase.url);
        const e2eEnv = { ...env, TEST_DATABASE_URL: e2eDatabase.url, DATABASE_URL: e2eDatabase.url };
        add(totals, await runPlaywright(browser, e2eEnv));
        // While the e2e database still exists: what the run left behind must hold no card data or secret.
        add(totals, await runSecretsScan(e2eDatabase.url, e2eEnv));
      } finally {
        if (e2eDatabase !== database) await e2eDatabase.drop();
      }
    }
  } finally {
    await database.drop();
  }
  console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
  return totals.failed > 0 ? 1 : 0;
}

async function runVitest(projects: Suite[], env: NodeJS.ProcessEnv): Promise<Counts> {
  const report = path.join(reportDir, "vitest.json");
  const vitestArgs = ["node_modules/vitest/vitest.mjs", "run", ...projects.flatMap((p) => ["--project", p])];
  vitestArgs.push(...vitestFiles, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`);
  const exitedCleanly = await run(process.execPath, vitestArgs, { env }).then(() => true, () => false);
  if (!existsSync(report)) return { passed: 0, failed: 1 };
  const json = JSON.parse(readFileSync(report, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    testResults: { status: string; assertionResults: unknown[] }[];
  };
  // A file that failed to load has no tests in it: count it as a failure rather than nothing.
  const brokenFiles = json.testResults.filter((r) => r.status === "failed" && r.assertionResults.length === 0).length;
  const failed = json.numFailedTests + brokenFiles;
  // A run that failed outside any test (a config error, an unhandled error) still counts as a failure.
  return { passed: json.numPassedTests, failed: failed === 0 && !exitedCleanly ? 1 : failed };
}

async function runPlaywright(browser: string | null, env: NodeJS.ProcessEnv): Promise<Counts> {
  const report = path.join(process.cwd(), reportDir, "playwright.json");
  const ports = { app: await findFreePort(), sandbox: await findFreePort(), httpRedirect: await findFreePort() };
  // The app serves HTTPS with the local self-signed certificate; tests that call it from Node trust it.
  const certificateFile = await localCertificateFile();
  const exitedCleanly = await run(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...e2eFiles], {
    env: {
      ...env,
      PLAYWRIGHT_CHROMIUM_PATH: browser ?? "",
      E2E_APP_PORT: String(ports.app),
      E2E_SANDBOX_PORT: String(ports.sandbox),
      E2E_HTTP_REDIRECT_PORT: String(ports.httpRedirect),
      E2E_JSON_REPORT: report,
      E2E_LOG_FILE: appLogFile,
      NODE_EXTRA_CA_CERTS: certificateFile,
    },
  }).then(() => true, () => false);
  if (!existsSync(report)) return { passed: 0, failed: 1 };
  const json = JSON.parse(readFileSync(report, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number };
    errors?: unknown[];
  };
  const globalErrors = json.errors?.length ?? 0;
  const failed = json.stats.unexpected + globalErrors;
  return { passed: json.stats.expected + json.stats.flaky, failed: failed === 0 && !exitedCleanly ? 1 : failed };
}

/**
 * One test: no test card number, CVC or key/token of this run in the app's log, in any row of the e2e database
 * (schemas public and pgboss) or in the builds (.next/ and a deploy test's .next-release-b/, without their cache).
 * Findings are printed masked.
 */
async function runSecretsScan(databaseUrl: string, env: NodeJS.ProcessEnv): Promise<Counts> {
  const webServers = [playwrightConfig.webServer ?? []].flat();
  const secrets = secretsFromEnvironments(
    [
      { name: "the sandbox API key (CHEQPAY_API_KEY default)", value: SANDBOX_DEFAULTS.apiKey },
      { name: "the sandbox webhook secret (CHEQPAY_WEBHOOK_SECRET default)", value: SANDBOX_DEFAULTS.webhookSecret },
      { name: "the development AUTH_SECRET", value: SANDBOX_DEFAULTS.authSecret },
      { name: "release B's NEXT_SERVER_ACTIONS_ENCRYPTION_KEY (tests/support/second-release.ts)", value: RELEASE_B.encryptionKey },
    ],
    [env, ...webServers.map((server) => server.env)],
  );
  // Next writes the Server Actions key of a build into that build's server reference manifest (its runtime
  // reads it there when the variable is unset): there, and only there, it is expected.
  const actionKeys = secrets.filter((secret) => secret.value === RELEASE_B.encryptionKey || secret.name === "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY");
  const scanner = createScanner({
    cardNumbers: TEST_CARDS.map((card) => card.number),
    secrets,
    // By design, lib/config.ts holds the sandbox's well-known development values as its defaults (production
    // refuses them): the server build has them there, declared together. Anywhere else, and in the client's
    // bundle (.next/static) at all, they are findings.
    allowed: [
      {
        where: /^\.next(-release-b)?\/server\//,
        span: sequenceSpan([SANDBOX_DEFAULTS.authSecret, SANDBOX_DEFAULTS.apiKey, SANDBOX_DEFAULTS.webhookSecret]),
      },
      ...actionKeys.map((key) => ({
        where: /^\.next(-release-b)?\/server\/server-reference-manifest\.js(on)?$/,
        span: sequenceSpan([key.value]),
      })),
    ],
  });
  const run = await scanTestRun(scanner, { logFiles: [appLogFile], databaseUrl, buildDir: ".next" });
  const { findings, problems } = run;
  let { scanned } = run;
  // The second release a deploy test built (tests/support/second-release.ts), when there is one.
  if (existsSync(path.join(RELEASE_B.distDir, "BUILD_ID"))) {
    const releaseB = scanBuild(scanner, path.join(process.cwd(), RELEASE_B.distDir));
    findings.push(...releaseB.findings);
    problems.push(...releaseB.problems);
    scanned += `; ${releaseB.scanned}`;
  }
  if (findings.length === 0 && problems.length === 0) {
    console.log(`\nSecrets scan: passed, no test card number, CVC or key in ${scanned}.`);
    return { passed: 1, failed: 0 };
  }
  console.log(`\nSecrets scan: FAILED, ${findings.length} found (scanned ${scanned}).`);
  for (const problem of problems) console.log(`  ${problem}`);
  for (const line of formatFindings(findings)) console.log(line);
  return { passed: 0, failed: 1 };
}

function add(totals: Counts, counts: Counts): void {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log("\n0 passed, 1 failed");
    process.exit(1);
  },
);
