import { describe, expect, it } from "vitest";
import { containsNul, MULTI_LINE_TEXT, OPAQUE_ID, SINGLE_LINE_TEXT } from "@/lib/validation/plain-text";

const PEOPLE_TYPE = ["Ana María", "O'Brien-López", "José Ñúñez", "ناصر", "\u202Eevil\u202C", "zero\u200Bwidth", "🎉 party", "<img src=x>", "' OR 1=1 --"];

describe("SINGLE_LINE_TEXT", () => {
  it("accepts what people type, in any script, with markup and SQL as plain characters", () => {
    for (const text of PEOPLE_TYPE) expect(SINGLE_LINE_TEXT.test(text), text).toBe(true);
  });

  it("refuses NUL, newlines, tabs, escape sequences and DEL", () => {
    for (const text of ["A\u0000na", "Ana\n", "A\tna", "\u001b[31mred", "back\u0008space", "del\u007f"]) {
      expect(SINGLE_LINE_TEXT.test(text), JSON.stringify(text)).toBe(false);
    }
  });
});

describe("MULTI_LINE_TEXT", () => {
  it("accepts several lines and tabs", () => {
    expect(MULTI_LINE_TEXT.test("Damaged in transit.\r\nCustomer called.\tTwice.")).toBe(true);
  });

  it("refuses NUL and other control characters", () => {
    for (const text of ["reason\u0000", "\u001b[2J", "\u000b", "\u007f"]) expect(MULTI_LINE_TEXT.test(text), JSON.stringify(text)).toBe(false);
  });
});

describe("OPAQUE_ID", () => {
  it("accepts ids as other systems make them", () => {
    for (const id of ["pm_1Nx9", "550e8400-e29b-41d4-a716-446655440000", "att_0123abcd", "ord:42/x"]) expect(OPAQUE_ID.test(id), id).toBe(true);
  });

  it("refuses empty, spaced, non-ASCII and control-character ids", () => {
    for (const id of ["", "pm 1", "pm_\u0000", "pm_é", "pm_🎉", "' OR 1=1 --"]) expect(OPAQUE_ID.test(id), JSON.stringify(id)).toBe(false);
  });
});

describe("containsNul", () => {
  it("finds NUL in a string, a nested value or a key", () => {
    expect(containsNul("a\u0000")).toBe(true);
    expect(containsNul({ data: { list: [1, "x", { card: { brand: "vi\u0000sa" } }] } })).toBe(true);
    expect(containsNul({ ["k\u0000"]: 1 })).toBe(true);
  });

  it("is false for clean JSON of any shape", () => {
    for (const value of [null, 1, true, "text", [], {}, { a: [{ b: "c" }] }]) expect(containsNul(value)).toBe(false);
  });

  it("treats absurdly deep nesting as hostile instead of recursing without end", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 200; i++) deep = [deep];
    expect(containsNul(deep)).toBe(true);
  });
});
