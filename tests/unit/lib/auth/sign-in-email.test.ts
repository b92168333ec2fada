import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { linkOnAppOrigin, signInEmail } from "@/lib/auth/sign-in-email";

const APP_URL = "https://shop.example.com";
const TOKEN = "b6f3c1e0a9d84f2c9e7a1b3c5d7e9f10";
const QUERY = `?callbackUrl=%2Faccount&token=${TOKEN}&email=ana%40example.com`;
const LINK = `${APP_URL}/api/auth/callback/email${QUERY}`;

const email = (overrides: Partial<Parameters<typeof signInEmail>[0]> = {}) =>
  signInEmail({ to: "ana@example.com", url: LINK, token: TOKEN, expires: new Date(2026, 4, 16), locale: "en", maxAgeSeconds: 24 * 3600, ...overrides });

describe("linkOnAppOrigin", () => {
  it("moves a link Auth.js built on a hostile Host onto APP_URL, keeping its path and query", () => {
    expect(linkOnAppOrigin(`https://evil.example:8443/api/auth/callback/email${QUERY}`, APP_URL)).toBe(LINK);
    expect(linkOnAppOrigin(`http://evil.example/api/auth/callback/email${QUERY}`, APP_URL)).toBe(LINK);
  });

  it("leaves a link already on APP_URL as it was", () => {
    expect(linkOnAppOrigin(LINK, APP_URL)).toBe(LINK);
  });
});

describe("signInEmail", () => {
  it("is addressed to the shopper and carries the link in both bodies", () => {
    const message = email();
    expect(message.to).toBe("ana@example.com");
    expect(message.text).toContain(LINK);
    expect(message.html).toContain(`href="${LINK.replaceAll("&", "&amp;")}"`);
  });

  it("escapes the link in the HTML body", () => {
    const message = email({ url: `${APP_URL}/api/auth/callback/email?token=x&email=a"><script>` });
    expect(message.html).not.toContain("<script>");
    expect(message.html).toContain("&quot;&gt;&lt;script&gt;");
  });

  it("names the event by the token's hash, never by the token itself", () => {
    const message = email();
    expect(message.eventKey).toBe(`sign-in-link:${createHash("sha256").update(TOKEN).digest("hex")}`);
    expect(message.eventKey).not.toContain(TOKEN);
    expect(email().eventKey).toBe(message.eventKey);
    expect(email({ token: `${TOKEN}0` }).eventKey).not.toBe(message.eventKey);
  });

  it("speaks English to an English shopper", () => {
    const message = email({ locale: "en" });
    expect(message.subject).toBe("Your sign-in link for Cheqpay Checkout");
    expect(message.text).toContain("Use this link to sign in to Cheqpay Checkout:");
    expect(message.text).toContain("The link works once and expires in 24 hours.");
    expect(message.html).toContain(">Sign in</a>");
  });

  it("speaks Spanish to a Mexican shopper", () => {
    const message = email({ locale: "es-MX" });
    expect(message.subject).toBe("Tu enlace para iniciar sesión en Cheqpay Checkout");
    expect(message.text).toContain("Usa este enlace para iniciar sesión en Cheqpay Checkout:");
    expect(message.text).toContain("El enlace funciona una sola vez y vence en 24 horas.");
    expect(message.html).toContain(">Iniciar sesión</a>");
  });

  it("states the link's life in whole hours, singular for one hour and never less than one", () => {
    expect(email({ maxAgeSeconds: 3600 }).text).toContain("expires in 1 hour.");
    expect(email({ maxAgeSeconds: 60 }).text).toContain("expires in 1 hour.");
    expect(email({ maxAgeSeconds: 2 * 3600, locale: "es-MX" }).text).toContain("vence en 2 horas.");
    expect(email({ maxAgeSeconds: 3600, locale: "es-MX" }).text).toContain("vence en 1 hora.");
  });
});
