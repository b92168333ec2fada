// The only reader of process.env: the environment, validated once with zod. A bad value stops the start
// with a message that names the variable and what is wrong with it.
import { z } from "zod";

/** The local sandbox's well-known development values (sandbox/README.md); never valid in production. */
export const SANDBOX_DEFAULTS = {
  /** Development only: refused when CHEQPAY_ENV=production. */
  authSecret: "development-only-auth-secret-not-for-production-use",
  apiKey: "sk_test_local_sandbox",
  merchantId: "merchant_local_sandbox",
  webhookSecret: "whsec_local_sandbox",
  baseUrl: "http://127.0.0.1:4010/pos",
} as const;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());
const positiveInt = (fallback: number) => z.preprocess(blankToUndefined, z.coerce.number().int().positive().default(fallback));

const envSchema = z.object({
  NODE_ENV: z.preprocess(blankToUndefined, z.enum(["development", "production", "test"]).default("development")),
  CHEQPAY_ENV: z.preprocess(blankToUndefined, z.enum(["sandbox", "production"]).default("sandbox")),
  CHEQPAY_BASE_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  CHEQPAY_API_KEY: optionalText,
  CHEQPAY_MERCHANT_ID: optionalText,
  CHEQPAY_WEBHOOK_SECRET: optionalText,
  CHEQPAY_TIMEOUT_MS: positiveInt(15_000),
  CHEQPAY_AMOUNT_UNIT: z.preprocess(blankToUndefined, z.enum(["minor", "major"]).default("minor")),
  DATABASE_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  APP_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/ }).default("https://localhost:3000")),
  /** Behind a proxy or load balancer: take the shopper's IP address from X-Forwarded-For. */
  TRUST_PROXY: z.preprocess(blankToUndefined, z.enum(["true", "false", "1", "0"]).default("false")),
  /** scripts/app-server.ts also listens here with plain HTTP that only redirects to APP_URL. */
  HTTP_REDIRECT_PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(65_535).optional()),
  /** Extra origins the 3-D Secure frames may load (issuers' pages), comma-separated. */
  CHEQPAY_FRAME_ORIGINS: optionalText,
  SUPPORT_EMAIL: z.preprocess(blankToUndefined, z.email().default("soporte@cheqpay-checkout.test")),
  SUPPORT_PHONE: z.preprocess(blankToUndefined, z.string().trim().default("+52 55 0000 0000")),
  /** Free text shown as is (e.g. "Lunes a viernes, 9:00–18:00"). Unset: the support page's translated default hours. */
  SUPPORT_HOURS: optionalText,
  /** Unset: no email leaves the machine; messages are stored and shown at /dev/mailbox. */
  SMTP_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^smtps?$/ }).optional()),
  MAIL_FROM: z.preprocess(blankToUndefined, z.string().trim().default("Cheqpay Checkout <no-reply@cheqpay-checkout.test>")),
  /** Signs Auth.js's tokens (sign-in links, CSRF). At least 32 characters; required in production. */
  AUTH_SECRET: z.preprocess(blankToUndefined, z.string().min(32, "must be at least 32 characters").optional()),
  /** How long an emailed sign-in link works (it works once). */
  SIGNIN_LINK_MAX_AGE_HOURS: z.preprocess(blankToUndefined, z.coerce.number().positive().max(24 * 7).default(24)),
  /** pino's level (default info; debug in development). */
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional()),
  /** Also append the JSON log lines to this file (the test run scans it for card data). */
  LOG_FILE: optionalText,
  /** Bearer token for GET /metrics (32+ characters). Unset: /metrics answers 404. */
  METRICS_TOKEN: z.preprocess(blankToUndefined, z.string().trim().min(32, "must be at least 32 characters").optional()),
  ALERT_SUCCESS_RATE: z.preprocess(blankToUndefined, z.coerce.number().gt(0).lt(1).default(0.85)),
  ALERT_MIN_PAYMENTS: z.preprocess(blankToUndefined, z.coerce.number().int().positive().default(20)),
  ALERT_WEBHOOK_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  /** When the Cheqpay API key was issued (ISO date): a warning once it is older than 90 days. */
  CHEQPAY_API_KEY_CREATED_AT: z.preprocess(blankToUndefined, z.iso.date("must be a date like 2026-01-31").optional()),
  /** Staff: accounts with these emails (comma-separated) may open /admin. */
  ADMIN_EMAILS: optionalText,
  /** Bearer token of the merchant's own systems for /api/admin (32+ characters). Unset: that API is closed. */
  ADMIN_API_TOKEN: z.preprocess(blankToUndefined, z.string().trim().min(32, "must be at least 32 characters").optional()),
  /** The reconciliation job settles a payment submission still unanswered after this many seconds. */
  RECONCILE_STALE_AFTER_SECONDS: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(86_400).default(120)),
  /** The daily clean-up deletes card-testing refusals, sign-in link requests and processed webhook ids older than
   *  this many days (lib/operations/prune-records.ts). */
  RECORDS_RETENTION_DAYS: z.preprocess(blankToUndefined, z.coerce.number().int().min(2).max(3_650).default(90)),
  // "false": this instance queues jobs but works none; `npm run worker` processes run them (README "Deploying").
  RUN_JOBS: z.preprocess(blankToUndefined, z.enum(["true", "false", "1", "0"]).default("true")),
  AUTH_GOOGLE_ID: optionalText,
  AUTH_GOOGLE_SECRET: optionalText,
  AUTH_GITHUB_ID: optionalText,
  AUTH_GITHUB_SECRET: optionalText,
  /** Card-testing defence: payment attempts counted over this sliding window (stored in PostgreSQL). */
  PAYMENT_LIMIT_WINDOW_MINUTES: positiveInt(10),
  PAYMENT_LIMIT_ATTEMPTS_PER_IP: positiveInt(10),
  PAYMENT_LIMIT_DECLINES_PER_IP: positiveInt(5),
  PAYMENT_LIMIT_ATTEMPTS_PER_EMAIL: positiveInt(10),
  PAYMENT_LIMIT_ATTEMPTS_PER_ORDER: positiveInt(5),
  /** Sign-in links emailed per address and per client IP over this window. */
  SIGNIN_LIMIT_WINDOW_MINUTES: positiveInt(60),
  SIGNIN_LIMIT_LINKS_PER_EMAIL: positiveInt(5),
  SIGNIN_LIMIT_LINKS_PER_IP: positiveInt(20),
  /** Next.js encrypts Server Action closures with it and salts the action ids with it at build time; every
   *  instance of a release (and its build) must share it. Base64 of a 16, 24 or 32-byte AES key. */
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine(isAesKeyBase64, "must be the base64 of a 16, 24 or 32-byte key (make one with: openssl rand -base64 32)")
      .optional(),
  ),
});

