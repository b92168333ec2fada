import { describe, expect, it } from "vitest";
import { concurrencyLimit } from "@/lib/queue/concurrency-limit";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("concurrencyLimit", () => {
  it("runs at most `max` tasks at once and every task in the end", async () => {
    const limit = concurrencyLimit(3);
    let running = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit(async () => {
          running++;
          most = Math.max(most, running);
          await tick();
          running--;
          return i;
        }),
      ),
    );
    expect(most).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("starts waiting tasks in the order they came", async () => {
    const limit = concurrencyLimit(1);
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => limit(async () => void order.push(n))));
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it("frees the slot of a task that failed", async () => {
    const limit = concurrencyLimit(1);
    await expect(limit(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(limit(async () => "next")).resolves.toBe("next");
  });

  it("refuses a limit that is not a positive integer", () => {
    expect(() => concurrencyLimit(0)).toThrow();
    expect(() => concurrencyLimit(1.5)).toThrow();
  });
});
