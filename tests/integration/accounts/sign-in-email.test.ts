// The sign-in link email as it is stored for the development mailbox (no SMTP_URL), against real PostgreSQL.
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sendSignInEmail } from "@/lib/auth/sign-in-email";
import { mailMessages } from "@/lib/db/schema";
import { useDatabase } from "../../support/checkout-fixtures";

const db = useDatabase();
const config = {
  appUrl: "https://shop.example.com",
  auth: { secret: "s".repeat(32), signInLinkMaxAgeSeconds: 2 * 3600, google: null, github: null },
};

const newToken = () => createHash("sha256").update(String(Math.random())).digest("hex");
const storedFor = async (token: string) =>
  db.select().from(mailMessages).where(eq(mailMessages.eventKey, `sign-in-link:${createHash("sha256").update(token).digest("hex")}`));

describe("sendSignInEmail", () => {
  it("sends the link on APP_URL even when Auth.js built it on a hostile Host", async () => {
    const token = newToken();
    const query = `?callbackUrl=%2Faccount&token=${token}&email=ana%40example.com`;
    await sendSignInEmail(
      db,
      config,
      { identifier: "ana@example.com", url: `https://evil.example/api/auth/callback/email${query}`, token, expires: new Date(Date.now() + 7_200_000) },
      "es-MX",
    );

    const [message, ...others] = await storedFor(token);
    expect(others).toEqual([]);
    expect(message).toMatchObject({ recipient: "ana@example.com", subject: "Tu enlace para iniciar sesión en Cheqpay Checkout" });
    expect(message!.textBody).toContain(`https://shop.example.com/api/auth/callback/email${query}`);
    expect(message!.textBody).toContain("vence en 2 horas");
    expect(`${message!.textBody}${message!.htmlBody}`).not.toContain("evil.example");
  });

  it("sends one email per link, and never stores the token in the event key", async () => {
    const token = newToken();
    const params = { identifier: "ana@example.com", url: `https://shop.example.com/api/auth/callback/email?token=${token}`, token, expires: new Date() };
    await sendSignInEmail(db, config, params, "en");
    await sendSignInEmail(db, config, params, "en");
    const stored = await storedFor(token);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.eventKey).not.toContain(token);
  });
});
