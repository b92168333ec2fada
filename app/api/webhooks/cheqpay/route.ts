// Cheqpay's webhooks: the raw body is verified, deduplicated and applied by lib/webhooks.
import { WEBHOOK_SIGNATURE_HEADER } from "@/lib/cheqpay";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { withRequestContext } from "@/lib/observability/with-request";
import { handleCheqpayWebhook } from "@/lib/webhooks/cheqpay-webhook";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return withRequestContext(() => receive(request), request.headers);
}

async function receive(request: Request): Promise<Response> {
  // Before the signature is checked: a huge body is never buffered, hashed or parsed.
  const body = await readLimitedBody(request);
  if (body.kind === "too-large") {
    return Response.json({ received: false, error: `body too large (at most ${body.limitBytes} bytes)` }, { status: 413 });
  }
  const answer = await handleCheqpayWebhook(
    getDb(),
    body.text,
    request.headers.get(WEBHOOK_SIGNATURE_HEADER),
    getConfig().cheqpay.webhookSecrets,
  );
  return Response.json(answer.body, { status: answer.status });
}
