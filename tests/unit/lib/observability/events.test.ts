import { describe, expect, it } from "vitest";
import { recordEvent } from "@/lib/observability/events";
import { getMetrics } from "@/lib/observability/metrics";

async function series(name: string): Promise<string> {
  return (await getMetrics().registry.getSingleMetricAsString(name)).split("\n").filter((line) => !line.startsWith("#")).join("\n");
}

describe("payment events", () => {
  it("count payments by outcome and decline code, and measure amounts and processing time", async () => {
    recordEvent("payment.completed", { orderId: "o1", amountCentavos: 84900, currency: "MXN", processingSeconds: 1.5 });
    recordEvent("payment.failed", { orderId: "o2", declineCode: "INSUFFICIENT_FUNDS", processingSeconds: 0.4 });
    expect(await series("checkout_payments_total")).toMatch(/checkout_payments_total\{[^}]*outcome="succeeded",decline_code=""[^}]*\} [1-9]/);
    expect(await series("checkout_payments_total")).toMatch(/\{[^}]*outcome="failed",decline_code="INSUFFICIENT_FUNDS"[^}]*\} [1-9]/);
    expect(await series("checkout_payment_amount_centavos")).toMatch(/checkout_payment_amount_centavos_sum\{[^}]*currency="MXN"[^}]*\} 84900/);
    expect(await series("checkout_payment_processing_seconds")).toMatch(/checkout_payment_processing_seconds_count\{[^}]*outcome="failed"[^}]*\} [1-9]/);
  });

  it("never throws, even for odd fields", () => {
    expect(() => recordEvent("refund.failed", { reason: { circular: undefined }, amountCentavos: Number.NaN })).not.toThrow();
  });
});
