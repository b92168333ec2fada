// Runs a route handler or Server Action inside a request context: its log lines and Cheqpay calls carry the
// request's id (from X-Request-Id when it looks like one, else a new one).
import { headers } from "next/headers";
import { requestIdFrom, runWithRequestContext } from "./request-context";

export async function withRequestContext<T>(work: () => Promise<T>, requestHeaders?: Headers): Promise<T> {
  let source = requestHeaders ?? null;
  if (!source) {
    try {
      source = await headers();
    } catch {
      // Outside a request (a script, a test): a new id.
    }
  }
  const requestId = requestIdFrom(source?.get("x-request-id"));
  return runWithRequestContext({ requestId }, work);
}
