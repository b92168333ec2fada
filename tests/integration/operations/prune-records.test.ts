// The daily clean-up on a database of its own: what is past the retention (or expired) goes, the rest stays.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { paymentLimitRefusals, sessions, signInLinkRequests, users, verificationTokens, webhookEvents } from "@/lib/db/schema";
import { pruneRecords } from "@/lib/operations/prune-records";
import { useIsolatedDatabase } from "../../support/isolated-database";

const isolated = useIsolatedDatabase();
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

describe("pruneRecords", () => {
  it("deletes refusals, sign-in requests and processed webhook ids past the retention, and keeps the newer ones", async () => {
    const { db } = isolated();
    await db.insert(paymentLimitRefusals).values([
      { limitName: "attempts-per-ip", clientIp: "203.0.113.1", email: "old@example.com", createdAt: daysAgo(31) },
      { limitName: "attempts-per-ip", clientIp: "203.0.113.1", email: "new@example.com", createdAt: daysAgo(29) },
    ]);
    await db.insert(signInLinkRequests).values([
      { email: "old@example.com", clientIp: "203.0.113.1", createdAt: daysAgo(40) },
      { email: "new@example.com", clientIp: "203.0.113.1", createdAt: daysAgo(1) },
    ]);
    await db.insert(webhookEvents).values([
      { eventId: "evt_old_done", type: "payment.auth.success", receivedAt: daysAgo(31), processedAt: daysAgo(31) },
      { eventId: "evt_old_unprocessed", type: "payment.auth.success", receivedAt: daysAgo(31) },
      { eventId: "evt_new_done", type: "payment.auth.success", receivedAt: daysAgo(2), processedAt: daysAgo(2) },
    ]);

    const pruned = await pruneRecords(db, 30);

    expect(pruned).toMatchObject({ paymentLimitRefusals: 1, signInLinkRequests: 1, webhookEvents: 1 });
    expect((await db.select({ email: paymentLimitRefusals.email }).from(paymentLimitRefusals)).map((r) => r.email)).toEqual(["new@example.com"]);
    expect((await db.select({ email: signInLinkRequests.email }).from(signInLinkRequests)).map((r) => r.email)).toEqual(["new@example.com"]);
    expect((await db.select({ id: webhookEvents.eventId }).from(webhookEvents)).map((r) => r.id).sort()).toEqual(["evt_new_done", "evt_old_unprocessed"]);
  });

  it("deletes expired sign-in tokens and sessions, and keeps the live ones", async () => {
    const { db } = isolated();
    const userId = randomUUID();
    await db.insert(users).values({ id: userId, email: `prune-${userId}@example.com` });
    await db.insert(verificationTokens).values([
      { identifier: "a@example.com", token: "expired", expires: daysAgo(1) },
      { identifier: "a@example.com", token: "live", expires: daysAgo(-1) },
    ]);
    await db.insert(sessions).values([
      { sessionToken: "expired", userId, expires: daysAgo(1) },
      { sessionToken: "live", userId, expires: daysAgo(-1) },
    ]);

    const pruned = await pruneRecords(db, 90);

    expect(pruned).toMatchObject({ verificationTokens: 1, sessions: 1 });
    expect((await db.select({ token: verificationTokens.token }).from(verificationTokens)).map((r) => r.token)).toEqual(["live"]);
    expect((await db.select({ token: sessions.sessionToken }).from(sessions)).map((r) => r.token)).toEqual(["live"]);
  });

  it("deletes a backlog larger than one batch, all of it", async () => {
    const { db } = isolated();
    await db.execute(sql`
      insert into sign_in_link_requests (email, client_ip, created_at)
      select 'bulk' || g || '@example.com', '203.0.113.9', now() - interval '100 days' from generate_series(1, 12000) g`);

    const pruned = await pruneRecords(db, 90);

    expect(pruned.signInLinkRequests).toBe(12_000);
    expect(await db.$count(signInLinkRequests, sql`email like 'bulk%'`)).toBe(0);
  });
});
