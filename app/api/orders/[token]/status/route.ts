// The order page's live status: polled while a payment is still being processed.
import { currentAccount } from "@/lib/accounts/current-account";
import { getDb } from "@/lib/db/client";
import { orderAccess } from "@/lib/orders/order-access";
import { loadOrderPaymentState } from "@/lib/orders/order-queries";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const found = await loadOrderPaymentState(getDb(), (await params).token);
  // An account's order is answered only to that account; to anyone else it does not exist.
  if (!found || (found.userId !== null && orderAccess(found, await currentAccount()) !== "open")) {
    return Response.json({ error: "not found" }, { status: 404 });
  }
  return Response.json({ state: found.state }, { headers: { "cache-control": "no-store" } });
}
