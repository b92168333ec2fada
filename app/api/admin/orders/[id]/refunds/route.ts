// POST /api/admin/orders/{id}/refunds {amount?, reason} with Bearer ADMIN_API_TOKEN: the refund is recorded
// and queued; the answer is 202 with its id and status PENDING at once (the job calls Cheqpay).
import { hasAdminToken } from "@/lib/admin/staff";
import { isUuid } from "@/lib/cart/cart-ids";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { defaultJobQueue } from "@/lib/queue/default-queue";
import { refundJson } from "@/lib/refunds/refund-queries";
import { refundRequestSchema } from "@/lib/refunds/refund-request-schema";
import { requestRefund } from "@/lib/refunds/request-refund";
import { withRequestContext } from "@/lib/observability/with-request";

export const dynamic = "force-dynamic";

const error = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) =>
  Response.json({ error: { code, message, ...extra } }, { status });

const REFUSALS = {
  "order-not-paid": [409, "ORDER_NOT_PAID", "Only a paid order can be refunded"],
  "amount-invalid": [400, "AMOUNT_INVALID", "amount must be a positive whole number of centavos"],
  "amount-exceeds-remaining": [422, "AMOUNT_EXCEEDS_REMAINING", "amount exceeds what remains refundable"],
  "nothing-to-refund": [409, "NOTHING_TO_REFUND", "The order has been refunded in full"],
} as const;

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  // Its log lines and Cheqpay calls carry the request's id.
  return withRequestContext(() => handle(request, { params }), request.headers);
}

async function handle(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  if (!hasAdminToken(request.headers.get("authorization"), getConfig().admin)) return error(404, "NOT_FOUND", "Not found");
  const { id } = await params;
  if (!isUuid(id)) return error(404, "NOT_FOUND", "Order not found");
  const raw = await readLimitedBody(request);
  if (raw.kind === "too-large") return error(413, "PAYLOAD_TOO_LARGE", `The body must be at most ${raw.limitBytes} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(raw.text);
  } catch {
    return error(400, "INVALID_JSON", "The body must be a JSON object");
  }
  // Problems the schema has no code for (the body is not an object, a field of the wrong type) read "invalid".
  const parsed = refundRequestSchema.safeParse(body, { error: () => "invalid" });
  if (!parsed.success) {
    const messages = parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? "body"), code: issue.message }));
    return error(400, "VALIDATION_ERROR", "The request is not valid", { details: messages });
  }
  const queue = defaultJobQueue();
  const result = await requestRefund(getDb(), queue ?? { send: async () => undefined }, {
    orderId: id,
    amountCentavos: parsed.data.amount,
    reason: parsed.data.reason,
    requestedBy: "api",
  });
  if (result.kind === "not-found") return error(404, "NOT_FOUND", "Order not found");
  if (result.kind === "refused") {
    const [status, code, message] = REFUSALS[result.refusal];
    return error(status, code, message, { remainingAmount: result.remainingCentavos });
  }
  return Response.json(refundJson(result.refund), { status: 202, headers: { location: `/api/admin/orders/${id}` } });
}
