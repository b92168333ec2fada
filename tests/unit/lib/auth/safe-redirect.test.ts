import { describe, expect, it } from "vitest";
import { safeCallbackPath, safeRedirect } from "@/lib/auth/safe-redirect";

const APP_URL = "https://shop.example.com";
const HOME = "https://shop.example.com/";

describe("safeRedirect", () => {
  it.each([
    ["/account", "https://shop.example.com/account"],
    ["/orders/abc?from=signin#top", "https://shop.example.com/orders/abc?from=signin#top"],
    ["/", HOME],
  ])("keeps the app's own path %j, on APP_URL", (target, expected) => {
    expect(safeRedirect(target, APP_URL)).toBe(expected);
  });

  it("keeps an absolute URL on the app's own origin", () => {
    expect(safeRedirect("https://shop.example.com/account?tab=cards", APP_URL)).toBe("https://shop.example.com/account?tab=cards");
  });

  it.each([
    ["another site", "https://evil.example/steal"],
    ["a protocol-relative URL", "//evil.example/steal"],
    ["a backslash path browsers read as another host", "/\\evil.example/steal"],
    ["the same host over HTTP", "http://shop.example.com/account"],
    ["the same host on another port", "https://shop.example.com:8443/account"],
    ["a host that only starts like ours", "https://shop.example.com.evil.example/"],
    ["credentials before another host", "https://shop.example.com@evil.example/"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path without a slash", "evil.example"],
    ["nothing", ""],
  ])("sends %s to the app's home instead", (_, target) => {
    expect(safeRedirect(target, APP_URL)).toBe(HOME);
  });

  // The URL parser drops tabs and newlines anywhere in the input: "/\t/evil.example" is read as "//evil.example".
  it.each([
    ["a tab", "/\t/evil.example/steal"],
    ["a newline", "/\n/evil.example/steal"],
  ])("sends a path hiding %s between its slashes to the app's home, not to another host", (_, target) => {
    const redirected = safeRedirect(target, APP_URL);
    expect(new URL(redirected).origin).toBe(APP_URL);
  });
});

describe("safeCallbackPath", () => {
  it("keeps a path of the app", () => {
    expect(safeCallbackPath("/account")).toBe("/account");
    expect(safeCallbackPath("/orders/abc?x=1")).toBe("/orders/abc?x=1");
  });

  it.each([
    ["another site", "https://evil.example/"],
    ["a protocol-relative URL", "//evil.example"],
    ["a backslash path", "/\\evil.example"],
    ["a relative path without a slash", "account"],
    ["a value that is not text", ["/account"]],
    ["no value", undefined],
    ["a path over 512 characters", `/${"a".repeat(512)}`],
  ])("falls back for %s", (_, value) => {
    expect(safeCallbackPath(value)).toBe("/");
    expect(safeCallbackPath(value, "/account")).toBe("/account");
  });

  it("falls back for a path hiding a tab between its slashes (read as //evil.example)", () => {
    expect(safeCallbackPath("/\t/evil.example")).toBe("/");
  });
});
