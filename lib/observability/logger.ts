// One logger for the app, the jobs and the webhook route: pino, JSON lines (pretty in development), the
// request id on every line, and redaction at the logger (./redact.ts) so no caller can leak card data or
// secrets, whatever it logs.
import { createWriteStream } from "node:fs";
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import { type AppConfig, getConfig } from "@/lib/config";
import { redact, redactText } from "./redact";
import { currentRequestId } from "./request-context";

const KEY = Symbol.for("cheqpay-checkout.logger");
const holder = globalThis as typeof globalThis & { [KEY]?: Logger };

/** Secret values from the configuration, masked wherever they would appear in a line. */
export function secretValuesOf(config: AppConfig): string[] {
  return [
    config.cheqpay.apiKey,
    ...config.cheqpay.webhookSecrets,
    config.auth.secret,
    config.operations.metricsToken,
    config.admin.apiToken,
    config.auth.google?.clientSecret,
    config.auth.github?.clientSecret,
  ].filter((value): value is string => typeof value === "string" && value.length >= 8);
}

export function createLogger(options: {
  level: string;
  secrets: readonly string[];
  pretty?: boolean;
  destination?: pino.DestinationStream;
  file?: string | null;
}): Logger {
  const streams: pino.StreamEntry[] = [
    { stream: options.destination ?? (options.pretty ? pretty({ sync: true, colorize: true }) : pino.destination({ sync: true })) },
  ];
  if (options.file) streams.push({ stream: createWriteStream(options.file, { flags: "a" }) });
  return pino(
    {
      level: options.level,
      base: { service: "cheqpay-checkout" },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redact(object, options.secrets) as Record<string, unknown>,
      },
      hooks: {
        // The message text too: `logger.info(\`...${value}\`)` must not leak what the object check would catch.
        logMethod(args, method) {
          const safe = args.map((arg) => (typeof arg === "string" ? redactText(arg, options.secrets) : arg));
          method.apply(this, safe as Parameters<typeof method>);
        },
      },
    },
    pino.multistream(streams),
  );
}

/** The process's logger, from the configuration. */
export function getLogger(): Logger {
  if (holder[KEY]) return holder[KEY];
  let config: AppConfig | null = null;
  try {
    config = getConfig();
  } catch {
    // An invalid configuration is reported by the start-up itself; log meanwhile with the defaults.
  }
  holder[KEY] = createLogger({
    level: config?.operations.logLevel ?? "info",
    secrets: config ? secretValuesOf(config) : [],
    pretty: config?.nodeEnv === "development",
    file: config?.operations.logFile ?? null,
  });
  return holder[KEY];
}
