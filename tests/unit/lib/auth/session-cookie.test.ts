import { describe, expect, it } from "vitest";
import { hasSessionCookie } from "@/lib/auth/session-cookie";

describe("hasSessionCookie", () => {
  it("finds Auth.js's session cookie, with or without the __Secure- prefix, and in chunks", () => {
    expect(hasSessionCookie(["cart_id", "__Secure-authjs.session-token"])).toBe(true);
    expect(hasSessionCookie(["authjs.session-token"])).toBe(true);
    expect(hasSessionCookie(["__Secure-authjs.session-token.0", "__Secure-authjs.session-token.1"])).toBe(true);
  });

  it("is false for a guest's cookies, Auth.js's other cookies and look-alikes", () => {
    expect(hasSessionCookie([])).toBe(false);
    expect(hasSessionCookie(["cart_id", "NEXT_LOCALE"])).toBe(false);
    expect(hasSessionCookie(["__Secure-authjs.callback-url", "__Host-authjs.csrf-token"])).toBe(false);
    expect(hasSessionCookie(["x-authjs.session-token", "authjs.session-token-old"])).toBe(false);
  });
});
