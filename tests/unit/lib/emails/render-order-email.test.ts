// The order emails as the shopper receives them: subject in the order's language, the order's contents, the
// way back to the order, how to reach support, the refund policy, a plain-text twin, and HTML that is escaped.
import { describe, expect, it } from "vitest";
import type { OrderEmailData } from "@/lib/emails/order-email-data";
import { type EmailContext, renderOrderEmail } from "@/lib/emails/render-order-email";

const context: EmailContext = { appUrl: "https://shop.example.test", support: { email: "ayuda@shop.example.test", phone: "+52 55 5555 0100" } };
const TOKEN = "tok_3kq9Zp1";
const ORDER_URL = `https://shop.example.test/orders/${TOKEN}`;
const REFUND_POLICY = "https://shop.example.test/policies/refunds";

function data(overrides: { locale?: string; firstName?: string; productName?: string; refund?: number; refunded?: number } = {}): OrderEmailData {
  const now = new Date("2025-03-01T12:00:00Z");
  const line = (name: string, quantity: number, unit: number) => ({
    id: `line-${name}`,
    orderId: "order-1",
    productId: `product-${name}`,
    name,
    unitPriceCentavos: unit,
    quantity,
    lineTotalCentavos: unit * quantity,
  });
  return {
    order: {
      id: "order-1",
      publicToken: TOKEN,
      orderNumber: 1042,
      status: "paid",
      currency: "MXN",
      subtotalCentavos: 68700,
      totalCentavos: 68700,
      email: "ana.lopez@example.com",
      firstName: overrides.firstName ?? "Ana",
      lastName: "López",
      phone: null,
      billingAddress: { line1: "Av. Reforma 222", city: "Ciudad de México", state: "CMX", postalCode: "06600", country: "MX" },
      locale: overrides.locale ?? "en",
      userId: null,
      cartId: null,
      paidAt: now,
      createdAt: now,
      updatedAt: now,
    },
    lines: [line(overrides.productName ?? "Taza de barro", 2, 24900), line("Rebozo", 1, 18900)],
    card: { brand: "mastercard", last4: "4444" },
    refund:
      overrides.refund === undefined
        ? null
        : {
            id: "refund-1",
            orderId: "order-1",
            amountCentavos: overrides.refund,
            currency: "MXN",
            reason: "damaged",
            status: "SUCCEEDED",
            failureReason: null,
            cheqpayRefundId: "rf_1",
            requestedBy: "api",
            submittedAt: now,
            completedAt: now,
            createdAt: now,
            updatedAt: now,
          },
    refundedCentavos: overrides.refunded ?? 0,
  };
}

const confirmation = (overrides: Parameters<typeof data>[0] = {}) =>
  renderOrderEmail("order-confirmation", "order-confirmation:order-1", data(overrides), context);

