// What an API route handler receives and returns; the pipeline in server.ts does the HTTP part.
import type { Runtime } from "./runtime.js";
import type { Merchant } from "./types.js";

export interface ApiRequest {
  rt: Runtime;
  merchant: Merchant;
  /** Decoded path parameters, e.g. {id}. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body; undefined when the request had none. */
  body: unknown;
}

export interface ApiResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type ApiHandler = (request: ApiRequest) => ApiResult | Promise<ApiResult>;
