import { describe, expect, it } from "vitest";
import enCheckout from "@/messages/en/checkout.json";
import esCheckout from "@/messages/es-MX/checkout.json";
import {
  claimReload,
  KEPT_DETAILS_KEY,
  KEPT_MAX_AGE_MS,
  keepDetails,
  parseKept,
  pickKeptDetails,
  RELOAD_INTERVAL_MS,
  serializeKept,
  takeKeptDetails,
} from "@/components/checkout/kept-details";

const typed = {
  email: "ana@example.com",
  firstName: "Ana",
  lastName: "López",
  phone: "+52 55 1234 5678",
  address: "Av. Reforma 222",
  city: "Ciudad de México",
  state: "CMX",
  postalCode: "06600",
  country: "MX",
  cardNumber: "4111 1111 1111 1111",
  expiry: "12/29",
  cvc: "123",
  paymentMethodId: "pm_123",
  saveCard: true,
  submissionKey: "key_abc",
  browser: { userAgent: "x" },
};

function memoryStore(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

describe("kept details (a page from an older release reloads with them)", () => {
  it("keeps contact and address only: never the card number, expiry, CVC or anything else", () => {
    const kept = pickKeptDetails(typed);
    expect(kept).toEqual({
      email: "ana@example.com",
      firstName: "Ana",
      lastName: "López",
      phone: "+52 55 1234 5678",
      address: "Av. Reforma 222",
      city: "Ciudad de México",
      state: "CMX",
      postalCode: "06600",
      country: "MX",
    });
    const stored = serializeKept(typed, "pay", 1_000);
    for (const secret of ["4111", "12/29", "123\"", "cvc", "cardNumber", "expiry", "key_abc", "pm_123"]) {
      expect(stored).not.toContain(secret);
    }
  });

  it("round-trips through storage once: taking them removes them", () => {
    const store = memoryStore();
    expect(keepDetails(store, typed, "pay", 5_000)).toBe(true);
    expect(takeKeptDetails(store, 6_000)).toEqual({ reason: "pay", fields: pickKeptDetails(typed) });
    expect(store.data.has(KEPT_DETAILS_KEY)).toBe(false);
    expect(takeKeptDetails(store, 6_000)).toBeNull();
  });

  it("drops card fields even when storage was tampered with to hold them", () => {
    const raw = JSON.stringify({ v: 1, at: 0, reason: "pay", fields: { firstName: "Ana", cardNumber: "4111111111111111", cvc: "123", expiry: "12/29" } });
    expect(parseKept(raw, 10)).toEqual({ reason: "pay", fields: { firstName: "Ana" } });
  });

  it("ignores malformed, foreign, stale or future records", () => {
    const good = { v: 1, at: 1_000, reason: "authentication", fields: { city: "Puebla" } };
    expect(parseKept(JSON.stringify(good), 2_000)).toEqual({ reason: "authentication", fields: { city: "Puebla" } });
    for (const raw of [
      null,
      "",
      "{",
      "null",
      "42",
      "[]",
      JSON.stringify({ ...good, v: 2 }),
      JSON.stringify({ ...good, reason: "other" }),
      JSON.stringify({ ...good, at: "1000" }),
      JSON.stringify({ ...good, fields: null }),
      JSON.stringify({ ...good, fields: ["Puebla"] }),
    ]) {
      expect(parseKept(raw, 2_000)).toBeNull();
    }
    expect(parseKept(JSON.stringify(good), 1_000 + KEPT_MAX_AGE_MS + 1)).toBeNull();
    expect(parseKept(JSON.stringify(good), 999)).toBeNull();
    // Non-string values and over-long strings.
    const odd = { ...good, fields: { firstName: 42, lastName: { x: 1 }, city: "x".repeat(1_000) } };
    expect(parseKept(JSON.stringify(odd), 2_000)).toEqual({ reason: "authentication", fields: { city: "x".repeat(254) } });
  });

  it("a storage that throws keeps nothing and takes nothing", () => {
    const broken = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("full");
      },
      removeItem: () => {
        throw new Error("denied");
      },
    };
    expect(keepDetails(broken, typed, "pay", 1)).toBe(false);
    expect(takeKeptDetails(broken, 1)).toBeNull();
    expect(claimReload(broken, 1)).toBe(false);
  });

  it("reloads at most once a minute (a rolling deploy may still mix releases)", () => {
    const store = memoryStore();
    expect(claimReload(store, 100_000)).toBe(true);
    expect(claimReload(store, 100_000 + RELOAD_INTERVAL_MS - 1)).toBe(false);
    expect(claimReload(store, 100_000 + RELOAD_INTERVAL_MS)).toBe(true);
  });
});

describe("the new-release messages", () => {
  it("exist in both locales and differ from each other", () => {
    for (const messages of [enCheckout, esCheckout] as Record<string, unknown>[]) {
      for (const key of ["newRelease", "newReleaseContinue", "newReleaseReload"]) {
        expect(typeof messages[key]).toBe("string");
        expect((messages[key] as string).length).toBeGreaterThan(20);
      }
    }
    expect(esCheckout.newRelease).not.toBe(enCheckout.newRelease);
    expect(enCheckout.newRelease).toMatch(/card/);
    expect(esCheckout.newRelease).toMatch(/tarjeta/);
  });
});
