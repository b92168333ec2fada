// The Cheqpay API key's age from CHEQPAY_API_KEY_CREATED_AT: unknown when unset, whole calendar days (UTC)
// otherwise, due for rotation after 90 days.
import { describe, expect, it } from "vitest";
import { KEY_MAX_AGE_DAYS, keyAgeStatus } from "@/lib/operations/key-age";

const at = (iso: string) => new Date(iso);

describe("keyAgeStatus", () => {
  it("is unknown when the date is not set", () => {
    expect(keyAgeStatus(null, at("2026-05-01T12:00:00Z"))).toEqual({ state: "unknown" });
    expect(keyAgeStatus(undefined, at("2026-05-01T12:00:00Z"))).toEqual({ state: "unknown" });
    expect(keyAgeStatus("  ", at("2026-05-01T12:00:00Z"))).toEqual({ state: "unknown" });
  });

  it("counts whole calendar days: created today is 0 days old, whatever the hour", () => {
    expect(keyAgeStatus("2026-05-01", at("2026-05-01T00:00:00Z"))).toEqual({ state: "ok", days: 0, maxDays: 90 });
    expect(keyAgeStatus("2026-05-01", at("2026-05-01T23:59:59.999Z"))).toEqual({ state: "ok", days: 0, maxDays: 90 });
    expect(keyAgeStatus("2026-05-01", at("2026-05-02T00:00:00Z"))).toEqual({ state: "ok", days: 1, maxDays: 90 });
  });

  it("asks for a rotation only once the key is older than 90 days", () => {
    expect(KEY_MAX_AGE_DAYS).toBe(90);
    // 2026-01-01 + 90 days = 2026-04-01.
    expect(keyAgeStatus("2026-01-01", at("2026-04-01T18:00:00Z"))).toEqual({ state: "ok", days: 90, maxDays: 90 });
    expect(keyAgeStatus("2026-01-01", at("2026-04-02T00:00:00Z"))).toEqual({ state: "rotate", days: 91, maxDays: 90 });
    expect(keyAgeStatus("2025-01-01", at("2026-01-01T08:00:00Z"))).toEqual({ state: "rotate", days: 365, maxDays: 90 });
  });

  it("counts across a leap day and daylight saving changes (calendar days, not 24-hour spans of a local clock)", () => {
    expect(keyAgeStatus("2028-02-28", at("2028-03-01T10:00:00Z"))).toEqual({ state: "ok", days: 2, maxDays: 90 });
    expect(keyAgeStatus("2026-03-01", at("2026-03-31T10:00:00Z"))).toEqual({ state: "ok", days: 30, maxDays: 90 });
  });

  it("takes a date in the future as a new key", () => {
    expect(keyAgeStatus("2026-06-01", at("2026-05-01T12:00:00Z"))).toEqual({ state: "ok", days: 0, maxDays: 90 });
  });

  it("refuses what is not a calendar date", () => {
    for (const value of ["2026-02-30", "2026-13-01", "01/02/2026", "2026-1-5", "yesterday"]) {
      expect(() => keyAgeStatus(value, at("2026-05-01T12:00:00Z")), value).toThrow(RangeError);
    }
  });
});
