// A scripted `fetch` for unit tests of lib/cheqpay: the client's transport boundary, never our own code.
// Each call takes the next scripted answer and is recorded (URL, method, headers, parsed body).

export type RecordedRequest = {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
};

export type ScriptedAnswer =
  | { status: number; json?: unknown; text?: string; headers?: Record<string, string> }
  | { throws: unknown }
  /** Never answers; rejects when the request's signal aborts (a client timeout). */
  | { hang: true };

export type FakeFetch = {
  fetch: typeof fetch;
  requests: RecordedRequest[];
};

export function fakeFetch(...answers: ScriptedAnswer[]): FakeFetch {
  const requests: RecordedRequest[] = [];
  const queue = [...answers];
  const impl = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const raw = typeof init.body === "string" ? init.body : undefined;
    requests.push({ url: String(input), method: init.method ?? "GET", headers, body: raw === undefined ? undefined : JSON.parse(raw) });
    const answer = queue.length > 1 ? queue.shift()! : queue[0];
    if (!answer) throw new Error("fakeFetch: no scripted answer left");
    if ("throws" in answer) throw answer.throws;
    if ("hang" in answer) {
      return new Promise<Response>((_, reject) => {
        const signal = init.signal;
        signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
      });
    }
    const body = answer.text ?? (answer.json === undefined ? "" : JSON.stringify(answer.json));
    const type = answer.text === undefined ? "application/json" : "text/html";
    return new Response(body === "" ? null : body, {
      status: answer.status,
      headers: { "content-type": type, ...answer.headers },
    });
  };
  return { fetch: impl as typeof fetch, requests };
}

/** A Node-style connection error, as undici reports it (`TypeError: fetch failed` with a coded cause). */
export function connectionError(code: string): Error {
  const cause = Object.assign(new Error(`connect ${code}`), { code });
  return new TypeError("fetch failed", { cause });
}

/** A flat payment order as the wire contract shows it; `overrides` replace top-level fields. */
export function wireOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "0b6f3c1e-0000-4000-8000-000000000001",
    externalId: "att_unit_1",
    externalMerchantReference: "att_unit_1",
    orderNumber: "C26112500001",
    amount: 124900,
    currency: "MXN",
    status: "COMPLETED",
    refundedAmount: 0,
    createdAt: "2026-11-25T10:00:00.000Z",
    updatedAt: "2026-11-25T10:00:00.000Z",
    paymentMethod: {
      type: "CARD",
      id: "pm-1",
      cardDetails: { id: "cd-1", bin: "411111", last4: "1111", brand: "VISA", expiryMonth: "12", expiryYear: "30" },
    },
    customer: { id: "cus-1", externalId: "user-1", firstName: "Ana", lastName: "López", email: "ana@example.com" },
    payments: [
      {
        id: "pay-1",
        status: "CAPTURED",
        paymentMethodType: "CARD",
        amount: "1249.00",
        refundedAmount: "0.00",
        paymentMethodId: "pm-1",
        declineReason: null,
      },
    ],
    ...overrides,
  };
}

export const noSleep = async (_ms: number): Promise<void> => {};
