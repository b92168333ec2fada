// CLI entry: `npm run sandbox`. Reads the environment, starts the sandbox, prints a banner for
// humans and one CHEQPAY_SANDBOX_READY line for scripts, and exits cleanly on SIGINT/SIGTERM.
import { TEST_CARDS } from "./cards.js";
import { optionsFromEnv, resolveSettings } from "./config.js";
import { startSandbox } from "./server.js";

function banner(baseUrl: string, publicUrl: string, settings: ReturnType<typeof resolveSettings>): string {
  // Only the public test card numbers are printed, never a number a client sent.
  const cards = TEST_CARDS.map((card) => `    ${card.number.padEnd(17)} ${card.outcome}`).join("\n");
  return [
    "",
    "  Cheqpay sandbox (local emulator of the Cheqpay /pos API)",
    "",
    `  Base URL        ${baseUrl}`,
    `  API key         ${settings.apiKey}`,
    `  Merchant id     ${settings.merchantId}`,
    `  Webhook secret  ${settings.webhookSecrets[0] ?? ""}`,
    `  Webhook URL     ${settings.webhookUrl ?? "(none; POST /_sandbox/webhooks to set one)"}`,
    `  3-D Secure      ${publicUrl}/3ds/… (challenge code 1234)`,
    `  Controls        ${publicUrl}/_sandbox/… (reset, requests, faults, webhooks, config)`,
    "",
    "  Test cards (any future expiry; CVC 3 digits, 4 for AMEX):",
    cards,
    "    any other Luhn-valid number: approved; Luhn-invalid: 422 INVALID_CARD; past expiry: 422 EXPIRED_CARD",
    "    amount 9000xx (e.g. 900051) on any card: decline with ISO code xx",
    "",
  ].join("\n");
}

async function main(): Promise<void> {
  const options = optionsFromEnv(process.env);
  const settings = resolveSettings(options);
  const sandbox = await startSandbox(options);
  const publicUrl = settings.publicUrl ?? sandbox.url;
  process.stdout.write(`${banner(sandbox.baseUrl, publicUrl, settings)}\n`);
  process.stdout.write(`CHEQPAY_SANDBOX_READY ${JSON.stringify({ url: sandbox.url, baseUrl: sandbox.baseUrl })}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`[cheqpay-sandbox] ${signal} received, stopping\n`);
    // A stuck close must not keep the process alive.
    setTimeout(() => process.exit(0), 2_000).unref();
    void sandbox.close().then(() => process.exit(0));
  };
  // A dev emulator should report its own bugs loudly but keep serving.
  process.on("uncaughtException", (error) => console.error("[cheqpay-sandbox] uncaught exception:", error));
  process.on("unhandledRejection", (error) => console.error("[cheqpay-sandbox] unhandled rejection:", error));
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`[cheqpay-sandbox] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
