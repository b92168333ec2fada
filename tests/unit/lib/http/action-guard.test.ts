import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT_BYTES, type ActionRequest, actionRefusal } from "@/lib/http/action-guard";

const APP_URL = "https://shop.example.mx";
const action = (overrides: Partial<ActionRequest> = {}): ActionRequest => ({
  method: "POST",
  pathname: "/checkout",
  appUrl: APP_URL,
  origin: APP_URL,
  nextAction: true,
  contentLength: "900",
  ...overrides,
});

describe("actionRefusal", () => {
  it("lets a Server Action from our own pages through", () => {
    expect(actionRefusal(action())).toBeNull();
    expect(actionRefusal(action({ origin: "https://SHOP.example.mx:443" }))).toBeNull();
  });

  it("refuses a Server Action from another origin, or with no origin, with 403", () => {
    for (const origin of ["https://evil.example", "http://shop.example.mx", "https://shop.example.mx.evil.example", "null", "", null]) {
      expect(actionRefusal(action({ origin })), String(origin)).toMatchObject({ status: 403 });
    }
  });

  it("refuses a form posted to a page from elsewhere even without a Next-Action header (scripts off)", () => {
    expect(actionRefusal(action({ nextAction: false, origin: "https://evil.example" }))).toMatchObject({ status: 403 });
    expect(actionRefusal(action({ nextAction: false, pathname: "/cart", origin: null }))).toMatchObject({ status: 403 });
  });

  it("leaves route handlers that check their callers themselves to them: webhooks, the 3-D Secure return, the APIs", () => {
    for (const pathname of ["/api/webhooks/cheqpay", "/checkout/three-d-secure/return", "/api/admin/orders/x/refunds", "/api/auth/signout"]) {
      expect(actionRefusal(action({ pathname, nextAction: false, origin: null })), pathname).toBeNull();
    }
    expect(actionRefusal(action({ pathname: "/api/health", nextAction: true, origin: "https://evil.example" }))).toMatchObject({ status: 403 });
  });

  it("leaves reads alone", () => {
    expect(actionRefusal(action({ method: "GET", origin: null }))).toBeNull();
    expect(actionRefusal(action({ method: "HEAD", origin: "https://evil.example" }))).toBeNull();
  });

  it("refuses a Server Action body over the limit with 413, before reading it", () => {
    expect(actionRefusal(action({ contentLength: String(ACTION_BODY_LIMIT_BYTES) }))).toBeNull();
    expect(actionRefusal(action({ contentLength: String(ACTION_BODY_LIMIT_BYTES + 1) }))).toMatchObject({ status: 413 });
  });

  it("refuses a body that does not say its length (sent in chunks) with 411", () => {
    expect(actionRefusal(action({ contentLength: null }))).toMatchObject({ status: 411 });
    expect(actionRefusal(action({ contentLength: "abc" }))).toMatchObject({ status: 411 });
    expect(actionRefusal(action({ contentLength: "0" }))).toBeNull();
  });

  it("checks the origin before the size: a foreign request learns nothing about the limit", () => {
    expect(actionRefusal(action({ origin: "https://evil.example", contentLength: "10000000" }))).toMatchObject({ status: 403 });
  });
});
