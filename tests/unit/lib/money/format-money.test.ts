import { describe, expect, it } from "vitest";
import { formatMoney, formatMoneyWithCode } from "@/lib/money/format-money";

describe("formatMoney", () => {
  it("formats centavos in the locale's own style", () => {
    expect(formatMoney(124900, "MXN", "es-MX")).toBe("$1,249.00");
    expect(formatMoney(124900, "MXN", "en")).toBe("MX$1,249.00");
  });

  it("keeps the centavos exact", () => {
    expect(formatMoney(1999, "MXN", "es-MX")).toBe("$19.99");
    expect(formatMoney(5, "MXN", "es-MX")).toBe("$0.05");
    expect(formatMoney(0, "MXN", "es-MX")).toBe("$0.00");
    expect(formatMoney(123456789, "MXN", "es-MX")).toBe("$1,234,567.89");
  });

  it("reads the minor unit from the currency (a currency without decimals)", () => {
    expect(formatMoney(500, "JPY", "en")).toBe("¥500");
  });

  it("refuses an amount that is not a whole number of centavos", () => {
    expect(() => formatMoney(12.5, "MXN", "es-MX")).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN, "MXN", "es-MX")).toThrow(RangeError);
  });
});

describe("formatMoneyWithCode", () => {
  it("reads the same in both locales, with the currency code", () => {
    expect(formatMoneyWithCode(124900, "MXN", "es-MX")).toBe("$1,249.00 MXN");
    expect(formatMoneyWithCode(124900, "MXN", "en")).toBe("$1,249.00 MXN");
  });

  it("does not mix up a cached formatter with another style", () => {
    expect(formatMoney(24900, "MXN", "en")).toBe("MX$249.00");
    expect(formatMoneyWithCode(24900, "MXN", "en")).toBe("$249.00 MXN");
    expect(formatMoney(24900, "MXN", "en")).toBe("MX$249.00");
  });
});
