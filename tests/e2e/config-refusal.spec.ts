// The built app refuses to start in production with a sandbox key, missing secrets or plain HTTP, and says
// which variable is wrong. (The build is the one the e2e web server made.)
import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";

function startProductionApp(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--port", "0"], {
      env: { ...process.env, NODE_ENV: "production", DATABASE_URL: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test("the app refuses to start in production with a sandbox key and names each problem", async () => {
  const { code, output } = await startProductionApp({
    CHEQPAY_ENV: "production",
    CHEQPAY_API_KEY: "sk_test_local_sandbox",
    CHEQPAY_MERCHANT_ID: "merchant_live",
    CHEQPAY_WEBHOOK_SECRET: "",
    CHEQPAY_BASE_URL: "http://prod.cheqpay.mx/pos",
  });
  expect(code).toBe(1);
  expect(output).toContain("CHEQPAY_API_KEY: a sandbox (sk_test_) key cannot be used");
  expect(output).toContain("CHEQPAY_WEBHOOK_SECRET: required");
  expect(output).toContain("CHEQPAY_BASE_URL: must be an https:// URL");
});
