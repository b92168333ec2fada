// The one HTML escaper of every email: names, addresses, product names, links and our own copy go through it.
import { describe, expect, it } from "vitest";
import { buttonHtml, escapeHtml, htmlDocument } from "@/lib/emails/email-layout";

describe("escapeHtml", () => {
  it("escapes the five characters that can open markup or leave an attribute", () => {
    expect(escapeHtml(`<script>alert(2)</script> & "quotes" 'single'`)).toBe(
      "&lt;script&gt;alert(2)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;single&#39;",
    );
  });

  it("escapes an ampersand first, so an entity typed by the shopper shows as typed", () => {
    expect(escapeHtml("&lt;b&gt;")).toBe("&amp;lt;b&amp;gt;");
  });

  it("leaves other text, any script and emoji as it is", () => {
    expect(escapeHtml("José Ñúñez ناصر 🎉 \u200B")).toBe("José Ñúñez ناصر 🎉 \u200B");
  });
});

describe("the email frame", () => {
  it("escapes the heading, the footer's text and its links", () => {
    const html = htmlDocument("<img src=x onerror=alert(1)>", "<p>body</p>", {
      help: "<b>help</b>",
      supportLine: "a & b",
      links: [{ label: "<i>terms</i>", url: `https://shop.test/terms?a=1&b="x"` }],
    });
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>help</b>");
    expect(html).not.toContain("<i>terms</i>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain(`href="https://shop.test/terms?a=1&amp;b=&quot;x&quot;"`);
  });

  it("keeps a button's link inside its attribute", () => {
    const html = buttonHtml(`View "order"`, `https://shop.test/orders/x" onclick="alert(1)`);
    expect(html).toContain(`href="https://shop.test/orders/x&quot; onclick=&quot;alert(1)"`);
    expect(html).toContain("View &quot;order&quot;");
  });
});
