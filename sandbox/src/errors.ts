// The error envelope of the wire contract: {"error": {code, message, details?, declineReason?, paymentOrderId?}}.

export interface FieldError {
  field: string;
  message: string;
}

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    details?: FieldError[];
    declineReason?: string;
    paymentOrderId?: string;
  };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { details?: FieldError[]; declineReason?: string; paymentOrderId?: string } = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

export function validationError(details: FieldError[], status = 400): ApiError {
  const first = details[0];
  const message = details.length === 1 && first ? `${first.field}: ${first.message}` : "Invalid request parameters";
  return new ApiError(status, "VALIDATION_ERROR", message, { details });
}

export function notFound(what: string): ApiError {
  return new ApiError(404, "NOT_FOUND", `${what} not found`);
}

export function invalidState(message: string): ApiError {
  return new ApiError(409, "INVALID_STATE", message);
}

export function unauthorized(message: string): ApiError {
  return new ApiError(401, "UNAUTHORIZED", message);
}

export function internalError(message = "Internal server error"): ApiError {
  return new ApiError(500, "INTERNAL_ERROR", message);
}

const CODE_BY_STATUS: Record<number, [string, string]> = {
  400: ["VALIDATION_ERROR", "Invalid request parameters"],
  401: ["UNAUTHORIZED", "Invalid API key"],
  403: ["FORBIDDEN", "Forbidden"],
  404: ["NOT_FOUND", "Resource not found"],
  409: ["DUPLICATE", "Conflict"],
  413: ["PAYLOAD_TOO_LARGE", "Request body too large"],
  422: ["DECLINED", "Payment declined by issuing bank"],
  429: ["RATE_LIMITED", "Too many requests"],
  500: ["INTERNAL_ERROR", "Internal server error"],
  502: ["BAD_GATEWAY", "Bad gateway"],
  503: ["SERVICE_UNAVAILABLE", "Service temporarily unavailable"],
  504: ["GATEWAY_TIMEOUT", "Gateway timeout"],
};

/** The envelope a given HTTP status carries when injected as a fault. */
export function errorForStatus(status: number, retryAfterSeconds?: number): ApiError {
  const [code, message] = CODE_BY_STATUS[status] ?? [status >= 500 ? "INTERNAL_ERROR" : "ERROR", `HTTP ${status}`];
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== undefined) headers["retry-after"] = String(retryAfterSeconds);
  else if (status === 429) headers["retry-after"] = "1";
  return new ApiError(status, code, message, {}, headers);
}
