import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhookBody, verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from "@/lib/cheqpay";

const secret = "whsec_current";
const body = JSON.stringify({ id: "evt-1", event: "payment.capture.success", data: { paymentOrder: { id: "o1", amount: 124900 } } });
const hex = createHmac("sha256", secret).update(body).digest("hex");
const base64 = createHmac("sha256", secret).update(body).digest("base64");

describe("signWebhookBody", () => {
  it("is the lowercase hex HMAC-SHA256 of the raw body", () => {
    expect(signWebhookBody(body, secret)).toBe(hex);
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
  });

  it("signs bytes and the same text alike", () => {
    expect(signWebhookBody(new TextEncoder().encode(body), secret)).toBe(hex);
  });

  it("names the x-webhook-signature header", () => {
    expect(WEBHOOK_SIGNATURE_HEADER).toBe("x-webhook-signature");
  });
});

describe("verifyWebhookSignature", () => {
  it("accepts a hex signature", () => {
    expect(verifyWebhookSignature(body, hex, [secret])).toBe(true);
  });

  it("accepts uppercase hex and surrounding spaces", () => {
    expect(verifyWebhookSignature(body, `  ${hex.toUpperCase()} `, [secret])).toBe(true);
  });

  it("accepts a base64 signature", () => {
    expect(verifyWebhookSignature(body, base64, [secret])).toBe(true);
  });

  it("accepts a sha256= prefix on hex and base64", () => {
    expect(verifyWebhookSignature(body, `sha256=${hex}`, [secret])).toBe(true);
    expect(verifyWebhookSignature(body, `SHA256=${base64}`, [secret])).toBe(true);
  });

  it("accepts a raw body given as bytes", () => {
    expect(verifyWebhookSignature(Buffer.from(body), hex, [secret])).toBe(true);
  });

  it("rejects a signature made with another secret", () => {
    expect(verifyWebhookSignature(body, signWebhookBody(body, "whsec_other"), [secret])).toBe(false);
  });

  it("rejects a body changed after signing, even by one character or whitespace", () => {
    expect(verifyWebhookSignature(body.replace("124900", "124901"), hex, [secret])).toBe(false);
    expect(verifyWebhookSignature(`${body}\n`, hex, [secret])).toBe(false);
    expect(verifyWebhookSignature(JSON.stringify(JSON.parse(body), null, 2), hex, [secret])).toBe(false);
  });

  it("accepts either of two secrets during a rotation, in any order", () => {
    const oldSignature = signWebhookBody(body, "whsec_old");
    expect(verifyWebhookSignature(body, oldSignature, [secret, "whsec_old"])).toBe(true);
    expect(verifyWebhookSignature(body, hex, [secret, "whsec_old"])).toBe(true);
    expect(verifyWebhookSignature(body, hex, ["whsec_old", secret])).toBe(true);
    expect(verifyWebhookSignature(body, oldSignature, [secret, "whsec_newer"])).toBe(false);
  });

  it("rejects everything when no usable secret is configured", () => {
    expect(verifyWebhookSignature(body, hex, [])).toBe(false);
    expect(verifyWebhookSignature(body, signWebhookBody(body, ""), [""])).toBe(false);
  });

  it.each([
    ["missing", undefined],
    ["null", null],
    ["empty", ""],
    ["garbage", "not-a-signature"],
    ["too short hex", hex.slice(0, 63)],
    ["too long hex", `${hex}0`],
    ["non-hex of the right length", "z".repeat(64)],
    ["base64 of the wrong length", Buffer.alloc(16).toString("base64")],
    ["a bare prefix", "sha256="],
    ["two signatures", `${hex},${hex}`],
  ])("rejects a %s header", (_, header) => {
    expect(verifyWebhookSignature(body, header, [secret])).toBe(false);
  });
});
