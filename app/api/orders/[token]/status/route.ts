// The order page's live status: polled while a payment is still being processed.
import { getDb } from "@/lib/db/client";
import { loadOrderPaymentState } from "@/lib/orders/order-queries";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const state = await loadOrderPaymentState(getDb(), (await params).token);
  if (!state) return Response.json({ error: "not found" }, { status: 404 });
  return Response.json({ state }, { headers: { "cache-control": "no-store" } });
}
