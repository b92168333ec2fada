// Settings of one sandbox instance. Only main.ts reads the environment (through optionsFromEnv);
// startSandbox() receives a plain object so tests can start several isolated instances in-process.

import { randomBytes } from "node:crypto";

export interface SandboxOptions {
  port?: number;
  host?: string;
  apiKey?: string;
  merchantId?: string;
  /** One secret or several, comma-separated; deliveries are signed with the first. */
  webhookSecret?: string;
  seed?: string;
  webhookUrl?: string;
  publicUrl?: string;
  threeDsTtlMs?: number;
  webhookRetryBaseMs?: number;
  webhookTimeoutMs?: number;
  threeDsMinAmount?: number;
  autoCapture?: boolean;
  rateLimitPerSecond?: number;
  /** Print one line per API request (method, path, status, duration; never bodies). */
  logRequests?: boolean;
}

export interface Settings {
  port: number;
  host: string;
  apiKey: string;
  merchantId: string;
  webhookSecrets: string[];
  seed: string;
  /** True when the seed was configured: resets then stay deterministic. */
  seedGiven: boolean;
  webhookUrl: string | null;
  publicUrl: string | null;
  webhookRetryBaseMs: number;
  webhookTimeoutMs: number;
  logRequests: boolean;
  initialConfig: RuntimeConfig;
}

/** The part tests may change at run time through POST /_sandbox/config; reset restores it. */
export interface RuntimeConfig {
  threeDsMinAmount: number;
  autoCapture: boolean;
  /** 0 = rate limiter off. */
  rateLimitPerSecond: number;
  threeDsTtlMs: number;
}

export const DEFAULTS = {
  port: 4010,
  host: "127.0.0.1",
  apiKey: "sk_test_local_sandbox",
  merchantId: "merchant_local_sandbox",
  webhookSecret: "whsec_local_sandbox",
  threeDsTtlMs: 600_000,
  webhookRetryBaseMs: 200,
  webhookTimeoutMs: 5_000,
} as const;

export const BODY_LIMIT_BYTES = 1024 * 1024;
export const MAX_WEBHOOK_ATTEMPTS = 10;
/** Bounded history so a long-running dev sandbox or a benchmark cannot grow memory without limit. */
export const MAX_LOG_ENTRIES = 50_000;
export const MAX_DELIVERIES = 20_000;

function splitSecrets(value: string | undefined): string[] {
  const parts = (value ?? DEFAULTS.webhookSecret).split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  return parts.length > 0 ? parts : [DEFAULTS.webhookSecret];
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
}

export function resolveSettings(options: SandboxOptions = {}): Settings {
  const port = options.port ?? DEFAULTS.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error("port must be an integer 0-65535");
  return {
    port,
    host: options.host ?? DEFAULTS.host,
    apiKey: options.apiKey ?? DEFAULTS.apiKey,
    merchantId: options.merchantId ?? DEFAULTS.merchantId,
    webhookSecrets: splitSecrets(options.webhookSecret),
    // No seed given: a random one, so a restarted sandbox never repeats the ids an app database holds.
    seed: options.seed ?? randomBytes(12).toString("hex"),
    seedGiven: options.seed !== undefined,
    webhookUrl: options.webhookUrl ? options.webhookUrl : null,
    publicUrl: options.publicUrl ? options.publicUrl.replace(/\/+$/, "") : null,
    webhookRetryBaseMs: nonNegative(options.webhookRetryBaseMs, DEFAULTS.webhookRetryBaseMs, "webhookRetryBaseMs"),
    webhookTimeoutMs: nonNegative(options.webhookTimeoutMs, DEFAULTS.webhookTimeoutMs, "webhookTimeoutMs") || 1,
    logRequests: options.logRequests ?? false,
    initialConfig: {
      threeDsMinAmount: nonNegative(options.threeDsMinAmount, 0, "threeDsMinAmount"),
      autoCapture: options.autoCapture ?? true,
      rateLimitPerSecond: nonNegative(options.rateLimitPerSecond, 0, "rateLimitPerSecond"),
      threeDsTtlMs: nonNegative(options.threeDsTtlMs, DEFAULTS.threeDsTtlMs, "threeDsTtlMs"),
    },
  };
}

function envNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number (got ${JSON.stringify(raw)})`);
  return value;
}

function envString(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === "" ? undefined : raw.trim();
}

export function optionsFromEnv(env: NodeJS.ProcessEnv): SandboxOptions {
  const options: SandboxOptions = {
    port: envNumber(env, "CHEQPAY_SANDBOX_PORT"),
    host: envString(env, "CHEQPAY_SANDBOX_HOST"),
    apiKey: envString(env, "CHEQPAY_API_KEY"),
    merchantId: envString(env, "CHEQPAY_MERCHANT_ID"),
    webhookSecret: envString(env, "CHEQPAY_WEBHOOK_SECRET"),
    seed: envString(env, "CHEQPAY_SANDBOX_SEED"),
    webhookUrl: envString(env, "CHEQPAY_SANDBOX_WEBHOOK_URL"),
    publicUrl: envString(env, "CHEQPAY_SANDBOX_PUBLIC_URL"),
    threeDsTtlMs: envNumber(env, "CHEQPAY_SANDBOX_3DS_TTL_MS"),
    webhookRetryBaseMs: envNumber(env, "CHEQPAY_SANDBOX_WEBHOOK_RETRY_BASE_MS"),
    webhookTimeoutMs: envNumber(env, "CHEQPAY_SANDBOX_WEBHOOK_TIMEOUT_MS"),
    logRequests: env.CHEQPAY_SANDBOX_LOG === "1" || env.CHEQPAY_SANDBOX_LOG === "true",
  };
  // Drop undefined keys so resolveSettings applies its defaults.
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as SandboxOptions;
}

/** http://HOST:PORT as a browser can reach it (a wildcard bind address is not a destination). */
export function originFor(host: string, port: number): string {
  const reachable = host === "0.0.0.0" || host === "::" || host === "" ? "127.0.0.1" : host;
  const bracketed = reachable.includes(":") && !reachable.startsWith("[") ? `[${reachable}]` : reachable;
  return `http://${bracketed}:${port}`;
}
