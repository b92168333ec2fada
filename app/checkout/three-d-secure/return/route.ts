// Cheqpay's challenge page posts here (inside our 3-D Secure iframe) when the shopper has answered. We
// validate on the server, move the attempt, and take the top window to the order page or back to the
// checkout. The posted fields are checked against what Cheqpay gave the attempt; cookies are not needed
// (the post comes from Cheqpay's origin, so SameSite cookies are not sent).
import { getCheqpayClient } from "@/lib/cheqpay";
import { completeChallenge } from "@/lib/checkout/payment-service";
import { stepMessages } from "@/lib/checkout/payment-context";
import { getDb } from "@/lib/db/client";
import { nonceFrom } from "@/lib/http/nonce";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { withRequestContext } from "@/lib/observability/with-request";

export const dynamic = "force-dynamic";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function POST(request: Request): Promise<Response> {
  // Its log lines and Cheqpay calls carry the request's id.
  return withRequestContext(() => handle(request), request.headers);
}

async function handle(request: Request): Promise<Response> {
  const nonce = nonceFrom(request.headers);
  const attemptId = new URL(request.url).searchParams.get("attempt") ?? "";
  // The bank's post is a few hundred bytes: anything past the routes' limit is refused before it is parsed.
  const body = await readLimitedBody(request);
  if (body.kind === "too-large") return new Response("Request too large.", { status: 413, headers: { "content-type": "text/plain" } });
  const contentType = request.headers.get("content-type") ?? "application/x-www-form-urlencoded";
  const form = await new Request(request.url, { method: "POST", headers: { "content-type": contentType }, body: body.text })
    .formData()
    .catch(() => null);
  const transactionId = form?.get("TransactionId");
  const merchantData = form?.get("MD");
  if (!UUID.test(attemptId) || typeof transactionId !== "string" || transactionId.length === 0 || transactionId.length > 200) {
    return topNavigation("/checkout?payment=authentication_failed", nonce, 400);
  }
  const step = await completeChallenge(
    { db: getDb(), cheqpay: getCheqpayClient(), messages: await stepMessages() },
    { attemptId, transactionId, merchantData: typeof merchantData === "string" ? merchantData : null },
  );
  if (step?.kind === "paid") return topNavigation(step.orderUrl, nonce);
  return topNavigation("/checkout?payment=authentication_failed", nonce, step ? 200 : 400);
}

export function GET(request: Request): Response {
  return topNavigation("/checkout", nonceFrom(request.headers));
}

/**
 * A tiny page that replaces the whole checkout (the top window), with a link for when scripts are off. Its
 * script carries the request's nonce (proxy.ts): the Content-Security-Policy runs no other inline script.
 */
function topNavigation(path: string, nonce: string | undefined, status = 200): Response {
  const href = JSON.stringify(path);
  const nonceAttribute = nonce ? ` nonce="${nonce}"` : "";
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Returning to the shop</title></head>
<body><p><a href=${href} target="_top">Continue</a></p><script${nonceAttribute}>window.top.location.replace(${href});</script></body></html>`;
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer" },
  });
}
