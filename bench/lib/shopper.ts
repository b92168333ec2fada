// One guest card payment through the app as the browser makes it: the checkout page's Server Action over HTTPS.
import type { PaymentStep } from "@/lib/checkout/payment-step";
import { callServerAction } from "../../tests/support/server-action";
import { checkoutFields } from "../../tests/support/system-shopper";
import type { BenchContext } from "./context";

/** A shopper's own address: real shoppers come from many, and the card-testing limits count and lock per IP
 *  (the app runs with TRUST_PROXY, as behind a load balancer that sets X-Forwarded-For). */
export function shopperIp(): string {
  const octet = () => Math.floor(Math.random() * 254) + 1;
  return `10.${octet()}.${octet()}.${octet()}`;
}

/** Pays the cart `cookie` names with the approving Visa (no 3-D Secure); throws unless the order is paid. */
export async function payGuest(
  ctx: BenchContext,
  cookie: string,
  fields: Record<string, unknown> = checkoutFields(),
  ip: string = shopperIp(),
): Promise<string> {
  const answer = await callServerAction<PaymentStep>({
    baseUrl: ctx.app.url,
    pagePath: "/checkout",
    actionId: ctx.payActionId,
    args: [fields],
    cookie,
    headers: { "x-forwarded-for": ip },
  });
  if (answer.status !== 200 || answer.result?.kind !== "paid") {
    throw new Error(`payment not paid: HTTP ${answer.status} ${JSON.stringify(answer.result ?? answer.body.slice(0, 300))}`);
  }
  return answer.result.orderUrl;
}

/** The trivial Server Action (app/dev/ping): parse and return. */
export async function ping(ctx: BenchContext, n: number): Promise<void> {
  const answer = await callServerAction<{ ok: boolean }>({ baseUrl: ctx.app.url, pagePath: "/dev/ping", actionId: ctx.pingActionId, args: [{ n }] });
  if (answer.status !== 200 || answer.result?.ok !== true) throw new Error(`ping failed: HTTP ${answer.status} ${answer.body.slice(0, 300)}`);
}