/** Standard base64 (what `openssl rand -base64 32` prints) of 16, 24 or 32 bytes: the AES-GCM key sizes. */
function isAesKeyBase64(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return false;
  return [16, 24, 32].includes(Buffer.from(value, "base64").length);
}

export type AppConfig = {
  nodeEnv: "development" | "production" | "test";
  appUrl: string;
  databaseUrl: string | null;
  trustProxy: boolean;
  /** A plain HTTP port that only redirects to APP_URL (scripts/app-server.ts), or null. */
  httpRedirectPort: number | null;
  cheqpay: {
    env: "sandbox" | "production";
    baseUrl: string;
    apiKey: string;
    merchantId: string;
    /** Current secret first; a second one is accepted during a rotation. */
    webhookSecrets: string[];
    /** Origins allowed in frames (3-D Secure): the API's own origin plus CHEQPAY_FRAME_ORIGINS. */
    frameOrigins: string[];
    timeoutMs: number;
    amountUnit: "minor" | "major";
  };
  /** Shown to shoppers in the footer, on order pages and on /support. `hours` null: a translated default. */
  support: { email: string; phone: string; hours: string | null };
  mail: MailConfig;
  auth: AuthConfig;
  admin: AdminConfig;
  operations: OperationsConfig;
  limits: LimitsConfig;
  jobs: JobsConfig;
};

/** Abuse limits, counted in PostgreSQL so every instance sharing the database enforces the same totals. */
export type LimitsConfig = { payment: PaymentLimits; signIn: SignInLimits };

/** Payment attempts within a sliding window of `windowMinutes` (card testing): per client IP, per shopper email
 *  and per order; card declines per client IP. */
export type PaymentLimits = {
  windowMinutes: number;
  attemptsPerIp: number;
  declinesPerIp: number;
  attemptsPerEmail: number;
  attemptsPerOrder: number;
};

/** Emailed sign-in links within a sliding window of `windowMinutes`, per address and per client IP. */
export type SignInLimits = { windowMinutes: number; linksPerEmail: number; linksPerIp: number };

/** The background jobs. `reconcileStaleAfterSeconds`: a submission unanswered this long lost its answer.
 *  `recordsRetentionDays`: what the daily clean-up keeps. `runJobs`: this process works jobs (false: it only queues them, for worker processes to run). */
export type JobsConfig = { reconcileStaleAfterSeconds: number; runJobs: boolean; recordsRetentionDays: number };

