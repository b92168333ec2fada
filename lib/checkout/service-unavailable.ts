// Our own database down or restarting while a shopper pays: the payment actions answer a friendly problem
// instead of an error page. Nothing is lost: an attempt already sent to Cheqpay stays `submitted` and the
// reconciliation settles it once the database is back (and a new try never charges the order twice).
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { getLogger } from "@/lib/observability/logger";
import { problem, type StepMessages } from "./attempt-outcome";
import type { PaymentStep } from "./payment-step";

export async function unlessDatabaseUnavailable<Step>(
  work: () => Promise<Step>,
  messages: () => Promise<StepMessages>,
): Promise<Step | PaymentStep> {
  try {
    return await work();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    getLogger().error({ event: "database.unavailable", err: error }, "the database is unavailable: the shopper was asked to try again");
    return problem("service-unavailable", await messages());
  }
}
