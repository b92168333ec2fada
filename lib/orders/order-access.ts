// Who may open an order page: an order placed while signed in opens only for its own account; a guest order
// opens for whoever holds its unguessable link. Pure.
export type OrderAccess = "open" | "sign-in" | "hidden";

export function orderAccess(order: { userId: string | null }, account: { id: string } | null): OrderAccess {
  if (order.userId === null) return "open";
  if (!account) return "sign-in";
  return account.id === order.userId ? "open" : "hidden";
}
