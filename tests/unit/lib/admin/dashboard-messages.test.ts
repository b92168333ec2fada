// The dashboard's words in both languages: the API key warning as staff read it, a name for every period,
// refund status and bucket unit, and the chart's description with its figures.
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { PERIOD_SETTINGS, PERIODS } from "@/lib/admin/dashboard-chart";
import { REFUND_STATUSES } from "@/lib/admin/dashboard-queries";
import { keyAgeStatus } from "@/lib/operations/key-age";
import enAdmin from "@/messages/en/admin.json";
import esAdmin from "@/messages/es-MX/admin.json";

const translator = (locale: string, messages: typeof enAdmin) => createTranslator({ locale, messages: { admin: messages }, namespace: "admin.dashboard" });

describe("dashboard messages", () => {
  it("warns that the API key is due for rotation, with its age", () => {
    const status = keyAgeStatus("2026-01-01", new Date("2026-05-01T12:00:00Z"));
    if (status.state !== "rotate") throw new Error(status.state);
    const en = translator("en", enAdmin);
    expect(en("keyAge.rotate", { days: status.days, maxDays: status.maxDays })).toBe("The Cheqpay API key is 120 days old: rotate it (every 90 days).");
    expect(translator("es-MX", esAdmin)("keyAge.rotate", { days: 120, maxDays: 90 })).toBe("La clave de API de Cheqpay tiene 120 días: cámbiala (cada 90 días).");
    expect(en("keyAge.unknown")).toContain("CHEQPAY_API_KEY_CREATED_AT");
    expect(en("keyAge.ok", { days: 1, maxDays: 90 })).toBe("The Cheqpay API key is 1 day old (rotate it every 90 days).");
  });

  it("names every period, bucket unit and refund status in both languages", () => {
    for (const messages of [enAdmin, esAdmin]) {
      const { dashboard } = messages;
      for (const period of PERIODS) {
        expect(dashboard.periods[period]).toBeTruthy();
        expect(dashboard.chart.units[PERIOD_SETTINGS[period].unit]).toBeTruthy();
      }
      expect(Object.keys(dashboard.refunds.statuses).sort()).toEqual([...REFUND_STATUSES].sort());
    }
  });

  it("describes the chart with the period's totals", () => {
    const en = translator("en", enAdmin);
    expect(en("chart.description", { unit: "hour", payments: 10, rate: "40%" })).toBe(
      "Bars: payments per hour (left axis). Line: success rate (right axis, 0 to 100%). 10 payments in this period, success rate 40%. The table below has the same figures.",
    );
    expect(en("chart.description", { unit: "day", payments: 0, rate: "—" })).toContain("No payments in this period.");
  });
});
