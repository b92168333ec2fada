import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, SANDBOX_DEFAULTS } from "@/lib/config";

const production = {
  CHEQPAY_ENV: "production",
  CHEQPAY_BASE_URL: "https://prod.cheqpay.mx/pos",
  CHEQPAY_API_KEY: "sk_live_0123456789",
  CHEQPAY_MERCHANT_ID: "merchant_live_1",
  CHEQPAY_WEBHOOK_SECRET: "whsec_live_1",
  AUTH_SECRET: "a-live-auth-secret-of-at-least-32-characters",
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "q0vO6mnkNW9Gk3DSBbUnHK0P4rbpYOyfPNaTr6mJc6Q=",
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("loadConfig accepted the environment");
}

describe("loadConfig", () => {
  it("falls back to the local sandbox's development values", () => {
    expect(loadConfig({})).toEqual({
      nodeEnv: "development",
      appUrl: "https://localhost:3000",
      databaseUrl: null,
      trustProxy: false,
      httpRedirectPort: null,
      support: { email: "soporte@cheqpay-checkout.test", phone: "+52 55 0000 0000", hours: null },
      mail: { smtpUrl: null, from: "Cheqpay Checkout <no-reply@cheqpay-checkout.test>" },
      cheqpay: {
        env: "sandbox",
        baseUrl: SANDBOX_DEFAULTS.baseUrl,
        frameOrigins: ["http://127.0.0.1:4010"],
        apiKey: "sk_test_local_sandbox",
        merchantId: "merchant_local_sandbox",
        webhookSecrets: ["whsec_local_sandbox"],
        timeoutMs: 15_000,
        amountUnit: "minor",
      },
      auth: { secret: SANDBOX_DEFAULTS.authSecret, signInLinkMaxAgeSeconds: 24 * 3600, google: null, github: null },
      admin: { emails: [], apiToken: null },
      operations: {
        logLevel: "debug",
        logFile: null,
        metricsToken: null,
        alert: { successRate: 0.85, minPayments: 20, webhookUrl: null },
        apiKeyCreatedAt: null,
      },
      limits: {
        payment: { windowMinutes: 10, attemptsPerIp: 10, declinesPerIp: 5, attemptsPerEmail: 10, attemptsPerOrder: 5 },
        signIn: { windowMinutes: 60, linksPerEmail: 5, linksPerIp: 20 },
      },
      jobs: { reconcileStaleAfterSeconds: 120, runJobs: true, recordsRetentionDays: 90 },
    });
  });

  it("adds CHEQPAY_FRAME_ORIGINS to the API's own origin for the 3-D Secure frames", () => {
    const config = loadConfig({ CHEQPAY_BASE_URL: "https://api.cheqpay.dev/pos", CHEQPAY_FRAME_ORIGINS: "https://centinelapi.cardinalcommerce.com/V1, https://api.cheqpay.dev" });
    expect(config.cheqpay.frameOrigins).toEqual(["https://api.cheqpay.dev", "https://centinelapi.cardinalcommerce.com"]);
  });

  it("trusts X-Forwarded-For only when TRUST_PROXY is set", () => {
    expect(loadConfig({ TRUST_PROXY: "true" }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: "0" }).trustProxy).toBe(false);
  });

  it("takes HTTP_REDIRECT_PORT as a port number and refuses anything else", () => {
    expect(loadConfig({ HTTP_REDIRECT_PORT: "8080" }).httpRedirectPort).toBe(8080);
    expect(problemsOf({ HTTP_REDIRECT_PORT: "http" }).join()).toContain("HTTP_REDIRECT_PORT");
    expect(problemsOf({ HTTP_REDIRECT_PORT: "70000" }).join()).toContain("HTTP_REDIRECT_PORT");
  });

  it("treats blank variables as unset", () => {
    const config = loadConfig({ CHEQPAY_API_KEY: "  ", CHEQPAY_TIMEOUT_MS: "", CHEQPAY_BASE_URL: "" });
    expect(config.cheqpay.apiKey).toBe("sk_test_local_sandbox");
    expect(config.cheqpay.timeoutMs).toBe(15_000);
    expect(config.cheqpay.baseUrl).toBe(SANDBOX_DEFAULTS.baseUrl);
  });

  it("reads every variable and trims trailing slashes from URLs", () => {
    const config = loadConfig({
      NODE_ENV: "test",
      APP_URL: "https://shop.example.com/",
      DATABASE_URL: "postgres://u:p@localhost:5432/db",
      CHEQPAY_BASE_URL: "http://127.0.0.1:4010/pos//",
      CHEQPAY_API_KEY: "sk_test_x",
      CHEQPAY_MERCHANT_ID: "m_x",
      CHEQPAY_TIMEOUT_MS: "2500",
      CHEQPAY_AMOUNT_UNIT: "major",
    });
    expect(config).toMatchObject({
      nodeEnv: "test",
      appUrl: "https://shop.example.com",
      databaseUrl: "postgres://u:p@localhost:5432/db",
      cheqpay: { baseUrl: "http://127.0.0.1:4010/pos", apiKey: "sk_test_x", merchantId: "m_x", timeoutMs: 2500, amountUnit: "major" },
    });
  });

  it("reads the support contact; SUPPORT_HOURS is shown as is, and unset or blank leaves the translated default", () => {
    const config = loadConfig({
      SUPPORT_EMAIL: "ayuda@tienda.mx",
      SUPPORT_PHONE: " +52 33 1234 5678 ",
      SUPPORT_HOURS: "  Lunes a sábado, 10:00–19:00  ",
    });
    expect(config.support).toEqual({ email: "ayuda@tienda.mx", phone: "+52 33 1234 5678", hours: "Lunes a sábado, 10:00–19:00" });
    expect(loadConfig({ SUPPORT_HOURS: "   " }).support.hours).toBeNull();
  });

  it("splits comma-separated webhook secrets, current first, dropping blanks", () => {
    expect(loadConfig({ CHEQPAY_WEBHOOK_SECRET: "whsec_new, whsec_old,," }).cheqpay.webhookSecrets).toEqual(["whsec_new", "whsec_old"]);
  });

  it.each([
    ["NODE_ENV", "staging"],
    ["CHEQPAY_ENV", "live"],
    ["CHEQPAY_BASE_URL", "not a url"],
    ["CHEQPAY_BASE_URL", "ftp://api.cheqpay.dev/pos"],
    ["CHEQPAY_TIMEOUT_MS", "fast"],
    ["CHEQPAY_TIMEOUT_MS", "-5"],
    ["CHEQPAY_TIMEOUT_MS", "1.5"],
    ["CHEQPAY_AMOUNT_UNIT", "cents"],
    ["DATABASE_URL", "mysql://localhost/db"],
    ["APP_URL", "localhost:3000"],
  ])("names %s in the error when it is %j", (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: `));
  });

  it("refuses a webhook secret list with no secret in it", () => {
    expect(problemsOf({ CHEQPAY_WEBHOOK_SECRET: " , " })).toEqual(["CHEQPAY_WEBHOOK_SECRET: holds no secret"]);
  });

  it("lists every invalid variable at once", () => {
    const problems = problemsOf({ CHEQPAY_ENV: "live", CHEQPAY_TIMEOUT_MS: "0", CHEQPAY_AMOUNT_UNIT: "cents" });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["CHEQPAY_AMOUNT_UNIT", "CHEQPAY_ENV", "CHEQPAY_TIMEOUT_MS"]);
  });

  it("says which variable is wrong in the error's message", () => {
    expect(() => loadConfig({ CHEQPAY_AMOUNT_UNIT: "cents" })).toThrow(/CHEQPAY_AMOUNT_UNIT/);
  });
});

describe("loadConfig in production", () => {
  it("accepts a complete live configuration with two webhook secrets", () => {
    const config = loadConfig({ ...production, CHEQPAY_WEBHOOK_SECRET: "whsec_live_2,whsec_live_1" });
    expect(config.cheqpay).toMatchObject({ env: "production", apiKey: "sk_live_0123456789", webhookSecrets: ["whsec_live_2", "whsec_live_1"] });
  });

  it("refuses a sandbox key", () => {
    expect(problemsOf({ ...production, CHEQPAY_API_KEY: "sk_test_abc" })).toEqual([
      "CHEQPAY_API_KEY: a sandbox (sk_test_) key cannot be used when CHEQPAY_ENV=production",
    ]);
  });

  it("refuses the local sandbox's development secret, even as a second secret", () => {
    const problems = problemsOf({ ...production, CHEQPAY_WEBHOOK_SECRET: "whsec_live_1, whsec_local_sandbox" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^CHEQPAY_WEBHOOK_SECRET: /);
  });

  it.each(["CHEQPAY_API_KEY", "CHEQPAY_MERCHANT_ID", "CHEQPAY_WEBHOOK_SECRET", "CHEQPAY_BASE_URL", "AUTH_SECRET"])(
    "requires %s",
    (name) => {
      const problems = problemsOf({ ...production, [name]: undefined });
      expect(problems).toEqual([`${name}: required when CHEQPAY_ENV=production`]);
    },
  );

  it("refuses a webhook secret made only of commas", () => {
    const problems = problemsOf({ ...production, CHEQPAY_WEBHOOK_SECRET: " , ," });
    expect(problems[0]).toMatch(/^CHEQPAY_WEBHOOK_SECRET: /);
  });

  it("refuses a base URL that is not HTTPS", () => {
    expect(problemsOf({ ...production, CHEQPAY_BASE_URL: "http://prod.cheqpay.mx/pos" })).toEqual([
      "CHEQPAY_BASE_URL: must be an https:// URL when CHEQPAY_ENV=production",
    ]);
  });

  it("reports all production problems together", () => {
    const problems = problemsOf({ CHEQPAY_ENV: "production" });
    expect(problems.map((p) => p.split(":")[0])).toEqual([
      "CHEQPAY_API_KEY",
      "CHEQPAY_MERCHANT_ID",
      "CHEQPAY_WEBHOOK_SECRET",
      "AUTH_SECRET",
      "CHEQPAY_BASE_URL",
      "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY",
    ]);
  });
});

describe("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY (one per release, shared by its instances)", () => {
  it("accepts the base64 of a 16, 24 or 32-byte key", () => {
    for (const bytes of [16, 24, 32]) {
      const key = Buffer.alloc(bytes, 7).toString("base64");
      expect(() => loadConfig({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key })).not.toThrow();
    }
  });

  it("refuses other sizes and what is not base64, naming the variable and how to make one", () => {
    for (const key of [Buffer.alloc(31, 1).toString("base64"), Buffer.alloc(64, 1).toString("base64"), "not base64!", "abc", "c2VjcmV0"]) {
      const problems = problemsOf({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: must be the base64 of a 16, 24 or 32-byte key/);
      expect(problems[0]).toContain("openssl rand -base64 32");
    }
  });

  it("is optional in the sandbox (one development build) and required in production", () => {
    expect(() => loadConfig({})).not.toThrow();
    expect(() => loadConfig(production)).not.toThrow();
    const problems = problemsOf({ ...production, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: undefined });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: required when CHEQPAY_ENV=production, the same for every instance/);
  });
});

describe("loadConfig's accounts (auth) section", () => {
  it("signs with the development secret and makes sign-in links work for 24 hours by default", () => {
    expect(loadConfig({}).auth).toEqual({
      secret: "development-only-auth-secret-not-for-production-use",
      signInLinkMaxAgeSeconds: 86_400,
      google: null,
      github: null,
    });
  });

  it("reads AUTH_SECRET and SIGNIN_LINK_MAX_AGE_HOURS (in seconds, fractions of an hour allowed)", () => {
    const config = loadConfig({ AUTH_SECRET: "s".repeat(32), SIGNIN_LINK_MAX_AGE_HOURS: "0.5" });
    expect(config.auth).toMatchObject({ secret: "s".repeat(32), signInLinkMaxAgeSeconds: 1800 });
    expect(loadConfig({ SIGNIN_LINK_MAX_AGE_HOURS: "168" }).auth.signInLinkMaxAgeSeconds).toBe(7 * 24 * 3600);
  });

  it.each([
    ["AUTH_SECRET", "too-short-a-secret"],
    ["SIGNIN_LINK_MAX_AGE_HOURS", "0"],
    ["SIGNIN_LINK_MAX_AGE_HOURS", "169"],
    ["SIGNIN_LINK_MAX_AGE_HOURS", "a day"],
  ])("names %s in the error when it is %j", (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: `));
  });

  it("configures Google and GitHub only when both of their variables are set", () => {
    const config = loadConfig({
      AUTH_GOOGLE_ID: "google-id",
      AUTH_GOOGLE_SECRET: "google-secret",
      AUTH_GITHUB_ID: "github-id",
      AUTH_GITHUB_SECRET: "github-secret",
    });
    expect(config.auth.google).toEqual({ clientId: "google-id", clientSecret: "google-secret" });
    expect(config.auth.github).toEqual({ clientId: "github-id", clientSecret: "github-secret" });
    expect(loadConfig({ AUTH_GOOGLE_ID: " ", AUTH_GOOGLE_SECRET: "" }).auth.google).toBeNull();
  });

  it.each([
    [{ AUTH_GOOGLE_ID: "google-id" }, "AUTH_GOOGLE_SECRET: required when AUTH_GOOGLE_ID is set"],
    [{ AUTH_GOOGLE_SECRET: "google-secret" }, "AUTH_GOOGLE_ID: required when AUTH_GOOGLE_SECRET is set"],
    [{ AUTH_GITHUB_ID: "github-id" }, "AUTH_GITHUB_SECRET: required when AUTH_GITHUB_ID is set"],
    [{ AUTH_GITHUB_SECRET: "github-secret" }, "AUTH_GITHUB_ID: required when AUTH_GITHUB_SECRET is set"],
  ])("refuses a half-configured OAuth provider %j", (env, problem) => {
    expect(problemsOf(env)).toEqual([problem]);
  });

  it("refuses a half-configured OAuth provider in production too", () => {
    expect(problemsOf({ ...production, AUTH_GITHUB_ID: "github-id" })).toEqual(["AUTH_GITHUB_SECRET: required when AUTH_GITHUB_ID is set"]);
  });

  it("in production, requires AUTH_SECRET and refuses the development one", () => {
    expect(problemsOf({ ...production, AUTH_SECRET: undefined })).toEqual(["AUTH_SECRET: required when CHEQPAY_ENV=production"]);
    expect(problemsOf({ ...production, AUTH_SECRET: SANDBOX_DEFAULTS.authSecret })).toEqual([
      "AUTH_SECRET: the development secret cannot be used in production",
    ]);
    expect(loadConfig(production).auth.secret).toBe(production.AUTH_SECRET);
  });
});

