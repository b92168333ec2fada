import { describe, expect, it } from "vitest";
import { orderAccess } from "@/lib/orders/order-access";

const ana = { id: "user-ana" };
const beto = { id: "user-beto" };

describe("orderAccess", () => {
  it("opens a guest order for whoever holds its link, signed in or not", () => {
    const guestOrder = { userId: null };
    expect(orderAccess(guestOrder, null)).toBe("open");
    expect(orderAccess(guestOrder, ana)).toBe("open");
  });

  it("opens an account's order for that account", () => {
    expect(orderAccess({ userId: ana.id }, ana)).toBe("open");
  });

  it("asks a signed-out visitor to sign in to open an account's order", () => {
    expect(orderAccess({ userId: ana.id }, null)).toBe("sign-in");
  });

  it("hides an account's order from another account", () => {
    expect(orderAccess({ userId: ana.id }, beto)).toBe("hidden");
  });
});