/** Logs, metrics, the success-rate alert and key rotation. */
export type OperationsConfig = {
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  logFile: string | null;
  metricsToken: string | null;
  alert: { successRate: number; minPayments: number; webhookUrl: string | null };
  /** YYYY-MM-DD, or null when unknown. */
  apiKeyCreatedAt: string | null;
};

/** The back office: staff emails (lower case) and the API token (null: the admin API answers 404). */
export type AdminConfig = { emails: string[]; apiToken: string | null };

export type OAuthClient = { clientId: string; clientSecret: string };

/** Accounts: email sign-in links always; an OAuth provider only when both of its variables are set. */
export type AuthConfig = {
  secret: string;
  signInLinkMaxAgeSeconds: number;
  google: OAuthClient | null;
  github: OAuthClient | null;
};

/** Outgoing email: `smtpUrl` null stores messages for /dev/mailbox instead of sending them. */
export type MailConfig = { smtpUrl: string | null; from: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Pure: validates an environment (default `process.env`) and returns the typed configuration. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const e = parsed.data;
  const production = e.CHEQPAY_ENV === "production";
  const problems = production ? productionProblems(e) : [];
  const webhookSecrets = (e.CHEQPAY_WEBHOOK_SECRET ?? SANDBOX_DEFAULTS.webhookSecret)
    .split(",")
    .map((secret) => secret.trim())
    .filter(Boolean);
  const baseUrl = (e.CHEQPAY_BASE_URL ?? SANDBOX_DEFAULTS.baseUrl).replace(/\/+$/, "");
  if (webhookSecrets.length === 0 && !production) problems.push("CHEQPAY_WEBHOOK_SECRET: holds no secret");
  problems.push(...halfConfiguredOAuth(e));
  for (const email of (e.ADMIN_EMAILS ?? "").split(",").map((v) => v.trim()).filter(Boolean)) {
    if (!z.email().safeParse(email).success) problems.push(`ADMIN_EMAILS: "${email}" is not an email address`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    nodeEnv: e.NODE_ENV,
    appUrl: e.APP_URL.replace(/\/+$/, ""),
    databaseUrl: e.DATABASE_URL ?? null,
    trustProxy: e.TRUST_PROXY === "true" || e.TRUST_PROXY === "1",
    httpRedirectPort: e.HTTP_REDIRECT_PORT ?? null,
    cheqpay: {
      env: e.CHEQPAY_ENV,
      baseUrl,
      frameOrigins: frameOriginsOf(baseUrl, e.CHEQPAY_FRAME_ORIGINS),
      apiKey: e.CHEQPAY_API_KEY ?? SANDBOX_DEFAULTS.apiKey,
      merchantId: e.CHEQPAY_MERCHANT_ID ?? SANDBOX_DEFAULTS.merchantId,
      webhookSecrets,
      timeoutMs: e.CHEQPAY_TIMEOUT_MS,
      amountUnit: e.CHEQPAY_AMOUNT_UNIT,
    },
    support: { email: e.SUPPORT_EMAIL, phone: e.SUPPORT_PHONE, hours: e.SUPPORT_HOURS ?? null },
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM },
    operations: {
      // Tests read what they need from the database and the sandbox; their logs would only bury the results.
      logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === "development" ? "debug" : e.NODE_ENV === "test" ? "silent" : "info"),
      logFile: e.LOG_FILE ?? null,
      metricsToken: e.METRICS_TOKEN ?? null,
      alert: { successRate: e.ALERT_SUCCESS_RATE, minPayments: e.ALERT_MIN_PAYMENTS, webhookUrl: e.ALERT_WEBHOOK_URL ?? null },
      apiKeyCreatedAt: e.CHEQPAY_API_KEY_CREATED_AT ?? null,
    },
    jobs: {
      reconcileStaleAfterSeconds: e.RECONCILE_STALE_AFTER_SECONDS,
      runJobs: e.RUN_JOBS === "true" || e.RUN_JOBS === "1",
      recordsRetentionDays: e.RECORDS_RETENTION_DAYS,
    },
    admin: {
      emails: [...new Set((e.ADMIN_EMAILS ?? "").split(",").map((email) => email.trim().toLowerCase()).filter(Boolean))],
      apiToken: e.ADMIN_API_TOKEN ?? null,
    },
    limits: {
      payment: {
        windowMinutes: e.PAYMENT_LIMIT_WINDOW_MINUTES,
        attemptsPerIp: e.PAYMENT_LIMIT_ATTEMPTS_PER_IP,
        declinesPerIp: e.PAYMENT_LIMIT_DECLINES_PER_IP,
        attemptsPerEmail: e.PAYMENT_LIMIT_ATTEMPTS_PER_EMAIL,
        attemptsPerOrder: e.PAYMENT_LIMIT_ATTEMPTS_PER_ORDER,
      },
      signIn: {
        windowMinutes: e.SIGNIN_LIMIT_WINDOW_MINUTES,
        linksPerEmail: e.SIGNIN_LIMIT_LINKS_PER_EMAIL,
        linksPerIp: e.SIGNIN_LIMIT_LINKS_PER_IP,
      },
    },
    auth: {
      secret: e.AUTH_SECRET ?? SANDBOX_DEFAULTS.authSecret,
      signInLinkMaxAgeSeconds: Math.round(e.SIGNIN_LINK_MAX_AGE_HOURS * 3600),
      google: oauthClient(e.AUTH_GOOGLE_ID, e.AUTH_GOOGLE_SECRET),
      github: oauthClient(e.AUTH_GITHUB_ID, e.AUTH_GITHUB_SECRET),
    },
  };
}

