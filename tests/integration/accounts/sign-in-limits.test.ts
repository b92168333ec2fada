// Sign-in link limits through Auth.js itself (its email sign-in endpoint, with the app's own configuration) and
// real PostgreSQL: past 5 links per address or 20 per IP within the hour, no link is made and no email is sent,
// and the shopper is sent to /signin with the minutes to wait.
import { randomBytes } from "node:crypto";
import { Auth, raw, skipCSRFCheck } from "@auth/core";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { authConfig } from "@/lib/auth/auth-config";
import { loadConfig } from "@/lib/config";
import { mailMessages, signInLinkRequests, verificationTokens } from "@/lib/db/schema";
import { getMetrics } from "@/lib/observability/metrics";
import { useDatabase } from "../../support/checkout-fixtures";

const db = useDatabase();
const APP_URL = "https://shop.example.com";
const config = loadConfig({ APP_URL });

const newIp = () => `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}::5`;
const newEmail = () => `signin-${randomBytes(5).toString("hex")}@example.com`;

/** POST /api/auth/signin/email, as the sign-in form's Server Action makes it: answers where Auth.js redirects. */
async function askForLink(email: string, ip: string): Promise<string> {
  const request = new Request(`${APP_URL}/api/auth/signin/email`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, callbackUrl: "/account" }),
  });
  const app = authConfig(config, db, { locale: async () => "en", clientIp: async () => ip });
  const answer = await Auth(request, { ...app, basePath: "/api/auth", raw, skipCSRFCheck });
  if (!answer.redirect) throw new Error(`Auth.js answered no redirect: ${JSON.stringify(answer)}`);
  return answer.redirect;
}

const emailsTo = async (email: string) => (await db.select().from(mailMessages).where(eq(mailMessages.recipient, email))).length;
const linksOf = async (email: string) => (await db.select().from(verificationTokens).where(eq(verificationTokens.identifier, email))).length;
const refusedRequests = async (email: string) =>
  (await db.select().from(signInLinkRequests).where(and(eq(signInLinkRequests.email, email), eq(signInLinkRequests.refused, true)))).length;
const limitedCount = async (limit: string) => (await getMetrics().signInLimited.get()).values.find((v) => v.labels.limit === limit)?.value ?? 0;

/** Auth.js's answer once the link was made and emailed (its page sends the shopper on to /signin/check-email). */
const CHECK_EMAIL = `${APP_URL}/api/auth/verify-request?provider=email&type=email`;

describe("sign-in links per email address", () => {
  it("emails 5 links within the hour and no 6th: /signin says to wait, no link is made", async () => {
    const email = newEmail();
    const ip = newIp();
    const metricBefore = await limitedCount("links-per-email");
    for (let i = 0; i < 5; i++) expect(await askForLink(email, ip)).toBe(CHECK_EMAIL);

    const sixth = await askForLink(email, ip);

    // The first link leaves the hour's window in a little under 60 minutes.
    expect(sixth).toMatch(new RegExp(`^${APP_URL}/signin\\?error=TooManyLinks&wait=(59|60)$`));
    expect(await emailsTo(email)).toBe(5);
    expect(await linksOf(email)).toBe(5);
    expect(await refusedRequests(email)).toBe(1);
    expect(await limitedCount("links-per-email")).toBe(metricBefore + 1);
  });

  it("counts an address however it is written", async () => {
    const email = newEmail();
    for (let i = 0; i < 5; i++) await askForLink(i % 2 ? email.toUpperCase() : email, newIp());
    expect(await askForLink(` ${email.toUpperCase()}`, newIp())).toMatch(/error=TooManyLinks/);
    expect(await emailsTo(email)).toBe(5);
  });

  it("sends exactly 5 of 10 links asked for at once", async () => {
    const email = newEmail();
    const answers = await Promise.all(Array.from({ length: 10 }, () => askForLink(email, newIp())));
    expect(answers.filter((a) => a === CHECK_EMAIL)).toHaveLength(5);
    expect(answers.filter((a) => a.includes("error=TooManyLinks"))).toHaveLength(5);
    expect(await emailsTo(email)).toBe(5);
  });
});

describe("sign-in links per client IP", () => {
  it("asks 20 links from one IP, then refuses a 21st even to a new address", async () => {
    const ip = newIp();
    const metricBefore = await limitedCount("links-per-ip");
    for (let i = 0; i < 20; i++) expect(await askForLink(newEmail(), ip)).toBe(CHECK_EMAIL);

    const email = newEmail();
    expect(await askForLink(email, ip)).toMatch(/\/signin\?error=TooManyLinks&wait=\d+$/);
    expect(await emailsTo(email)).toBe(0);
    expect(await linksOf(email)).toBe(0);
    expect(await limitedCount("links-per-ip")).toBe(metricBefore + 1);
    // The same address from another network still gets its link.
    expect(await askForLink(email, newIp())).toBe(CHECK_EMAIL);
    expect(await emailsTo(email)).toBe(1);
  });
});
