"use server";
// A trivial Server Action (parse and return) for `npm run bench`: the framework's own cost per round trip, the
// floor the payment action's throughput is compared with. Development only, like the mailbox: refused when
// CHEQPAY_ENV=production. It reads and writes nothing.
import { z } from "zod/mini";
import { getConfig } from "@/lib/config";

const pingSchema = z.object({ n: z.number() });

export async function pingAction(input: unknown): Promise<{ ok: true; n: number } | { ok: false }> {
  if (getConfig().cheqpay.env === "production") return { ok: false };
  const parsed = pingSchema.safeParse(input);
  return parsed.success ? { ok: true, n: parsed.data.n } : { ok: false };
}
