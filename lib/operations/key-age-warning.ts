// The API key's age in the log: a warning every day once it is older than 90 days (the daily job and the
// start-up call this), an info line while it is fine, a warning when nobody recorded its date.
import { getLogger } from "@/lib/observability/logger";
import { keyAgeStatus } from "./key-age";

export function logKeyAge(createdAt: string | null, now: Date): void {
  const status = keyAgeStatus(createdAt, now);
  const logger = getLogger();
  if (status.state === "rotate") {
    logger.warn({ event: "cheqpay.key_age", days: status.days, maxDays: status.maxDays }, `the Cheqpay API key is ${status.days} days old: rotate it (every ${status.maxDays} days)`);
  } else if (status.state === "unknown") {
    logger.warn({ event: "cheqpay.key_age", days: null }, "the Cheqpay API key's age is unknown: set CHEQPAY_API_KEY_CREATED_AT");
  } else {
    logger.info({ event: "cheqpay.key_age", days: status.days, maxDays: status.maxDays }, "the Cheqpay API key's age");
  }
}
