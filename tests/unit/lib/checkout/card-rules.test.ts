import { describe, expect, it } from "vitest";
import {
  cardNumberProblem,
  cvcLength,
  detectBrand,
  digitsOnly,
  formatCardNumber,
  isExpired,
  parseExpiry,
} from "@/lib/checkout/card-rules";

describe("detectBrand", () => {
  it.each([
    ["41", "visa"],
    ["4111 1111 1111 1111", "visa"],
    ["4000000000002503", "visa"],
    ["51", "mastercard"],
    ["55", "mastercard"],
    ["5555 5555 5555 4444", "mastercard"],
    ["2221", "mastercard"],
    ["2720", "mastercard"],
    ["5200000000002151", "mastercard"],
    ["34", "amex"],
    ["37", "amex"],
    ["3782 822463 10005", "amex"],
  ] as const)("%s → %s", (number, brand) => {
    expect(detectBrand(number)).toBe(brand);
  });

  it.each([
    ["", "nothing typed"],
    ["9", "no brand starts with 9"],
    ["6011111111111117", "Discover"],
    ["3530111333300000", "JCB"],
    ["30569309025904", "Diners Club"],
    ["6200000000000005", "UnionPay"],
  ])("%s → null (%s)", (number) => {
    expect(detectBrand(number)).toBeNull();
  });
});

describe("formatCardNumber", () => {
  it("groups Visa and Mastercard in fours as they are typed", () => {
    expect(formatCardNumber("4")).toBe("4");
    expect(formatCardNumber("4111")).toBe("4111");
    expect(formatCardNumber("41111")).toBe("4111 1");
    expect(formatCardNumber("411111111111")).toBe("4111 1111 1111");
    expect(formatCardNumber("4111111111111111")).toBe("4111 1111 1111 1111");
    expect(formatCardNumber("5555555555554444")).toBe("5555 5555 5555 4444");
  });

  it("groups American Express 4-6-5", () => {
    expect(formatCardNumber("3782")).toBe("3782");
    expect(formatCardNumber("37828")).toBe("3782 8");
    expect(formatCardNumber("3782822463")).toBe("3782 822463");
    expect(formatCardNumber("37828224631")).toBe("3782 822463 1");
    expect(formatCardNumber("378282246310005")).toBe("3782 822463 10005");
  });

  it("ignores what is not a digit and stops at 19 digits", () => {
    expect(formatCardNumber("4111-1111 1111.1111")).toBe("4111 1111 1111 1111");
    expect(formatCardNumber("4111 1111 1111 1111 1234 5678")).toBe("4111 1111 1111 1111 123");
    expect(digitsOnly(" 4a1b1c1 ")).toBe("4111");
  });
});

describe("cardNumberProblem (Luhn and brand)", () => {
  it("accepts Luhn-valid Visa, Mastercard and American Express numbers, spaced or not", () => {
    expect(cardNumberProblem("4111111111111111")).toBeNull();
    expect(cardNumberProblem("4111 1111 1111 1111")).toBeNull();
    expect(cardNumberProblem("5555555555554444")).toBeNull();
    expect(cardNumberProblem("2223003122003222")).toBeNull();
    expect(cardNumberProblem("378282246310005")).toBeNull();
  });

  it("finds an empty number, a bad checksum, an incomplete number and other brands", () => {
    expect(cardNumberProblem("")).toBe("required");
    expect(cardNumberProblem("   ")).toBe("required");
    expect(cardNumberProblem("4111111111111112")).toBe("invalid");
    expect(cardNumberProblem("378282246310006")).toBe("invalid");
    expect(cardNumberProblem("4111 1111")).toBe("invalid");
    expect(cardNumberProblem("9999999999999995")).toBe("invalid");
    expect(cardNumberProblem("6011111111111117")).toBe("unsupported");
    expect(cardNumberProblem("3530111333300000")).toBe("unsupported");
  });
});

describe("parseExpiry", () => {
  it("reads MM/YY with or without spaces and a one-digit month", () => {
    expect(parseExpiry("12/30")).toEqual({ month: 12, year: 2030 });
    expect(parseExpiry("01/27")).toEqual({ month: 1, year: 2027 });
    expect(parseExpiry("1/27")).toEqual({ month: 1, year: 2027 });
    expect(parseExpiry(" 08 / 29 ")).toEqual({ month: 8, year: 2029 });
  });

  it("refuses months out of range and other shapes", () => {
    for (const value of ["", "00/30", "13/30", "1230", "12/2030", "12-30", "ab/cd", "12/3"]) {
      expect(parseExpiry(value), value).toBeNull();
    }
  });
});

describe("isExpired", () => {
  it("is valid through the last day of the expiry month", () => {
    expect(isExpired({ month: 3, year: 2026 }, new Date(2026, 2, 1))).toBe(false);
    expect(isExpired({ month: 3, year: 2026 }, new Date(2026, 2, 31, 23, 59, 59))).toBe(false);
    expect(isExpired({ month: 3, year: 2026 }, new Date(2026, 3, 1, 0, 0, 0))).toBe(true);
  });

  it("handles the year boundary", () => {
    expect(isExpired({ month: 12, year: 2025 }, new Date(2025, 11, 31))).toBe(false);
    expect(isExpired({ month: 12, year: 2025 }, new Date(2026, 0, 1))).toBe(true);
    expect(isExpired({ month: 1, year: 2026 }, new Date(2025, 11, 31))).toBe(false);
  });

  it("compares years before months", () => {
    expect(isExpired({ month: 12, year: 2024 }, new Date(2025, 0, 15))).toBe(true);
    expect(isExpired({ month: 1, year: 2030 }, new Date(2025, 11, 15))).toBe(false);
  });
});

describe("cvcLength", () => {
  it("is 4 for American Express and 3 otherwise", () => {
    expect(cvcLength("amex")).toBe(4);
    expect(cvcLength("visa")).toBe(3);
    expect(cvcLength("mastercard")).toBe(3);
    expect(cvcLength(null)).toBe(3);
  });
});
