// `npm test`: every suite, against a fresh database (on DATABASE_URL's server, or an embedded one), real
// sandbox processes and a real browser. Ends with one line `N passed, N failed`.
//   npm test                     unit, integration and end-to-end
//   npm test -- unit integration only those suites
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { run } from "./lib/child-process";
import { findBrowser } from "./lib/find-browser";
import { findFreePort } from "./lib/free-port";
import { localCertificateFile } from "./lib/tls-certificate";
import { createFreshDatabase } from "./lib/test-database";
import { runMigrations } from "../lib/db/migrate";

type Counts = { passed: number; failed: number };
const SUITES = ["unit", "integration", "e2e"] as const;
type Suite = (typeof SUITES)[number];

const requested = process.argv.slice(2).filter((arg) => (SUITES as readonly string[]).includes(arg)) as Suite[];
const suites: Suite[] = requested.length > 0 ? requested : [...SUITES];
const reportDir = path.join(".data", "test-reports");

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
        add(totals, await runPlaywright(browser, { ...env, TEST_DATABASE_URL: e2eDatabase.url, DATABASE_URL: e2eDatabase.url }));
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
  const args = ["node_modules/vitest/vitest.mjs", "run", ...projects.flatMap((p) => ["--project", p])];
  args.push("--reporter=default", "--reporter=json", `--outputFile.json=${report}`);
  const exitedCleanly = await run(process.execPath, args, { env }).then(() => true, () => false);
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
  const ports = { app: await findFreePort(), sandbox: await findFreePort() };
  // The app serves HTTPS with the local self-signed certificate; tests that call it from Node trust it.
  const certificateFile = await localCertificateFile();
  const exitedCleanly = await run(process.execPath, ["node_modules/@playwright/test/cli.js", "test"], {
    env: {
      ...env,
      PLAYWRIGHT_CHROMIUM_PATH: browser ?? "",
      E2E_APP_PORT: String(ports.app),
      E2E_SANDBOX_PORT: String(ports.sandbox),
      E2E_JSON_REPORT: report,
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
