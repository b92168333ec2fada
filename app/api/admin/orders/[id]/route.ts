// GET /api/admin/orders/{id}: the order with its refunds, for the merchant's systems (Bearer ADMIN_API_TOKEN).
import { eq } from "drizzle-orm";
import { hasAdminToken } from "@/lib/admin/staff";
import { isUuid } from "@/lib/cart/cart-ids";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { orders } from "@/lib/db/schema";
import { refundJson, refundsOfOrder } from "@/lib/refunds/refund-queries";

export const dynamic = "force-dynamic";

const notFound = () => Response.json({ error: { code: "NOT_FOUND", message: "Not found" } }, { status: 404 });

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  if (!hasAdminToken(request.headers.get("authorization"), getConfig().admin)) return notFound();
  const { id } = await params;
  if (!isUuid(id)) return notFound();
  const db = getDb();
  const [order] = await db.select().from(orders).where(eq(orders.id, id));
  if (!order) return notFound();
  const orderRefunds = await refundsOfOrder(db, order.id);
  return Response.json(
    {
      id: order.id,
      orderNumber: order.orderNumber,
      status: order.status,
      amount: order.totalCentavos,
      currency: order.currency,
      email: order.email,
      paidAt: order.paidAt?.toISOString() ?? null,
      createdAt: order.createdAt.toISOString(),
      refundedAmount: orderRefunds.filter((r) => r.status === "SUCCEEDED").reduce((sum, r) => sum + r.amountCentavos, 0),
      refunds: orderRefunds.map(refundJson),
    },
    { headers: { "cache-control": "no-store" } },
  );
}
