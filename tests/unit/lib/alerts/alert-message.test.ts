// What an alert says: the webhook's JSON (counts, rates, decline codes, the dashboard link; no card data) and the
// staff email's subject, body and once-per-address event key.
import { describe, expect, it } from "vitest";
import { type AlertFacts, alertEmail, alertPayload, alertSubject } from "@/lib/alerts/alert-message";

const APP_URL = "https://shop.example.test";
const low: AlertFacts = {
  id: "7d7c5b7e-3b9e-4a51-9d54-0c4b3f2a1e10",
  kind: "success_rate_low",
  rate: 18 / 30,
  succeeded: 18,
  failed: 12,
  topDeclines: [
    { code: "DECLINED", count: 10 },
    { code: "INSUFFICIENT_FUNDS", count: 2 },
  ],
  windowStart: new Date("2026-11-25T21:30:00.000Z"),
  windowEnd: new Date("2026-11-25T21:45:00.000Z"),
};
const recovered: AlertFacts = { ...low, id: "0b5d1c2e-9a43-4c1f-8e2d-5f6a7b8c9d01", kind: "success_rate_recovered", rate: 0.91, succeeded: 91, failed: 9 };

describe("alertPayload", () => {
  it("carries the type, the rate and threshold, the counts, the top declines, the window and the dashboard URL", () => {
    expect(alertPayload(low, 0.85, APP_URL)).toEqual({
      id: low.id,
      type: "success_rate_low",
      rate: 0.6,
      threshold: 0.85,
      succeeded: 18,
      failed: 12,
      total: 30,
      topDeclines: [
        { code: "DECLINED", count: 10 },
        { code: "INSUFFICIENT_FUNDS", count: 2 },
      ],
      windowStart: "2026-11-25T21:30:00.000Z",
      windowEnd: "2026-11-25T21:45:00.000Z",
      dashboardUrl: "https://shop.example.test/admin/dashboard",
    });
    expect(alertPayload(recovered, 0.85, APP_URL)).toMatchObject({ type: "success_rate_recovered", rate: 0.91, total: 100 });
  });

  it("rounds the rate to 4 decimals", () => {
    expect(alertPayload({ ...low, rate: 2 / 3 }, 0.85, APP_URL).rate).toBe(0.6667);
  });
});

describe("alertSubject", () => {
  it("says how low the rate is against the threshold, or that it recovered", () => {
    expect(alertSubject("success_rate_low", 0.62, 0.85)).toBe("Payment success rate is 62% (below 85%)");
    expect(alertSubject("success_rate_recovered", 0.91, 0.85)).toBe("Payment success rate recovered: 91%");
    expect(alertSubject("success_rate_low", 0.849, 0.85)).toBe("Payment success rate is 84% (below 85%)");
  });
});

describe("alertEmail", () => {
  it("goes to one staff address, once per alert and address (its event key)", () => {
    const email = alertEmail(low, "ops@shop.example.test", 0.85, APP_URL);
    expect(email).toMatchObject({
      eventKey: `alert:${low.id}:ops@shop.example.test`,
      to: "ops@shop.example.test",
      subject: "Payment success rate is 60% (below 85%)",
    });
    expect(email.text).toContain("In the last 15 minutes, 18 of 30 card payments succeeded (60%).");
    expect(email.text).toContain("below the alert threshold of 85%");
    expect(email.text).toContain("- DECLINED: 10\n- INSUFFICIENT_FUNDS: 2");
    expect(email.text).toContain("Window: 2026-11-25 21:30 to 2026-11-25 21:45 (UTC)");
    expect(email.text).toContain("Open the dashboard: https://shop.example.test/admin/dashboard");
    expect(email.html).toContain("<li>DECLINED: 10</li>");
    expect(email.html).toContain('href="https://shop.example.test/admin/dashboard"');
  });

  it("tells staff the rate is back", () => {
    const email = alertEmail(recovered, "cfo@shop.example.test", 0.85, APP_URL);
    expect(email.subject).toBe("Payment success rate recovered: 91%");
    expect(email.text).toContain("91 of 100 card payments succeeded (91%)");
    expect(email.text).toContain("back at or above the alert threshold of 85%");
  });

  it("escapes what it puts in the HTML", () => {
    const email = alertEmail({ ...low, topDeclines: [{ code: "<b>X</b>", count: 1 }] }, "ops@shop.example.test", 0.85, APP_URL);
    expect(email.html).toContain("&lt;b&gt;X&lt;/b&gt;");
    expect(email.html).not.toContain("<b>X</b>");
  });
});
