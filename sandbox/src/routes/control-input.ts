// Shared helpers of the /_sandbox control endpoints.
import type { IncomingHttpHeaders } from "node:http";
import { notFound, validationError } from "../errors.js";
import type { JsonParse } from "../http-utils.js";
import type { Runtime } from "../runtime.js";
import type { Merchant } from "../types.js";
import { isObject } from "../validation.js";

export interface ControlRequest {
  rt: Runtime;
  method: string;
  /** Path segments after "/_sandbox". */
  parts: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: JsonParse;
}

/** Control bodies are optional JSON objects; bad JSON is a 400 like on the API. */
export function controlBody(request: ControlRequest): Record<string, unknown> {
  if (!request.body.ok) throw validationError([{ field: "body", message: "must be valid JSON" }]);
  const value = request.body.value;
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw validationError([{ field: "body", message: "must be a JSON object" }]);
  return value;
}

/** The merchant a control call is about: body.merchantId, ?merchantId= or x-merchant-id; else the default one. */
export function controlMerchant(request: ControlRequest, body: Record<string, unknown> = {}): Merchant {
  const header = request.headers["x-merchant-id"];
  const raw = body.merchantId ?? request.query.get("merchantId") ?? (Array.isArray(header) ? header[0] : header);
  if (raw === undefined || raw === null || raw === "") return request.rt.store.defaultMerchant;
  if (typeof raw !== "string") throw validationError([{ field: "merchantId", message: "must be a string" }]);
  const merchant = request.rt.store.merchantById(raw);
  if (!merchant) throw notFound("Merchant");
  return merchant;
}
