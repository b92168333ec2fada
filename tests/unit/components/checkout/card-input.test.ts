import { describe, expect, it } from "vitest";
import {
  browserInfoFrom,
  caretAfterDigits,
  digitsBefore,
  formatCardNumberInput,
  formatCvcInput,
  formatExpiryInput,
  PLACEHOLDER_BROWSER_INFO,
} from "@/components/checkout/card-input";
import { sessionIdOf } from "@/components/checkout/device-data-message";
import { browserInfoSchema } from "@/lib/checkout/checkout-form-schema";

describe("formatCardNumberInput", () => {
  it("groups while typing at the end, caret at the end", () => {
    expect(formatCardNumberInput("41111")).toEqual({ value: "4111 1", caret: 6 });
    expect(formatCardNumberInput("4111 1111 1111 11111")).toEqual({ value: "4111 1111 1111 1111 1", caret: 21 });
    expect(formatCardNumberInput("37828")).toEqual({ value: "3782 8", caret: 6 });
    expect(formatCardNumberInput("3782 8224631")).toEqual({ value: "3782 822463 1", caret: 13 });
  });

  it("keeps the caret after the digit just typed in the middle", () => {
    // "4111 |1111" + "2" typed → "4111 21111" → "4111 2111 1", caret after the 2.
    const typed = "4111 21111";
    const { value, caret } = formatCardNumberInput(typed, 6);
    expect(value).toBe("4111 2111 1");
    expect(value.slice(0, caret)).toBe("4111 2");
  });

  it("stops at 15 digits for American Express and 19 for others", () => {
    expect(formatCardNumberInput("3782822463100051234").value).toBe("3782 822463 10005");
    expect(formatCardNumberInput("41111111111111111111234").value).toBe("4111 1111 1111 1111 111");
  });

  it("drops what is not a digit", () => {
    expect(formatCardNumberInput("4a1-1.1").value).toBe("4111");
    expect(formatCardNumberInput("").value).toBe("");
  });
});

describe("caret helpers", () => {
  it("count digits and find positions in a formatted number", () => {
    expect(digitsBefore("4111 1111", 6)).toBe(5);
    expect(caretAfterDigits("4111 1111", 5)).toBe(6);
    expect(caretAfterDigits("4111 1111", 4)).toBe(4);
    expect(caretAfterDigits("4111 1111", 0)).toBe(0);
    expect(caretAfterDigits("4111", 9)).toBe(4);
  });
});

describe("formatExpiryInput", () => {
  it("adds the slash after the month", () => {
    expect(formatExpiryInput("1")).toBe("1");
    expect(formatExpiryInput("12")).toBe("12/");
    expect(formatExpiryInput("12/3")).toBe("12/3");
    expect(formatExpiryInput("12/34")).toBe("12/34");
    expect(formatExpiryInput("12/345")).toBe("12/34");
    expect(formatExpiryInput("1234")).toBe("12/34");
  });

  it("pads a month that can only have one digit", () => {
    expect(formatExpiryInput("4")).toBe("04/");
    expect(formatExpiryInput("1/")).toBe("01/");
    expect(formatExpiryInput("0")).toBe("0");
    expect(formatExpiryInput("0/")).toBe("0");
  });

  it("lets the shopper delete backwards over the slash", () => {
    expect(formatExpiryInput("12", true)).toBe("12");
    expect(formatExpiryInput("12/", true)).toBe("12/");
    expect(formatExpiryInput("1", true)).toBe("1");
    expect(formatExpiryInput("0", true)).toBe("0");
  });

  it("takes pasted and autofilled dates", () => {
    expect(formatExpiryInput("12/2030")).toBe("12/30");
    expect(formatExpiryInput("122030")).toBe("12/30");
    expect(formatExpiryInput(" 08 / 29 ")).toBe("08/29");
    expect(formatExpiryInput("8/29")).toBe("08/29");
  });
});

describe("formatCvcInput", () => {
  it("keeps 3 digits, or 4 for American Express", () => {
    expect(formatCvcInput("1234", "4111111111111111")).toBe("123");
    expect(formatCvcInput("12345", "378282246310005")).toBe("1234");
    expect(formatCvcInput("1a2", "")).toBe("12");
  });
});

describe("browserInfoFrom", () => {
  it("measures the screen, time zone, Java and language within the schema's ranges", () => {
    const info = browserInfoFrom({
      screen: { width: 1440, height: 900, colorDepth: 24 },
      navigator: { language: "es-MX", javaEnabled: () => false },
      now: new Date(),
    });
    expect(info).toMatchObject({ screenWidth: 1440, screenHeight: 900, colorDepth: 24, javaEnabled: false, javaScriptEnabled: true, language: "es-MX" });
    expect(info.timeZoneOffset).toBe(new Date().getTimezoneOffset());
    expect(browserInfoSchema.safeParse(info).success).toBe(true);
  });

  it("copes with odd browsers", () => {
    const info = browserInfoFrom({
      screen: { width: Number.NaN, height: 1e9, colorDepth: 30.5 },
      navigator: {
        language: "x".repeat(50),
        javaEnabled: () => {
          throw new Error("no Java");
        },
      },
      now: { getTimezoneOffset: () => -5000 } as Date,
    });
    expect(info).toMatchObject({ screenWidth: 0, screenHeight: 100_000, colorDepth: 31, timeZoneOffset: -900, javaEnabled: false });
    expect(browserInfoSchema.safeParse(info).success).toBe(true);
    expect(browserInfoFrom({ screen: { width: 1, height: 1, colorDepth: 1 }, navigator: {}, now: new Date() }).javaEnabled).toBe(false);
  });

  it("starts from values the schema accepts", () => {
    expect(browserInfoSchema.safeParse(PLACEHOLDER_BROWSER_INFO).success).toBe(true);
  });
});

describe("sessionIdOf (the device-data page's message)", () => {
  it("reads the SessionId of profile.completed", () => {
    expect(sessionIdOf(JSON.stringify({ MessageType: "profile.completed", SessionId: "sess_1", Status: true }))).toBe("sess_1");
    expect(sessionIdOf({ MessageType: "profile.completed", SessionId: "sess_2" })).toBe("sess_2");
  });

  it("ignores anything else", () => {
    expect(sessionIdOf("not json")).toBeNull();
    expect(sessionIdOf(JSON.stringify({ MessageType: "other", SessionId: "x" }))).toBeNull();
    expect(sessionIdOf(JSON.stringify({ MessageType: "profile.completed" }))).toBeNull();
    expect(sessionIdOf(JSON.stringify({ MessageType: "profile.completed", SessionId: "" }))).toBeNull();
    expect(sessionIdOf(null)).toBeNull();
    expect(sessionIdOf(42)).toBeNull();
  });
});
