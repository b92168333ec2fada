// The job queue of this process, once the server has started it. Kept on globalThis: Next loads the
// instrumentation hook (which starts the queue) and the route handlers as separate bundles, each with its own
// copy of this module. Only a shortcut: work queued after a commit is also found by the every-minute sweep, so
// nothing depends on it being set (tests, scripts).
import type { JobQueue } from "./queues";

const KEY = Symbol.for("cheqpay-checkout.job-queue");
const holder = globalThis as typeof globalThis & { [KEY]?: JobQueue | null };

export function setDefaultJobQueue(queue: JobQueue | null): void {
  holder[KEY] = queue;
}

export function defaultJobQueue(): JobQueue | null {
  return holder[KEY] ?? null;
}
