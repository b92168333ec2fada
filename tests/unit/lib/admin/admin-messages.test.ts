// The back office's and the order page's words exist in both languages, with the same placeholders.
import { describe, expect, it } from "vitest";
import { NAMESPACES } from "@/i18n/messages";
import enAdmin from "@/messages/en/admin.json";
import enOrder from "@/messages/en/order.json";
import esAdmin from "@/messages/es-MX/admin.json";
import esOrder from "@/messages/es-MX/order.json";

/** Every leaf as "path: {placeholders}" (plural branches' own words do not count). */
function shape(messages: unknown, path = ""): string[] {
  if (typeof messages === "string") {
    const names = [...messages.matchAll(/\{\s*([A-Za-z0-9_]+)\s*[,}]/g)].map((m) => m[1]).sort();
    return [`${path}: ${[...new Set(names)].join(",")}`];
  }
  return Object.entries(messages as Record<string, unknown>).flatMap(([key, value]) => shape(value, path ? `${path}.${key}` : key));
}

describe("admin and order messages", () => {
  it("loads the admin namespace", () => {
    expect(NAMESPACES).toContain("admin");
  });

  it("has the same keys and placeholders in Spanish and English", () => {
    expect(shape(esAdmin).sort()).toEqual(shape(enAdmin).sort());
    expect(shape(esOrder).sort()).toEqual(shape(enOrder).sort());
  });

  it("names every order status and refund status", () => {
    for (const messages of [enAdmin, esAdmin]) {
      expect(Object.keys(messages.statuses).sort()).toEqual(["paid", "partially_refunded", "pending", "refunded"]);
      expect(Object.keys(messages.order.refunds.statuses).sort()).toEqual(["FAILED", "PENDING", "SUCCEEDED"]);
    }
    for (const messages of [enOrder, esOrder]) {
      expect(Object.keys(messages.refunds.statuses).sort()).toEqual(["FAILED", "PENDING", "SUCCEEDED"]);
      expect(messages.statusValue).toHaveProperty("partially_refunded");
      expect(messages.statusValue).toHaveProperty("refunded");
    }
  });
});
