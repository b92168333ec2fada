import { describe, expect, it } from "vitest";
import { decideLimits, limitAddress, minutesToWait } from "@/lib/limits/sliding-window";

const NOW = Date.UTC(2026, 4, 1, 12, 0, 0);
const WINDOW = 10;

describe("decideLimits", () => {
  it("allows while every count is below its maximum", () => {
    const verdict = decideLimits(
      [
        { name: "a", maximum: 10, counted: { count: 9, freedAtMs: null } },
        { name: "b", maximum: 5, counted: { count: 0, freedAtMs: null } },
      ],
      WINDOW,
      NOW,
    );
    expect(verdict).toEqual({ kind: "allowed" });
  });

  it("refuses once a count reaches its maximum, until the row holding it there leaves the window", () => {
    const verdict = decideLimits([{ name: "a", maximum: 10, counted: { count: 10, freedAtMs: NOW + 4 * 60_000 + 500 } }], WINDOW, NOW);
    expect(verdict).toEqual({ kind: "limited", limit: "a", retryAfterSeconds: 241 });
  });

  it("never refuses by a check with nothing to count it by", () => {
    expect(decideLimits([{ name: "a", maximum: 1, counted: null }], WINDOW, NOW)).toEqual({ kind: "allowed" });
  });

  it("reports the limit that frees last when several are reached", () => {
    const verdict = decideLimits(
      [
        { name: "soon", maximum: 2, counted: { count: 2, freedAtMs: NOW + 60_000 } },
        { name: "late", maximum: 3, counted: { count: 7, freedAtMs: NOW + 9 * 60_000 } },
        { name: "below", maximum: 9, counted: { count: 1, freedAtMs: null } },
      ],
      WINDOW,
      NOW,
    );
    expect(verdict).toEqual({ kind: "limited", limit: "late", retryAfterSeconds: 540 });
  });

  it("reports the first listed on a tie, and waits at least a second", () => {
    const verdict = decideLimits(
      [
        { name: "first", maximum: 1, counted: { count: 1, freedAtMs: NOW - 5 } },
        { name: "second", maximum: 1, counted: { count: 1, freedAtMs: NOW - 5 } },
      ],
      WINDOW,
      NOW,
    );
    expect(verdict).toEqual({ kind: "limited", limit: "first", retryAfterSeconds: 1 });
  });

  it("waits the whole window when a reached count says nothing of when it frees", () => {
    expect(decideLimits([{ name: "a", maximum: 1, counted: { count: 3, freedAtMs: null } }], WINDOW, NOW)).toEqual({
      kind: "limited",
      limit: "a",
      retryAfterSeconds: 600,
    });
  });
});

describe("minutesToWait", () => {
  it.each([
    [1, 1],
    [60, 1],
    [61, 2],
    [599, 10],
  ])("%i seconds read as %i minute(s)", (seconds, minutes) => {
    expect(minutesToWait(seconds)).toBe(minutes);
  });
});

describe("limitAddress", () => {
  it("counts an IPv4-mapped IPv6 address as its IPv4 address", () => {
    expect(limitAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(limitAddress("203.0.113.7")).toBe("203.0.113.7");
  });

  it("counts an IPv6 address by its /64 network, however the address is written", () => {
    expect(limitAddress("2001:DB8::1")).toBe("2001:db8::/64");
    expect(limitAddress("2001:db8:aa:bb:1:2:3:4")).toBe("2001:db8:aa:bb::/64");
    expect(limitAddress("2001:0db8:00aa:00bb:ffff:ffff:ffff:ffff")).toBe("2001:db8:aa:bb::/64");
    expect(limitAddress("2001:db8:aa:bb::7")).toBe(limitAddress("2001:db8:aa:bb:9:8:7:6"));
    expect(limitAddress("fe80::1%eth0")).toBe("fe80::/64");
    expect(limitAddress("::1")).toBe("::/64");
    expect(limitAddress("2001:0:0:1::1")).toBe("2001:0:0:1::/64");
  });

  it("tells apart addresses of different /64 networks", () => {
    expect(limitAddress("2001:db8:aa:bb::1")).not.toBe(limitAddress("2001:db8:aa:bc::1"));
  });

  it("counts NAT64's and IPv4-mapped forms of an IPv4 address as that address", () => {
    expect(limitAddress("64:ff9b::203.0.113.7")).toBe("203.0.113.7");
    expect(limitAddress("64:ff9b::cb00:7107")).toBe("203.0.113.7");
    expect(limitAddress("::FFFF:203.0.113.7")).toBe("203.0.113.7");
  });

  it("keeps what is not an IP address as given, and has nothing to count by for a missing address", () => {
    expect(limitAddress(" Unknown ")).toBe("unknown");
    expect(limitAddress("x".repeat(100))).toHaveLength(64);
    expect(limitAddress(undefined)).toBeNull();
    expect(limitAddress("  ")).toBeNull();
  });
});
