import { describe, expect, it } from "vitest";
import { DEFAULT_LOCALE, isLocale, negotiateLocale } from "@/lib/i18n/locales";

describe("negotiateLocale", () => {
  it("maps any Spanish to es-MX and any English to en", () => {
    expect(negotiateLocale("es-MX")).toBe("es-MX");
    expect(negotiateLocale("es")).toBe("es-MX");
    expect(negotiateLocale("es-ES,es;q=0.9")).toBe("es-MX");
    expect(negotiateLocale("en-US,en;q=0.9")).toBe("en");
    expect(negotiateLocale("EN-gb")).toBe("en");
  });

  it("follows the shopper's order of preference and q-values", () => {
    expect(negotiateLocale("en-US,es-MX;q=0.8")).toBe("en");
    expect(negotiateLocale("es-MX;q=0.5,en;q=0.9")).toBe("en");
    expect(negotiateLocale("fr-FR,es;q=0.7,en;q=0.6")).toBe("es-MX");
    expect(negotiateLocale("en;q=0.5, es;q=0.5")).toBe("en");
  });

  it("skips languages we do not have and ones refused with q=0", () => {
    expect(negotiateLocale("de-DE,en;q=0.3")).toBe("en");
    expect(negotiateLocale("en;q=0,es;q=0.1")).toBe("es-MX");
  });

  it("falls back to es-MX for nothing usable", () => {
    expect(DEFAULT_LOCALE).toBe("es-MX");
    expect(negotiateLocale(null)).toBe("es-MX");
    expect(negotiateLocale(undefined)).toBe("es-MX");
    expect(negotiateLocale("")).toBe("es-MX");
    expect(negotiateLocale("*")).toBe("es-MX");
    expect(negotiateLocale("fr,de;q=0.8")).toBe("es-MX");
    expect(negotiateLocale(";;,,q=1")).toBe("es-MX");
  });

  it("does not take a prefix look-alike for Spanish or English", () => {
    expect(negotiateLocale("est,eng")).toBe("es-MX"); // neither matches: the default
    expect(negotiateLocale("enx,en")).toBe("en");
  });
});

describe("isLocale", () => {
  it("accepts exactly the shop's locales", () => {
    expect(isLocale("es-MX")).toBe(true);
    expect(isLocale("en")).toBe(true);
    expect(isLocale("es")).toBe(false);
    expect(isLocale("en-US")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});
