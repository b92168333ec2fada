import { describe, expect, it } from "vitest";
import { REDACTED, redact, redactText } from "@/lib/observability/redact";

describe("redactText", () => {
  it("masks Luhn-valid card numbers, grouped or not, and leaves other digit runs", () => {
    expect(redactText("pan 4111111111111111 and 3782 822463 10005")).toBe("pan [REDACTED CARD] and [REDACTED CARD]");
    expect(redactText("order 1234567890123456 is not a card")).toBe("order 1234567890123456 is not a card");
    expect(redactText("phone +52 55 1234 5678")).toBe("phone +52 55 1234 5678");
  });

  it("leaves ids whose digit groups happen to look like a card number whole", () => {
    const uuid = "0b71cf2a-4111-1111-1111-111111111111";
    expect(redactText(`alert ${uuid}`)).toBe(`alert ${uuid}`);
    expect(redactText("att_41111111111111119")).toBe("att_41111111111111119");
    expect(redactText('{"number":"4111111111111111"} and ?pan=4111111111111111&x')).toBe('{"number":"[REDACTED CARD]"} and ?pan=[REDACTED CARD]&x');
  });

  it("masks the configured secret values wherever they appear", () => {
    expect(redactText("key=sk_test_local_sandbox;", ["sk_test_local_sandbox"])).toBe(`key=${REDACTED};`);
  });
});

describe("redact", () => {
  it("censors secret keys at any depth, in any case or spelling", () => {
    const out = redact({ a: { b: { c: { CVV: "123", "Set-Cookie": "x", client_secret: "y", Password: "z" } } } }) as Record<string, unknown>;
    expect(JSON.stringify(out)).toBe(JSON.stringify({ a: { b: { c: { CVV: REDACTED, "Set-Cookie": REDACTED, client_secret: REDACTED, Password: REDACTED } } } }));
  });

  it("censors `number` under a card but keeps an order's number", () => {
    expect(redact({ card: { number: "4242" }, order: { number: 17 } })).toEqual({ card: { number: REDACTED }, order: { number: 17 } });
  });

  it("survives cycles and keeps an error's name, message and code", () => {
    const looped: Record<string, unknown> = { name: "loop" };
    looped.self = looped;
    expect(redact(looped)).toEqual({ name: "loop", self: "[CIRCULAR]" });
    const error = Object.assign(new Error("refused 4111111111111111"), { code: "DECLINED" });
    expect(redact(error)).toMatchObject({ name: "Error", message: "refused [REDACTED CARD]", code: "DECLINED" });
  });
});
