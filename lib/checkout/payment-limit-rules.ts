// The card-testing limits' decision, pure: given how many attempts (and declines) the shopper's IP, email and
// order made within the window, may this submit reach Cheqpay, and if not, how long until it may.
import type { PaymentLimits } from "@/lib/config";
import type { PaymentLimitName } from "@/lib/db/schema";
import { decideLimits, type LimitCount, type LimitVerdict } from "@/lib/limits/sliding-window";

/** Per limit; null when the submit has nothing to count it by (no known IP, no order yet). */
export type PaymentLimitCounts = Record<PaymentLimitName, LimitCount | null>;

export type PaymentLimitVerdict = LimitVerdict<PaymentLimitName>;

export const PAYMENT_LIMIT_NAMES = ["declines-per-ip", "attempts-per-ip", "attempts-per-email", "attempts-per-order"] as const satisfies readonly PaymentLimitName[];

export function maximumOf(limit: PaymentLimitName, limits: PaymentLimits): number {
  switch (limit) {
    case "attempts-per-ip":
      return limits.attemptsPerIp;
    case "declines-per-ip":
      return limits.declinesPerIp;
    case "attempts-per-email":
      return limits.attemptsPerEmail;
    case "attempts-per-order":
      return limits.attemptsPerOrder;
  }
}

/** Allowed while every count is below its limit: with 10 attempts per IP, the 10th is allowed, the 11th is not. */
export function decidePaymentLimits(counts: PaymentLimitCounts, limits: PaymentLimits, nowMs: number): PaymentLimitVerdict {
  const checks = PAYMENT_LIMIT_NAMES.map((name) => ({ name, maximum: maximumOf(name, limits), counted: counts[name] }));
  return decideLimits(checks, limits.windowMinutes, nowMs);
}