describe("loadConfig's back office (admin) section", () => {
  it("has no staff and no API token by default", () => {
    expect(loadConfig({}).admin).toEqual({ emails: [], apiToken: null });
  });

  it("reads staff emails in lower case, without blanks or repeats", () => {
    const config = loadConfig({ ADMIN_EMAILS: " Staff@Example.com, ops@example.com,,staff@example.com " });
    expect(config.admin.emails).toEqual(["staff@example.com", "ops@example.com"]);
  });

  it("refuses a staff entry that is not an email address, naming it", () => {
    expect(problemsOf({ ADMIN_EMAILS: "staff@example.com, not-an-email" })).toEqual(['ADMIN_EMAILS: "not-an-email" is not an email address']);
  });

  it("keeps an API token of 32 characters or more and refuses a shorter one", () => {
    const token = "t".repeat(32);
    expect(loadConfig({ ADMIN_API_TOKEN: token }).admin.apiToken).toBe(token);
    expect(problemsOf({ ADMIN_API_TOKEN: "short" })).toEqual(["ADMIN_API_TOKEN: must be at least 32 characters"]);
  });
});

describe("loadConfig's operations section", () => {
  it("reads the alert thresholds, the metrics token, the log settings and the key's date", () => {
    const config = loadConfig({
      LOG_LEVEL: "warn",
      LOG_FILE: "/tmp/app.log",
      METRICS_TOKEN: "m".repeat(32),
      ALERT_SUCCESS_RATE: "0.9",
      ALERT_MIN_PAYMENTS: "50",
      ALERT_WEBHOOK_URL: "https://hooks.example.com/alerts",
      CHEQPAY_API_KEY_CREATED_AT: "2026-08-01",
    });
    expect(config.operations).toEqual({
      logLevel: "warn",
      logFile: "/tmp/app.log",
      metricsToken: "m".repeat(32),
      alert: { successRate: 0.9, minPayments: 50, webhookUrl: "https://hooks.example.com/alerts" },
      apiKeyCreatedAt: "2026-08-01",
    });
  });

  it.each([
    [{ ALERT_SUCCESS_RATE: "1.5" }, "ALERT_SUCCESS_RATE"],
    [{ ALERT_MIN_PAYMENTS: "0" }, "ALERT_MIN_PAYMENTS"],
    [{ METRICS_TOKEN: "short" }, "METRICS_TOKEN"],
    [{ CHEQPAY_API_KEY_CREATED_AT: "last spring" }, "CHEQPAY_API_KEY_CREATED_AT"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
  ])("refuses %j, naming the variable", (env, variable) => {
    expect(problemsOf(env).some((problem) => problem.startsWith(`${variable}:`))).toBe(true);
  });
});

describe("loadConfig's limits section", () => {
  it("reads the card-testing and sign-in limits", () => {
    const config = loadConfig({
      PAYMENT_LIMIT_WINDOW_MINUTES: "15",
      PAYMENT_LIMIT_ATTEMPTS_PER_IP: "20",
      PAYMENT_LIMIT_DECLINES_PER_IP: "3",
      PAYMENT_LIMIT_ATTEMPTS_PER_EMAIL: "8",
      PAYMENT_LIMIT_ATTEMPTS_PER_ORDER: "4",
      SIGNIN_LIMIT_WINDOW_MINUTES: "30",
      SIGNIN_LIMIT_LINKS_PER_EMAIL: "2",
      SIGNIN_LIMIT_LINKS_PER_IP: "50",
    });
    expect(config.limits).toEqual({
      payment: { windowMinutes: 15, attemptsPerIp: 20, declinesPerIp: 3, attemptsPerEmail: 8, attemptsPerOrder: 4 },
      signIn: { windowMinutes: 30, linksPerEmail: 2, linksPerIp: 50 },
    });
  });

  it("treats a blank limit as unset (its default)", () => {
    expect(loadConfig({ PAYMENT_LIMIT_ATTEMPTS_PER_ORDER: " ", SIGNIN_LIMIT_LINKS_PER_IP: "" }).limits).toMatchObject({
      payment: { attemptsPerOrder: 5 },
      signIn: { linksPerIp: 20 },
    });
  });

  it.each([
    [{ PAYMENT_LIMIT_WINDOW_MINUTES: "0" }, "PAYMENT_LIMIT_WINDOW_MINUTES"],
    [{ PAYMENT_LIMIT_ATTEMPTS_PER_IP: "-1" }, "PAYMENT_LIMIT_ATTEMPTS_PER_IP"],
    [{ PAYMENT_LIMIT_DECLINES_PER_IP: "2.5" }, "PAYMENT_LIMIT_DECLINES_PER_IP"],
    [{ PAYMENT_LIMIT_ATTEMPTS_PER_EMAIL: "ten" }, "PAYMENT_LIMIT_ATTEMPTS_PER_EMAIL"],
    [{ PAYMENT_LIMIT_ATTEMPTS_PER_ORDER: "0" }, "PAYMENT_LIMIT_ATTEMPTS_PER_ORDER"],
    [{ SIGNIN_LIMIT_WINDOW_MINUTES: "soon" }, "SIGNIN_LIMIT_WINDOW_MINUTES"],
    [{ SIGNIN_LIMIT_LINKS_PER_EMAIL: "0" }, "SIGNIN_LIMIT_LINKS_PER_EMAIL"],
    [{ SIGNIN_LIMIT_LINKS_PER_IP: "1e" }, "SIGNIN_LIMIT_LINKS_PER_IP"],
  ])("refuses %j, naming the variable", (env, variable) => {
    expect(problemsOf(env).some((problem) => problem.startsWith(`${variable}:`))).toBe(true);
  });
});

describe("loadConfig's jobs section", () => {
  it("reads how long a payment submission waits before the reconciliation reads it back", () => {
    expect(loadConfig({ RECONCILE_STALE_AFTER_SECONDS: "5" }).jobs).toEqual({ reconcileStaleAfterSeconds: 5, runJobs: true, recordsRetentionDays: 90 });
    expect(loadConfig({ RECONCILE_STALE_AFTER_SECONDS: "0" }).jobs.reconcileStaleAfterSeconds).toBe(0);
  });

  it("runs the jobs in the app unless RUN_JOBS says the worker processes do", () => {
    expect(loadConfig({}).jobs.runJobs).toBe(true);
    expect(loadConfig({ RUN_JOBS: "false" }).jobs.runJobs).toBe(false);
    expect(loadConfig({ RUN_JOBS: "0" }).jobs.runJobs).toBe(false);
    expect(loadConfig({ RUN_JOBS: "true" }).jobs.runJobs).toBe(true);
    expect(problemsOf({ RUN_JOBS: "no" }).some((p) => p.startsWith("RUN_JOBS:"))).toBe(true);
  });

  it("keeps 90 days of refusals and sign-in requests unless RECORDS_RETENTION_DAYS says otherwise", () => {
    expect(loadConfig({}).jobs.recordsRetentionDays).toBe(90);
    expect(loadConfig({ RECORDS_RETENTION_DAYS: "30" }).jobs.recordsRetentionDays).toBe(30);
  });

  it.each(["1", "0", "7.5", "forever", "3651"])("refuses RECORDS_RETENTION_DAYS=%s, naming the variable", (value) => {
    expect(problemsOf({ RECORDS_RETENTION_DAYS: value }).some((p) => p.startsWith("RECORDS_RETENTION_DAYS:"))).toBe(true);
  });

  it.each(["-1", "1.5", "soon", "86401"])("refuses RECONCILE_STALE_AFTER_SECONDS=%s, naming the variable", (value) => {
    expect(problemsOf({ RECONCILE_STALE_AFTER_SECONDS: value }).some((p) => p.startsWith("RECONCILE_STALE_AFTER_SECONDS:"))).toBe(true);
  });
});