/** One variable of a pair set without the other is a mistake to report, not a provider to hide silently. */
function halfConfiguredOAuth(e: z.infer<typeof envSchema>): string[] {
  const pairs = [
    ["AUTH_GOOGLE_ID", e.AUTH_GOOGLE_ID, "AUTH_GOOGLE_SECRET", e.AUTH_GOOGLE_SECRET],
    ["AUTH_GITHUB_ID", e.AUTH_GITHUB_ID, "AUTH_GITHUB_SECRET", e.AUTH_GITHUB_SECRET],
  ] as const;
  const problems: string[] = [];
  for (const [idName, id, secretName, secret] of pairs) {
    if (id && !secret) problems.push(`${secretName}: required when ${idName} is set`);
    if (secret && !id) problems.push(`${idName}: required when ${secretName} is set`);
  }
  return problems;
}

function oauthClient(clientId: string | undefined, clientSecret: string | undefined): OAuthClient | null {
  return clientId && clientSecret ? { clientId, clientSecret } : null;
}

function frameOriginsOf(baseUrl: string, extra: string | undefined): string[] {
  const origins = [new URL(baseUrl).origin];
  for (const value of (extra ?? "").split(",").map((v) => v.trim()).filter(Boolean)) {
    origins.push(URL.canParse(value) ? new URL(value).origin : value);
  }
  return [...new Set(origins)];
}

function productionProblems(e: z.infer<typeof envSchema>): string[] {
  const problems: string[] = [];
  if (!e.CHEQPAY_API_KEY) problems.push("CHEQPAY_API_KEY: required when CHEQPAY_ENV=production");
  else if (e.CHEQPAY_API_KEY === SANDBOX_DEFAULTS.apiKey || /^sk_test_/.test(e.CHEQPAY_API_KEY)) {
    problems.push("CHEQPAY_API_KEY: a sandbox (sk_test_) key cannot be used when CHEQPAY_ENV=production");
  }
  if (!e.CHEQPAY_MERCHANT_ID) problems.push("CHEQPAY_MERCHANT_ID: required when CHEQPAY_ENV=production");
  const secrets = (e.CHEQPAY_WEBHOOK_SECRET ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  // " , " is not blank but holds no secret: every webhook would then fail verification.
  if (secrets.length === 0) problems.push("CHEQPAY_WEBHOOK_SECRET: required when CHEQPAY_ENV=production");
  else if (secrets.includes(SANDBOX_DEFAULTS.webhookSecret)) {
    problems.push("CHEQPAY_WEBHOOK_SECRET: the sandbox's development secret cannot be used in production");
  }
  if (!e.AUTH_SECRET) problems.push("AUTH_SECRET: required when CHEQPAY_ENV=production");
  else if (e.AUTH_SECRET === SANDBOX_DEFAULTS.authSecret) {
    problems.push("AUTH_SECRET: the development secret cannot be used in production");
  }
  if (!e.CHEQPAY_BASE_URL) problems.push("CHEQPAY_BASE_URL: required when CHEQPAY_ENV=production");
  else if (!e.CHEQPAY_BASE_URL.startsWith("https://")) {
    problems.push("CHEQPAY_BASE_URL: must be an https:// URL when CHEQPAY_ENV=production");
  }
  // No process can tell how many instances serve the shop, and production is where they are several and
  // where deploys happen while shoppers pay: without one shared key each build makes its own (README "Deploying").
  if (!e.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY) {
    problems.push(
      "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: required when CHEQPAY_ENV=production, the same for every instance and build of a release (make one with: openssl rand -base64 32)",
    );
  }
  return problems;
}

let cached: AppConfig | null = null;

/** The process's configuration, validated on first use (the app calls it at start-up). */
export function getConfig(): AppConfig {
  cached ??= loadConfig();
  return cached;
}
