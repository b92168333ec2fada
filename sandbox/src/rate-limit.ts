// Optional per-API-key limiter (reference §11.3: off by default). A fixed one-second window is
// enough to let a client's 429/Retry-After handling be tested.

export class RateLimiter {
  private readonly windows = new Map<string, { second: number; count: number }>();

  /** Returns the Retry-After seconds when the key is over its limit, else null. */
  check(key: string, limitPerSecond: number, nowMs = Date.now()): number | null {
    if (limitPerSecond <= 0) return null;
    const second = Math.floor(nowMs / 1000);
    const window = this.windows.get(key);
    if (!window || window.second !== second) {
      this.windows.set(key, { second, count: 1 });
      return null;
    }
    window.count++;
    return window.count > limitPerSecond ? 1 : null;
  }

  reset(): void {
    this.windows.clear();
  }
}
