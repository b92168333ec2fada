// The request (or job) being served, for every log line and Cheqpay call made while serving it. Kept on
// globalThis: Next bundles route handlers, Server Actions and the instrumentation hook separately, and they must
// share one store.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export type RequestContext = { requestId: string };

const KEY = Symbol.for("cheqpay-checkout.request-context");
const holder = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<RequestContext> };
const storage = (holder[KEY] ??= new AsyncLocalStorage<RequestContext>());

/** A request id from outside is kept only when it looks like one (it ends up in logs and Cheqpay's headers). */
export function requestIdFrom(value: string | null | undefined): string {
  return value && /^[A-Za-z0-9._:-]{8,100}$/.test(value) ? value : randomUUID();
}

export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
