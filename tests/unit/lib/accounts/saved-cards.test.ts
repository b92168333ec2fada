import { describe, expect, it } from "vitest";
import { isCardExpired } from "@/lib/accounts/saved-cards";

const may15 = new Date(2026, 4, 15, 12, 0, 0); // 15 May 2026, local time

describe("isCardExpired", () => {
  it("keeps a card valid through its expiry month", () => {
    expect(isCardExpired({ expiryMonth: 5, expiryYear: 2026 }, may15)).toBe(false);
    expect(isCardExpired({ expiryMonth: 5, expiryYear: 2026 }, new Date(2026, 4, 31, 23, 59, 59))).toBe(false);
  });

  it("expires a card once its expiry month has ended", () => {
    expect(isCardExpired({ expiryMonth: 5, expiryYear: 2026 }, new Date(2026, 5, 1, 0, 0, 0))).toBe(true);
  });

  it("expires a card of an earlier month or year", () => {
    expect(isCardExpired({ expiryMonth: 4, expiryYear: 2026 }, may15)).toBe(true);
    expect(isCardExpired({ expiryMonth: 12, expiryYear: 2025 }, may15)).toBe(true);
  });

  it("keeps a card of a later month or year", () => {
    expect(isCardExpired({ expiryMonth: 6, expiryYear: 2026 }, may15)).toBe(false);
    expect(isCardExpired({ expiryMonth: 1, expiryYear: 2027 }, may15)).toBe(false);
  });
});
