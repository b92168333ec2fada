import { describe, expect, it } from "vitest";
import { isOverLimitNow, parseRiskPeriod } from "@/lib/admin/risk-queries";
import type { PaymentLimits } from "@/lib/config";

const LIMITS: PaymentLimits = { windowMinutes: 10, attemptsPerIp: 10, declinesPerIp: 5, attemptsPerEmail: 10, attemptsPerOrder: 5 };

describe("the card-testing page", () => {
  it("marks an IP refused now once its attempts or declines in the window reach their limit", () => {
    expect(isOverLimitNow({ windowAttempts: 9, windowDeclines: 4 }, LIMITS)).toBe(false);
    expect(isOverLimitNow({ windowAttempts: 10, windowDeclines: 0 }, LIMITS)).toBe(true);
    expect(isOverLimitNow({ windowAttempts: 5, windowDeclines: 5 }, LIMITS)).toBe(true);
  });

  it("shows the last hour or the last 24 hours (the default)", () => {
    expect(parseRiskPeriod("1h")).toBe("1h");
    expect(parseRiskPeriod("24h")).toBe("24h");
    expect(parseRiskPeriod("7d")).toBe("24h");
    expect(parseRiskPeriod(["1h"])).toBe("24h");
    expect(parseRiskPeriod(undefined)).toBe("24h");
  });
});
