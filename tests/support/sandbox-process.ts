// Starts a real sandbox process (`npm run sandbox`'s entry) on a free port, for one test file.
import { fileURLToPath } from "node:url";
import { startSandboxChild } from "../../scripts/lib/sandbox-child";

const root = fileURLToPath(new URL("../..", import.meta.url));

export type SandboxProcess = {
  /** Origin, e.g. `http://127.0.0.1:43121`. */
  url: string;
  /** API base, e.g. `http://127.0.0.1:43121/pos`. */
  baseUrl: string;
  apiKey: string;
  merchantId: string;
  webhookSecret: string;
  reset(): Promise<void>;
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
};

export const SANDBOX_DEFAULTS = {
  apiKey: "sk_test_local_sandbox",
  merchantId: "merchant_local_sandbox",
  webhookSecret: "whsec_local_sandbox",
};

export async function startSandboxProcess(env: Record<string, string> = {}): Promise<SandboxProcess> {
  const ready = await startSandboxChild({ CHEQPAY_SANDBOX_PORT: "0", ...env }, { cwd: root });
  const apiKey = env.CHEQPAY_API_KEY ?? SANDBOX_DEFAULTS.apiKey;
  const control = async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${ready.url}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
  return {
    url: ready.url,
    baseUrl: ready.baseUrl,
    apiKey,
    merchantId: env.CHEQPAY_MERCHANT_ID ?? SANDBOX_DEFAULTS.merchantId,
    webhookSecret: (env.CHEQPAY_WEBHOOK_SECRET ?? SANDBOX_DEFAULTS.webhookSecret).split(",")[0]!,
    control,
    async reset() {
      const { status } = await control("POST", "/_sandbox/reset", {});
      if (status !== 200) throw new Error(`sandbox reset answered ${status}`);
    },
    stop: ready.stop,
  };
}
