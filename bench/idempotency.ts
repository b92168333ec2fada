// Idempotency under load: 100 identical submissions of one checkout form (same cart, same submission key) at
// once. Counted at the sandbox: create requests for the order, and charges (orders Cheqpay completed).
import { checkoutFields } from "../tests/support/system-shopper";
import { makeCarts } from "./lib/carts";
import type { BenchContext } from "./lib/context";
import { payGuest, shopperIp } from "./lib/shopper";

type Logged = { seq: number; body: { externalId?: string } | null };

export type IdempotencyResult = { submissions: number; paidAnswers: number; createRequests: number; charges: number };

export async function concurrentIdenticalSubmits(ctx: BenchContext, submissions = 100): Promise<IdempotencyResult> {
  const requests = async (since: number) =>
    (await ctx.sandbox.control<{ data: Logged[] }>("GET", `/_sandbox/requests?operation=createPaymentOrder&since=${since}`)).body.data;
  const before = (await requests(0)).reduce((max, entry) => Math.max(max, entry.seq), 0);
  const [cookie] = await makeCarts(ctx.pool.sql, 1);
  const fields = checkoutFields();
  const ip = shopperIp();
  const answers = await Promise.allSettled(Array.from({ length: submissions }, () => payGuest(ctx, cookie!, fields, ip)));
  const creates = await requests(before);
  const externalIds = [...new Set(creates.map((entry) => entry.body?.externalId).filter((id): id is string => !!id))];
  let charges = 0;
  for (const externalId of externalIds) {
    const response = await fetch(`${ctx.sandbox.baseUrl}/v2/payment-orders/${externalId}`, { headers: { "x-api-key": ctx.sandbox.apiKey } });
    if (response.ok && ((await response.json()) as { status: string }).status === "COMPLETED") charges++;
  }
  return { submissions, paidAnswers: answers.filter((a) => a.status === "fulfilled").length, createRequests: creates.length, charges };
}
