// The sandbox's request log (GET /_sandbox/requests) never holds a whole card number or CVC.
import { describe, expect, it } from "vitest";
import { clientFor, orderInput, rejectionOf, requestLog, useSandbox } from "../../support/cheqpay-sandbox";

const sandbox = useSandbox();

describe("the request log", () => {
  it("keeps only the last 4 digits of the card number and masks the CVC", async () => {
    await clientFor(sandbox()).createPaymentOrder(orderInput({ card: "5555555555554444", cvc: "987" }));
    const [entry] = await requestLog(sandbox(), "createPaymentOrder");
    const card = (entry?.body as { paymentMethod: { cardDetails: Record<string, string> } }).paymentMethod.cardDetails;
    expect(card.number).toMatch(/^\**4444$/);
    expect(card.number?.replace(/\*/g, "")).toBe("4444");
    expect(card.cvc).toBe("***");
    expect(card.expiryMonth).toBe("12");
  });

  it("never shows a full test number anywhere, even for declines and processor errors", async () => {
    const client = clientFor(sandbox());
    const cards = ["4111111111111111", "4000000000000002", "4000000000000119", "378282246310005"];
    for (const card of cards) {
      const cvc = card.startsWith("37") ? "7391" : "739";
      await client.createPaymentOrder(orderInput({ card, cvc })).catch(() => undefined);
    }
    const whole = JSON.stringify(await requestLog(sandbox()));
    for (const card of cards) expect(whole).not.toContain(card);
    expect(whole).not.toContain('"cvc":"739"');
    expect(whole).not.toContain("7391");
    expect(whole).not.toContain(sandbox().apiKey);
  });

  it("keeps masking a card number that fails validation", async () => {
    const error = await rejectionOf(clientFor(sandbox()).createPaymentOrder(orderInput({ card: "4111111111111111", cvc: "12" })));
    expect(error.httpStatus).toBe(400);
    const whole = JSON.stringify(await requestLog(sandbox()));
    expect(whole).not.toContain("4111111111111111");
    expect(whole).toContain("1111");
  });

  it("masks a card number sent where no card belongs, but keeps ids readable", async () => {
    const input = orderInput({ card: "4111111111111111", description: "paid with 4000 0000 0000 0002 by phone" });
    await clientFor(sandbox()).createPaymentOrder(input);
    const [entry] = await requestLog(sandbox(), "createPaymentOrder");
    const body = entry?.body as { description: string; externalId: string };
    expect(body.description).toBe("paid with ************0002 by phone");
    expect(body.externalId).toBe(input.externalId);
  });
});

describe("a reset without a seed", () => {
  it("never hands out an order id again, so an app database that outlives it stays consistent", async () => {
    const client = clientFor(sandbox());
    const before = await client.createPaymentOrder(orderInput({ card: "4111111111111111" }));
    await sandbox().reset();
    const after = await client.createPaymentOrder(orderInput({ card: "4111111111111111" }));
    expect(after.id).not.toBe(before.id);
  });
});
