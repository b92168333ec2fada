// Server Actions over HTTP with any arguments, encoded exactly as the browser encodes them (React's encodeReply:
// "$"-strings escaped, NaN/undefined/Dates/FormData as Flight references). FormData arguments go as multipart.
import { createRequire } from "node:module";
import { actionResultOf } from "../../support/server-action";

type EncodeReply = (value: unknown) => Promise<string | FormData>;
const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-webpack/client.node") as {
  encodeReply: EncodeReply;
};

export type ActionAnswer = { status: number; result: unknown; body: string; redirect: string | null };

/**
 * Plain values as React's Flight reply encodes them ("$"-strings escaped as "$$", NaN, infinities, -0 and
 * undefined as references, Dates as "$D…"), without its client-side checks: an object carrying `__proto__`
 * or `constructor` as its own key goes as it is, which only a hand-made request (an attacker's) can send.
 */
export function flightJson(args: unknown[]): string {
  return JSON.stringify(args, function (this: Record<string, unknown>, key, value: unknown) {
    const original = this[key];
    if (original instanceof Date) return `$D${original.toISOString()}`;
    if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
    if (typeof value === "number") {
      if (Number.isNaN(value)) return "$NaN";
      if (value === Number.POSITIVE_INFINITY) return "$Infinity";
      if (value === Number.NEGATIVE_INFINITY) return "$-Infinity";
      if (Object.is(value, -0)) return "$-0";
    }
    if (value === undefined) return "$undefined";
    return value;
  });
}

const holdsFormData = (args: unknown[]) => args.some((arg) => arg instanceof FormData);

export async function callActionOverHttp(call: {
  baseUrl: string;
  pagePath: string;
  actionId: string;
  args: unknown[];
  cookie?: string;
  timeoutMs?: number;
}): Promise<ActionAnswer> {
  const encoded = holdsFormData(call.args) ? await encodeReply(call.args) : flightJson(call.args);
  const response = await fetch(new URL(call.pagePath, call.baseUrl), {
    method: "POST",
    headers: {
      "next-action": call.actionId,
      accept: "text/x-component",
      origin: new URL(call.baseUrl).origin,
      ...(typeof encoded === "string" ? { "content-type": "text/plain;charset=UTF-8" } : {}),
      ...(call.cookie ? { cookie: call.cookie } : {}),
    },
    body: encoded,
    redirect: "manual",
    signal: AbortSignal.timeout(call.timeoutMs ?? 15_000),
  });
  const body = await response.text();
  let result: unknown;
  try {
    result = actionResultOf(body);
  } catch {
    result = undefined;
  }
  return { status: response.status, result, body, redirect: response.headers.get("x-action-redirect") };
}
