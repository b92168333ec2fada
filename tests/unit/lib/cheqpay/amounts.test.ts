import { describe, expect, it } from "vitest";
import { fromMajorUnits, fromWireAmount, toWireAmount } from "@/lib/cheqpay/amounts";

describe("toWireAmount", () => {
  it("sends centavos unchanged in minor units", () => {
    expect(toWireAmount(124900, "minor")).toBe(124900);
    expect(toWireAmount(0, "minor")).toBe(0);
  });

  it("sends pesos in major units", () => {
    expect(toWireAmount(124900, "major")).toBe(1249);
    expect(toWireAmount(1999, "major")).toBe(19.99);
  });

  it.each([-1, 12.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])("refuses %d centavos", (amount) => {
    expect(() => toWireAmount(amount, "minor")).toThrow(RangeError);
  });
});

describe("fromWireAmount", () => {
  it("reads minor units as centavos", () => {
    expect(fromWireAmount(124900, "minor")).toBe(124900);
  });

  it("reads major units as centavos without floating-point drift", () => {
    expect(fromWireAmount(1249, "major")).toBe(124900);
    expect(fromWireAmount(19.99, "major")).toBe(1999);
    expect(fromWireAmount(0.29, "major")).toBe(29);
    expect(fromWireAmount(1.15, "major")).toBe(115);
  });
});

describe("fromMajorUnits", () => {
  it("reads a payment-level amount in pesos as centavos", () => {
    expect(fromMajorUnits(1249)).toBe(124900);
    expect(fromMajorUnits(200.99)).toBe(20099);
    expect(fromMajorUnits(0)).toBe(0);
  });
});
