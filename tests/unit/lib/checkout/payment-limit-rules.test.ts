import { describe, expect, it } from "vitest";
import { decidePaymentLimits, type PaymentLimitCounts } from "@/lib/checkout/payment-limit-rules";
import type { PaymentLimits } from "@/lib/config";

const LIMITS: PaymentLimits = { windowMinutes: 10, attemptsPerIp: 10, declinesPerIp: 5, attemptsPerEmail: 10, attemptsPerOrder: 5 };
const NOW = Date.UTC(2026, 4, 1, 12, 0, 0);
const minutes = (n: number) => NOW + n * 60_000;

function counts(overrides: Partial<PaymentLimitCounts> = {}): PaymentLimitCounts {
  return {
    "attempts-per-ip": { count: 0, freedAtMs: null },
    "declines-per-ip": { count: 0, freedAtMs: null },
    "attempts-per-email": { count: 0, freedAtMs: null },
    "attempts-per-order": { count: 0, freedAtMs: null },
    ...overrides,
  };
}

describe("decidePaymentLimits", () => {
  it("allows the 10th attempt from an IP and refuses the 11th", () => {
    expect(decidePaymentLimits(counts({ "attempts-per-ip": { count: 9, freedAtMs: null } }), LIMITS, NOW)).toEqual({ kind: "allowed" });
    expect(decidePaymentLimits(counts({ "attempts-per-ip": { count: 10, freedAtMs: minutes(3) } }), LIMITS, NOW)).toEqual({
      kind: "limited",
      limit: "attempts-per-ip",
      retryAfterSeconds: 180,
    });
  });

  it("refuses after 5 declines from an IP, however few attempts", () => {
    const verdict = decidePaymentLimits(
      counts({ "attempts-per-ip": { count: 5, freedAtMs: null }, "declines-per-ip": { count: 5, freedAtMs: minutes(8) } }),
      LIMITS,
      NOW,
    );
    expect(verdict).toEqual({ kind: "limited", limit: "declines-per-ip", retryAfterSeconds: 480 });
  });

  it("refuses past the attempts of one email and of one order", () => {
    expect(decidePaymentLimits(counts({ "attempts-per-email": { count: 10, freedAtMs: minutes(1) } }), LIMITS, NOW)).toMatchObject({
      kind: "limited",
      limit: "attempts-per-email",
    });
    expect(decidePaymentLimits(counts({ "attempts-per-order": { count: 5, freedAtMs: minutes(1) } }), LIMITS, NOW)).toMatchObject({
      kind: "limited",
      limit: "attempts-per-order",
    });
  });

  it("does not limit by IP when the IP is unknown, nor by order before there is one", () => {
    expect(decidePaymentLimits(counts({ "attempts-per-ip": null, "declines-per-ip": null, "attempts-per-order": null }), LIMITS, NOW)).toEqual({
      kind: "allowed",
    });
  });

  it("reports the limit the shopper waits longest for", () => {
    const verdict = decidePaymentLimits(
      counts({ "declines-per-ip": { count: 5, freedAtMs: minutes(2) }, "attempts-per-order": { count: 6, freedAtMs: minutes(9) } }),
      LIMITS,
      NOW,
    );
    expect(verdict).toEqual({ kind: "limited", limit: "attempts-per-order", retryAfterSeconds: 540 });
  });

  it("follows the configured maximums", () => {
    const strict = { ...LIMITS, attemptsPerEmail: 2 };
    expect(decidePaymentLimits(counts({ "attempts-per-email": { count: 2, freedAtMs: minutes(5) } }), strict, NOW)).toMatchObject({
      limit: "attempts-per-email",
    });
  });
});
