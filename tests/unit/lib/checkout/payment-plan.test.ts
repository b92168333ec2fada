import { describe, expect, it } from "vitest";
import { attemptValuesFor, type PaymentPlan } from "@/lib/checkout/payment-plan";

const plan: PaymentPlan = {
  card: { brand: "visa", last4: "1111", expiryMonth: 12, expiryYear: 2030 },
  source: { kind: "new-card", number: "4111111111111111", expiryMonth: 12, expiryYear: 2030, cvc: "123", save: false },
  saveCard: false,
  savedPaymentMethodId: null,
};
const order = { id: "6f1c2b9e-3d4a-4f5b-8c6d-7e8f9a0b1c2d", totalCentavos: 24900, currency: "MXN" as const };

describe("attemptValuesFor", () => {
  it("records the order's amount and what the plan keeps of the card, never its number or CVC", () => {
    const values = attemptValuesFor(plan, "key_1", order);
    expect(values).toMatchObject({
      orderId: order.id,
      submissionKey: "key_1",
      status: "submitted",
      amountCentavos: 24900,
      currency: "MXN",
      cardBrand: "visa",
      cardLast4: "1111",
      cardExpiryMonth: 12,
      cardExpiryYear: 2030,
      savedPaymentMethodId: null,
      saveCard: false,
    });
    expect(JSON.stringify(values)).not.toContain("4111111111111111");
    expect(JSON.stringify(values)).not.toContain('"123"');
  });

  it("gives each call a fresh externalId", () => {
    const ids = new Set(Array.from({ length: 50 }, () => attemptValuesFor(plan, "key_1", order).externalId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^att_[0-9a-f]{24}$/);
  });
});
