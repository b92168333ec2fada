import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, SANDBOX_DEFAULTS } from "@/lib/config";

const production = {
  CHEQPAY_ENV: "production",
  CHEQPAY_BASE_URL: "https://prod.cheqpay.mx/pos",
  CHEQPAY_API_KEY: "sk_live_0123456789",
  CHEQPAY_MERCHANT_ID: "merchant_live_1",
  CHEQPAY_WEBHOOK_SECRET: "whsec_live_1",
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
      support: { email: "soporte@cheqpay-checkout.test", phone: "+52 55 0000 0000" },
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

  it.each(["CHEQPAY_API_KEY", "CHEQPAY_MERCHANT_ID", "CHEQPAY_WEBHOOK_SECRET", "CHEQPAY_BASE_URL"])(
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
      "CHEQPAY_BASE_URL",
    ]);
  });
});
