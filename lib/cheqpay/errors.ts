// One base class; subclasses say what the caller should do. Callers decide on `code` and the class, never on
// message text. No error ever carries a request body, a card number, a CVC or the API key.
import { wireErrorEnvelopeSchema, wireNestErrorSchema } from "./wire-schemas";

export type CheqpayErrorInit = {
  message: string;
  httpStatus: number | null;
  code: string;
  retryable: boolean;
  declineReason?: string | null;
  requestId?: string | null;
  paymentOrderId?: string | null;
  operation?: string | null;
  fieldErrors?: { field: string; message: string }[];
  retryAfterMs?: number | null;
};

export class CheqpayError extends Error {
  readonly httpStatus: number | null;
  readonly code: string;
  readonly retryable: boolean;
  readonly declineReason: string | null;
  readonly requestId: string | null;
  readonly paymentOrderId: string | null;
  readonly operation: string | null;
  readonly fieldErrors: { field: string; message: string }[];
  readonly retryAfterMs: number | null;

  constructor(init: CheqpayErrorInit) {
    super(scrubCardData(init.message));
    this.name = new.target.name;
    this.httpStatus = init.httpStatus;
    this.code = init.code;
    this.retryable = init.retryable;
    this.declineReason = init.declineReason ?? null;
    this.requestId = init.requestId ?? null;
    this.paymentOrderId = init.paymentOrderId ?? null;
    this.operation = init.operation ?? null;
    this.fieldErrors = (init.fieldErrors ?? []).map((e) => ({ field: e.field, message: scrubCardData(e.message) }));
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
}

/** The issuer or 3-D Secure said no: tell the shopper (friendly message by `code`) and offer another card. */
export class CheqpayDeclinedError extends CheqpayError {}
/** Our request is wrong (400, 413, 422 other than a decline): fix the code or the input; never retry as is. */
export class CheqpayBadRequestError extends CheqpayError {}
/** The resource is not there (404), or belongs to someone else. */
export class CheqpayNotFoundError extends CheqpayError {}
/** The resource is in another state (409 `DUPLICATE`, `INVALID_STATE`): read it again and act on what it is. */
export class CheqpayConflictError extends CheqpayError {}
/** Key or merchant id refused (401/403): fix the configuration; retrying cannot help. */
export class CheqpayAuthError extends CheqpayError {}
/** Cheqpay is overloaded or failing (429, 5xx): retry later with backoff. */
export class CheqpayRetryLaterError extends CheqpayError {}
/** The request may or may not have been processed (timeout, dropped connection, unreadable answer):
 *  read the resource back (by `externalId`) before doing anything else. */
export class CheqpayOutcomeUnknownError extends CheqpayError {}

const DECLINE_CODES = new Set([
  "DECLINED",
  "INSUFFICIENT_FUNDS",
  "EXPIRED_CARD",
  "INVALID_CARD",
  "AUTHENTICATION_FAILED",
  "AUTHENTICATION_REQUIRED",
]);

export type ErrorContext = {
  requestId?: string | null;
  operation?: string | null;
  retryAfterMs?: number | null;
  /** Values (the API key) cut out of Cheqpay's messages should it echo them. */
  secrets?: readonly string[];
};

/** The one factory from an HTTP error answer to an error class. */
export function errorFromResponse(httpStatus: number, body: unknown, context: ErrorContext = {}): CheqpayError {
  const parsed = parseErrorBody(httpStatus, body);
  const redact = (text: string) =>
    (context.secrets ?? []).reduce((t, secret) => (secret ? t.split(secret).join("[redacted]") : t), text);
  const init: CheqpayErrorInit = {
    ...parsed,
    message: redact(parsed.message),
    fieldErrors: parsed.fieldErrors?.map((e) => ({ field: e.field, message: redact(e.message) })),
    httpStatus,
    retryable: httpStatus === 429 || httpStatus >= 500,
    requestId: context.requestId ?? null,
    operation: context.operation ?? null,
    retryAfterMs: context.retryAfterMs ?? null,
  };
  if (httpStatus === 401 || httpStatus === 403) return new CheqpayAuthError(init);
  if (httpStatus === 404) return new CheqpayNotFoundError(init);
  if (httpStatus === 409) return new CheqpayConflictError(init);
  if (httpStatus === 429 || httpStatus >= 500) return new CheqpayRetryLaterError(init);
  if (httpStatus === 422 && DECLINE_CODES.has(init.code)) return new CheqpayDeclinedError(init);
  return new CheqpayBadRequestError(init);
}

type ParsedErrorBody = Pick<CheqpayErrorInit, "message" | "code" | "declineReason" | "paymentOrderId" | "fieldErrors">;

function parseErrorBody(httpStatus: number, body: unknown): ParsedErrorBody {
  const envelope = wireErrorEnvelopeSchema.safeParse(body);
  if (envelope.success) {
    const e = envelope.data.error;
    return {
      code: e.code,
      message: e.message ?? `Cheqpay answered ${httpStatus} ${e.code}`,
      declineReason: e.declineReason ?? null,
      paymentOrderId: e.paymentOrderId ?? null,
      fieldErrors: (e.details ?? []).map((d) => ({ field: d.field ?? "", message: d.message ?? "" })),
    };
  }
  const nest = wireNestErrorSchema.safeParse(body);
  if (nest.success) {
    const messages = Array.isArray(nest.data.message) ? nest.data.message : [nest.data.message ?? ""];
    return {
      code: defaultCodeFor(httpStatus),
      message: messages.filter(Boolean).join("; ") || nest.data.error || `Cheqpay answered ${httpStatus}`,
      fieldErrors: [],
    };
  }
  return { code: defaultCodeFor(httpStatus), message: `Cheqpay answered ${httpStatus}`, fieldErrors: [] };
}

function defaultCodeFor(httpStatus: number): string {
  if (httpStatus === 400) return "VALIDATION_ERROR";
  if (httpStatus === 401 || httpStatus === 403) return "UNAUTHORIZED";
  if (httpStatus === 404) return "NOT_FOUND";
  if (httpStatus === 409) return "DUPLICATE";
  if (httpStatus === 429) return "RATE_LIMITED";
  if (httpStatus === 503) return "SERVICE_UNAVAILABLE";
  if (httpStatus >= 500) return "INTERNAL_ERROR";
  return "UNKNOWN_ERROR";
}

/** Anything that looks like a card number (12-19 digits, maybe spaced) is cut to its last four. */
export function scrubCardData(text: string): string {
  return text.replace(/\b(?:\d[ -]?){11,18}\d\b/g, (match) => `[card ****${match.replace(/\D/g, "").slice(-4)}]`);
}
