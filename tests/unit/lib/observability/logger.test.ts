import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/observability/logger";
import { runWithRequestContext } from "@/lib/observability/request-context";

const API_KEY = "sk_live_0123456789abcdef";
const WEBHOOK_SECRET = "whsec_rotating_secret_value";

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: "debug", secrets: [API_KEY, WEBHOOK_SECRET], destination: { write: (line: string) => void lines.push(line) } });
  return { logger, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("the logger", () => {
  it("writes JSON lines with the level, the time, the service and the message", () => {
    const { logger, parsed } = capture();
    logger.info({ event: "payment.initiated", orderId: "o1", amountCentavos: 84900, currency: "MXN" }, "payment.initiated");
    expect(parsed()[0]).toMatchObject({
      level: "info",
      service: "cheqpay-checkout",
      event: "payment.initiated",
      orderId: "o1",
      amountCentavos: 84900,
      currency: "MXN",
      msg: "payment.initiated",
    });
    expect(typeof parsed()[0]!.time).toBe("string");
  });

  it("puts the request id on every line logged while serving the request", () => {
    const { logger, parsed } = capture();
    runWithRequestContext({ requestId: "req-abcdef12" }, () => {
      logger.info("one");
      logger.warn({ event: "x" }, "two");
    });
    logger.info("outside");
    expect(parsed().map((line) => line.requestId)).toEqual(["req-abcdef12", "req-abcdef12", undefined]);
  });

  it("never writes a card number, CVC, expiry, API key, webhook secret, Authorization or cookie header, whatever is logged", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        paymentMethod: { type: "card", cardDetails: { number: "4111111111111111", expiryMonth: "12", expiryYear: "30", cvc: "739" } },
        form: { cardNumber: "4000 0000 0000 2503", cvc: "1234", expiry: "12/30" },
        headers: { Authorization: `Bearer ${API_KEY}`, cookie: "__Secure-authjs.session-token=abc", "x-api-key": API_KEY },
        config: { apiKey: API_KEY, webhookSecrets: [WEBHOOK_SECRET], databaseUrl: "postgres://u:p@h/db" },
        nested: [{ deeper: { note: `charged 4111-1111-1111-1111 with ${API_KEY} and ${WEBHOOK_SECRET}` } }],
        error: new Error("card 5555555555554444 refused"),
      },
      "paying with 4111111111111111 (cvc 739)",
    );
    const output = lines.join("\n");
    for (const leaked of ["4111111111111111", "4111-1111-1111-1111", "4000 0000 0000 2503", "5555555555554444", API_KEY, WEBHOOK_SECRET, "session-token=abc", "u:p@h"]) {
      expect(output).not.toContain(leaked);
    }
    expect(output).not.toMatch(/"cvc":"\d+"/);
    expect(output).not.toMatch(/"expiry(Month|Year)?":"\d/);
    expect(output).toContain("[REDACTED CARD]");
    expect(output).toContain("[REDACTED]");
  });

  it("keeps what support needs: order numbers, amounts, last4 and decline codes", () => {
    const { logger, parsed } = capture();
    logger.info({ orderNumber: 1042, amountCentavos: 84900, cardLast4: "1111", declineCode: "DECLINED", externalId: "att_0123456789abcdef01234567" });
    expect(parsed()[0]).toMatchObject({ orderNumber: 1042, amountCentavos: 84900, cardLast4: "1111", declineCode: "DECLINED", externalId: "att_0123456789abcdef01234567" });
  });
});
