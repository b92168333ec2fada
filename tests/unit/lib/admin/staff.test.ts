// Who is staff: an account listed in ADMIN_EMAILS, or the merchant's systems with ADMIN_API_TOKEN.
import { describe, expect, it } from "vitest";
import { hasAdminToken, isStaff } from "@/lib/admin/staff";

const TOKEN = "adm_0123456789abcdef0123456789abcdef";
const admin = { emails: ["boss@shop.example", "ops@shop.example"], apiToken: TOKEN };

describe("isStaff", () => {
  it("is true for an account whose email is listed", () => {
    expect(isStaff({ email: "ops@shop.example" }, admin)).toBe(true);
  });

  it("ignores the case of the account's email (the list is lower case)", () => {
    expect(isStaff({ email: "Boss@Shop.Example" }, admin)).toBe(true);
  });

  it("is false for another account, for no account, and when nobody is listed", () => {
    expect(isStaff({ email: "shopper@example.com" }, admin)).toBe(false);
    expect(isStaff({ email: "boss@shop.example.evil" }, admin)).toBe(false);
    expect(isStaff(null, admin)).toBe(false);
    expect(isStaff({ email: "boss@shop.example" }, { emails: [] })).toBe(false);
  });
});

describe("hasAdminToken", () => {
  it("accepts the configured token as a Bearer token, whatever the scheme's case", () => {
    expect(hasAdminToken(`Bearer ${TOKEN}`, admin)).toBe(true);
    expect(hasAdminToken(`bearer ${TOKEN}`, admin)).toBe(true);
    expect(hasAdminToken(`Bearer   ${TOKEN}  `, admin)).toBe(true);
  });

  it.each([
    ["no header", null],
    ["an empty header", ""],
    ["the token without the scheme", TOKEN],
    ["another scheme", `Basic ${TOKEN}`],
    ["a scheme without a token", "Bearer "],
    ["a token of another case", `Bearer ${TOKEN.toUpperCase()}`],
    ["the token with a character more", `Bearer ${TOKEN}x`],
    ["the token with a character less", `Bearer ${TOKEN.slice(0, -1)}`],
    ["a token of the same length that differs", `Bearer ${TOKEN.slice(0, -1)}0`],
    ["the token followed by more words", `Bearer ${TOKEN} extra`],
  ])("refuses %s", (_, header) => {
    expect(hasAdminToken(header, admin)).toBe(false);
  });

  it("refuses everything when no token is configured, even an empty Bearer", () => {
    expect(hasAdminToken(`Bearer ${TOKEN}`, { apiToken: null })).toBe(false);
    expect(hasAdminToken("Bearer ", { apiToken: "" })).toBe(false);
  });
});
