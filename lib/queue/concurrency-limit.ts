// At most `max` tasks at once; the rest wait their turn in order. The job runner shares one across every queue:
// a job may hold a transaction and need a second connection of the same pool (an email's own record), so if
// jobs could take every connection while each waits for one more, all of them (and every request queueing work
// behind them) would wait forever.
export type ConcurrencyLimit = <T>(task: () => Promise<T>) => Promise<T>;

export function concurrencyLimit(max: number): ConcurrencyLimit {
  if (!Number.isInteger(max) || max < 1) throw new Error(`concurrency limit must be a positive integer, not ${max}`);
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running--;
    const next = waiting.shift();
    if (next) next();
  };
  return async (task) => {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
