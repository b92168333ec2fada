// The public face of lib/cheqpay. Wire types stay inside this folder.
export { createCheqpayClient } from "./client";
export type { CallOptions, CheqpayClient, CheqpayClientOptions } from "./client";
export {
  CheqpayAuthError,
  CheqpayBadRequestError,
  CheqpayConflictError,
  CheqpayDeclinedError,
  CheqpayError,
  CheqpayNotFoundError,
  CheqpayOutcomeUnknownError,
  CheqpayRetryLaterError,
  errorFromResponse,
} from "./errors";
export { isPaidStatus, toPaymentStatus } from "./status";
export { backoffDelayMs, defaultRetryPolicy, parseRetryAfter, retryDelayMs, shouldRetry } from "./retry-policy";
export type { AttemptFailure, RetryPolicy, RetrySafety } from "./retry-policy";
export type { CheqpayRequestEvent } from "./transport";
export { parseWebhookEvent } from "./webhook-events";
export type { CheqpayWebhookEvent } from "./webhook-events";
export { signWebhookBody, verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from "./webhook-signature";
export type * from "./types";
export { getCheqpayClient } from "./default-client";
