// Cheqpay's webhooks: the raw body is verified, deduplicated and applied by lib/webhooks.
import { WEBHOOK_SIGNATURE_HEADER } from "@/lib/cheqpay";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { withRequestContext } from "@/lib/observability/with-request";
import { handleCheqpayWebhook } from "@/lib/webhooks/cheqpay-webhook";

export const dynamic = "force-dynamic";
const MAX_BODY_BYTES = 256 * 1024;

export async function POST(request: Request): Promise<Response> {
  return withRequestContext(() => receive(request), request.headers);
}

async function receive(request: Request): Promise<Response> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    return Response.json({ received: false, error: "body too large" }, { status: 413 });
  }
  const rawBody = await request.text();
  if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES) return Response.json({ received: false, error: "body too large" }, { status: 413 });
  const answer = await handleCheqpayWebhook(
    getDb(),
    rawBody,
    request.headers.get(WEBHOOK_SIGNATURE_HEADER),
    getConfig().cheqpay.webhookSecrets,
  );
  return Response.json(answer.body, { status: answer.status });
}