describe("the order confirmation", () => {
  it("is addressed to the order's email under its event key", () => {
    const mail = confirmation();
    expect(mail.eventKey).toBe("order-confirmation:order-1");
    expect(mail.to).toBe("ana.lopez@example.com");
  });

  it("has an English subject for an English order and a Spanish one for an es-MX order", () => {
    expect(confirmation({ locale: "en" }).subject).toBe("Your order #1042 is confirmed");
    expect(confirmation({ locale: "es-MX" }).subject).toBe("Tu pedido #1042 está confirmado");
  });

  it("falls back to Spanish for an order of an unknown language", () => {
    expect(confirmation({ locale: "fr" }).subject).toBe("Tu pedido #1042 está confirmado");
  });

  it.each(["html", "text"] as const)("lists items, totals, card, billing address, order link, support and refund policy in its %s part", (part) => {
    const body = confirmation({ locale: "en" })[part];
    for (const expected of [
      "Taza de barro",
      "Rebozo",
      "MX$498.00",
      "MX$189.00",
      "Subtotal",
      "Total",
      "MX$687.00",
      "Mastercard ending in 4444",
      "Av. Reforma 222",
      "Ciudad de México, CMX 06600",
      "Ana López",
      ORDER_URL,
      "ayuda@shop.example.test",
      "+52 55 5555 0100",
      REFUND_POLICY,
    ]) {
      expect(body, `${part} part lacks ${expected}`).toContain(expected);
    }
  });

  it("speaks Spanish throughout an es-MX order", () => {
    const { html, text } = confirmation({ locale: "es-MX" });
    for (const body of [html, text]) {
      expect(body).toContain("Mastercard terminada en 4444");
      expect(body).toContain("Dirección de facturación");
      expect(body).toContain("Política de reembolsos");
      expect(body).toContain("$687.00");
      expect(body).not.toContain("MX$");
    }
  });

  it("links the order and the refund policy from the HTML", () => {
    const { html } = confirmation();
    expect(html).toContain(`href="${ORDER_URL}"`);
    expect(html).toContain(`href="${REFUND_POLICY}"`);
  });

  it("has a plain-text part with no HTML in it", () => {
    const { text } = confirmation();
    expect(text).toContain("Thank you for your order!");
    expect(text).toContain("- Taza de barro × 2: MX$498.00");
    expect(text).not.toMatch(/<[a-z/][^>]*>/i);
  });

  it("escapes a product name and a first name that hold markup in the HTML", () => {
    const productName = `Mug <script>alert("x")</script> & co`;
    const mail = confirmation({ productName, firstName: "<b>Ana</b>" });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<b>Ana</b>");
    expect(mail.html).toContain("Mug &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co");
    expect(mail.html).toContain("&lt;b&gt;Ana&lt;/b&gt;");
    expect(mail.text).toContain(productName);
  });

  it("escapes a name and a billing address that hold markup, and keeps them as typed in the text part", () => {
    const hostile = data({ firstName: "<img src=x onerror=alert(1)>" });
    hostile.order.lastName = `"><svg onload=alert(3)>`;
    hostile.order.billingAddress = { line1: `<script>alert(2)</script> & "quotes"`, city: "<i>CDMX</i>", state: "CMX", postalCode: "06600", country: "MX" };
    const mail = renderOrderEmail("order-confirmation", "k", hostile, context);
    for (const markup of ["<img", "<script", "<svg", "<i>"]) expect(mail.html).not.toContain(markup);
    expect(mail.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(mail.html).toContain("&lt;script&gt;alert(2)&lt;/script&gt; &amp; &quot;quotes&quot;");
    expect(mail.html).toContain("&quot;&gt;&lt;svg onload=alert(3)&gt;");
    expect(mail.text).toContain(`<script>alert(2)</script> & "quotes"`);
  });

  it("leaves the card out when no attempt succeeded with one", () => {
    const without = { ...data(), card: null };
    const mail = renderOrderEmail("order-confirmation", "k", without, context);
    expect(mail.html).not.toContain("ending in");
    expect(mail.text).not.toContain("Payment:");
  });
});

describe("the refund confirmation", () => {
  it("says how much was refunded, the total refunded and what remains paid, in the order's language", () => {
    const en = renderOrderEmail("refund-confirmation", "refund-confirmation:refund-1", data({ refund: 20000, refunded: 30000 }), context);
    expect(en.subject).toBe("Refund for your order #1042");
    for (const body of [en.html, en.text]) {
      expect(body).toContain("We refunded MX$200.00 of your order #1042");
      expect(body).toContain("Refunded in total: MX$300.00");
      expect(body).toContain("Paid after refunds: MX$387.00");
      expect(body).toContain(ORDER_URL);
      expect(body).toContain(REFUND_POLICY);
    }
    const es = renderOrderEmail("refund-confirmation", "refund-confirmation:refund-1", data({ locale: "es-MX", refund: 68700, refunded: 68700 }), context);
    expect(es.subject).toBe("Reembolso de tu pedido #1042");
    expect(es.text).toContain("Reembolsamos $687.00 de tu pedido #1042");
    expect(es.text).toContain("Pagado después de reembolsos: $0.00");
  });
});

describe("the failed-payment email", () => {
  it("says nothing was charged and links back to the order, in the order's language", () => {
    const en = renderOrderEmail("payment-failed", "payment-failed:attempt-1", data(), context);
    expect(en.subject).toBe("The payment for your order #1042 didn't go through");
    expect(en.text).toContain("your card has not been charged");
    expect(en.text).toContain(ORDER_URL);
    expect(en.html).toContain(`href="${ORDER_URL}"`);
    const es = renderOrderEmail("payment-failed", "payment-failed:attempt-1", data({ locale: "es-MX" }), context);
    expect(es.subject).toBe("No se completó el pago de tu pedido #1042");
    expect(es.text).toContain("ayuda@shop.example.test");
  });
});
