import { describe, expect, it } from "vitest";
import { centavosToPesosInput, MAX_INPUT_CENTAVOS, parsePesosToCentavos } from "@/lib/admin/money-input";

const centavos = (input: unknown) => {
  const result = parsePesosToCentavos(input);
  return result.ok ? result.centavos : result.error;
};

describe("parsePesosToCentavos", () => {
  it("reads pesos with up to 2 decimals as exact centavos", () => {
    expect(centavos("123.45")).toBe(12345);
    expect(centavos("123.4")).toBe(12340);
    expect(centavos("123")).toBe(12300);
    expect(centavos("123.")).toBe(12300);
    expect(centavos("0.01")).toBe(1);
    expect(centavos("0.10")).toBe(10);
    expect(centavos("007.50")).toBe(750);
    // Floating point would make 1.15 * 100 = 114.99999999999999.
    expect(centavos("1.15")).toBe(115);
    expect(centavos("4.35")).toBe(435);
  });

  it("accepts what people paste: spaces, a peso sign, MXN, thousands separators", () => {
    expect(centavos("  80.00 ")).toBe(8000);
    expect(centavos("$1,249.00")).toBe(124900);
    expect(centavos("MX$1,249.5")).toBe(124950);
    expect(centavos("1,234,567.89")).toBe(123456789);
    expect(centavos("250 MXN")).toBe(25000);
  });

  it("refuses more than 2 decimals", () => {
    expect(centavos("1.234")).toBe("tooManyDecimals");
    expect(centavos("0.001")).toBe("tooManyDecimals");
    expect(centavos("10.000")).toBe("tooManyDecimals");
  });

  it("refuses negatives and zero", () => {
    expect(centavos("-5")).toBe("negative");
    expect(centavos("-0.50")).toBe("negative");
    expect(centavos("−5")).toBe("negative");
    expect(centavos("-$5")).toBe("negative");
    expect(centavos("0")).toBe("zero");
    expect(centavos("0.00")).toBe("zero");
    expect(centavos("000")).toBe("zero");
  });

  it("refuses what is not a number of pesos", () => {
    for (const input of ["abc", "12abc", "1e3", "Infinity", "NaN", "0x10", "1.2.3", "1,23", "12,34.5", ",123", ".5", "+5", "5-", "1 000", "١٢٣"]) {
      expect(centavos(input), input).toBe("invalid");
    }
    expect(centavos(12.5)).toBe("invalid");
    expect(centavos({})).toBe("invalid");
  });

  it("asks for an amount when there is none", () => {
    expect(centavos("")).toBe("required");
    expect(centavos("   ")).toBe("required");
    expect(centavos("$")).toBe("required");
    expect(centavos(undefined)).toBe("required");
    expect(centavos(null)).toBe("required");
  });

  it("refuses amounts beyond what the field takes", () => {
    expect(centavos("100000000.00")).toBe(MAX_INPUT_CENTAVOS);
    expect(centavos("100000000.01")).toBe("tooLarge");
    expect(centavos("9".repeat(30))).toBe("tooLarge");
  });
});

describe("centavosToPesosInput", () => {
  it("writes centavos as the field's value, which reads back the same", () => {
    expect(centavosToPesosInput(12345)).toBe("123.45");
    expect(centavosToPesosInput(8000)).toBe("80.00");
    expect(centavosToPesosInput(5)).toBe("0.05");
    expect(centavosToPesosInput(0)).toBe("0.00");
    expect(centavosToPesosInput(123456789)).toBe("1234567.89");
    for (const value of [1, 99, 100, 101, 115, 435, 999999]) expect(centavos(centavosToPesosInput(value))).toBe(value);
  });

  it("refuses what is not whole, non-negative centavos", () => {
    expect(() => centavosToPesosInput(1.5)).toThrow(RangeError);
    expect(() => centavosToPesosInput(-1)).toThrow(RangeError);
  });
});
