// The orders list's count and page label when the count stopped at COUNT_CAP: "1,000+" in both languages.
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { COUNT_CAP } from "@/lib/admin/order-search";
import enAdmin from "@/messages/en/admin.json";
import esAdmin from "@/messages/es-MX/admin.json";

const translator = (locale: string, messages: typeof enAdmin) => createTranslator({ locale, messages: { admin: messages }, namespace: "admin.orders" });

describe("the orders list's capped count", () => {
  it("says the cap and a plus, grouped as each language writes numbers", () => {
    expect(translator("en", enAdmin)("countCapped", { count: COUNT_CAP })).toBe("1,000+ orders");
    expect(translator("es-MX", esAdmin)("countCapped", { count: COUNT_CAP })).toBe("1,000+ pedidos");
  });

  it("says the page count is a lower bound", () => {
    expect(translator("en", enAdmin)("pagination.pageOfMany", { page: 3, pages: 40 })).toBe("Page 3 of 40+");
    expect(translator("es-MX", esAdmin)("pagination.pageOfMany", { page: 3, pages: 40 })).toBe("Página 3 de 40+");
  });

  it("keeps exact counts exact", () => {
    expect(translator("en", enAdmin)("count", { count: 9999 })).toBe("9,999 orders");
    expect(translator("es-MX", esAdmin)("count", { count: 1 })).toBe("1 pedido");
  });
});
