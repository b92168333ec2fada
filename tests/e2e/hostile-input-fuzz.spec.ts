// Hostile input, at volume: over a thousand malformed payloads (wrong types, missing and extra fields, 100 kB
// strings, RTL/zero-width/emoji/NUL, negative, fractional, NaN and huge numbers, SQL and HTML fragments,
// prototype keys, other shoppers' real ids) against the payment Server Actions, Cheqpay's webhook route and
// the admin API, on an app instance and database of the test's own. Every answer is a clear 4xx or a
// validation result, never a 5xx or a hang; afterwards every table is as it was and Cheqpay was never called.
// Payloads come from a seeded PRNG: FUZZ_SEED=<seed> replays a run.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { serverActionId } from "../support/server-action";
import { type ActionAnswer, callActionOverHttp } from "./support/action-over-http";
import { snapshotPublicTables, type TableSnapshot } from "./support/database-snapshot";
import { type ActionPayload, authenticationPayload, payWithCardPayload } from "./support/fuzz-checkout-payloads";
import { adminPayload, type HttpPayload, webhookPayload } from "./support/fuzz-http-payloads";
import { seededRandom } from "./support/fuzz-values";
import { actionIds, FUZZ_ADMIN_TOKEN, type FuzzWorld, startFuzzWorld } from "./support/fuzz-world";

test.describe.configure({ mode: "serial" });

const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const COUNTS = { payWithCard: 440, continueAuthentication: 90, abandonAuthentication: 60, webhook: 280, admin: 200 } as const;
const CONCURRENCY = 8;
/** An answer slower than this is a hang (generous: a loaded CI machine answers in well under a second). */
const TIMEOUT_MS = 30_000;

type Target = keyof typeof COUNTS;
type Case = { target: Target; index: number; label: string; run: () => Promise<string | null> };

let world: FuzzWorld;
let baseline: TableSnapshot[];
let sandboxSeq: number;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  world = await startFuzzWorld();
  baseline = await snapshotPublicTables(world.sql);
  sandboxSeq = (await sandboxRequests(0)).at(-1)?.seq ?? 0;
});

test.afterAll(async () => {
  await world?.stop();
});

async function sandboxRequests(since: number): Promise<{ seq: number; operation: string | null; path: string }[]> {
  const { body } = await world.sandbox.control<{ data: { seq: number; operation: string | null; path: string }[] }>("GET", `/_sandbox/requests?since=${since}`);
  return body.data;
}

/** What is wrong with an action's answer, or null: a validation result or one of the expected problems. */
function actionProblem(payload: ActionPayload, answer: ActionAnswer): string | null {
  // A proxy refusing an oversized body before the action runs is a clear refusal too.
  if (answer.status === 413) return null;
  if (answer.status !== 200) return `status ${answer.status}: ${answer.body.slice(0, 160)}`;
  for (const { token } of [...world.other.paidOrders, world.other.pendingOrder]) {
    if (answer.body.includes(token)) return "the answer names another shopper's order";
  }
  const result = answer.result as { kind?: string; code?: string; fieldErrors?: Record<string, unknown> } | undefined;
  if (result?.kind === "invalid" && payload.expect.invalid) {
    const raw = Object.values(result.fieldErrors ?? {}).find((message) => typeof message !== "string" || !/^[A-Za-z_]+$/.test(message));
    return raw === undefined ? null : `a field error that is not a message key: ${JSON.stringify(raw).slice(0, 80)}`;
  }
  if (result?.kind === "problem" && payload.expect.problems.includes(result.code ?? "")) return null;
  return `answered ${JSON.stringify(result).slice(0, 160)}`;
}

async function sendHttp(payload: HttpPayload): Promise<string | null> {
  const chunked = typeof payload.body === "object";
  const body = chunked ? chunkedBody(payload.body as { chunks: number; chunkSize: number }) : payload.body;
  const response = await fetch(`${world.app.url}${payload.path}`, {
    method: payload.method,
    headers: payload.headers,
    body,
    redirect: "manual",
    signal: AbortSignal.timeout(TIMEOUT_MS),
    ...(chunked ? { duplex: "half" } : {}),
  } as RequestInit);
  const text = await response.text();
  return payload.expect.includes(response.status) ? null : `status ${response.status} (expected ${payload.expect.join("/")}): ${text.slice(0, 160)}`;
}

function chunkedBody({ chunks, chunkSize }: { chunks: number; chunkSize: number }): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ >= chunks) return controller.close();
      controller.enqueue(new Uint8Array(chunkSize).fill(0x61));
    },
  });
}

function buildCases(): Case[] {
  const random = seededRandom(SEED);
  const ids = actionIds();
  const { other } = world;
  const shoppers = { ...other, orderIds: [...other.paidOrders.map((o) => o.id), other.pendingOrder.id] };
  const cases: Case[] = [];
  const action = (actionId: string, payload: ActionPayload) => async () =>
    actionProblem(
      payload,
      await callActionOverHttp({
        baseUrl: world.app.url,
        pagePath: "/checkout",
        actionId,
        args: payload.args,
        cookie: payload.signedIn ? world.signedInCookie : world.guestCookie,
        timeoutMs: TIMEOUT_MS,
      }),
    );
  const add = (target: Target, index: number, label: string, run: () => Promise<string | null>) => cases.push({ target, index, label, run });
  for (let i = 0; i < COUNTS.payWithCard; i++) {
    const payload = payWithCardPayload(random, shoppers);
    add("payWithCard", i, payload.label, action(ids.payWithCard, payload));
  }
  for (let i = 0; i < COUNTS.continueAuthentication; i++) {
    const payload = authenticationPayload(random, shoppers, "continue");
    add("continueAuthentication", i, payload.label, action(ids.continueAuthentication, payload));
  }
  for (let i = 0; i < COUNTS.abandonAuthentication; i++) {
    const payload = authenticationPayload(random, shoppers, "abandon");
    add("abandonAuthentication", i, payload.label, action(ids.abandonAuthentication, payload));
  }
  const known = { cheqpayOrderIds: other.cheqpayOrderIds, externalIds: other.externalIds };
  for (let i = 0; i < COUNTS.webhook; i++) {
    const payload = webhookPayload(random, world.sandbox.webhookSecret, known);
    add("webhook", i, payload.label, () => sendHttp(payload));
  }
  const targets = { token: FUZZ_ADMIN_TOKEN, paidOrders: other.paidOrders, pendingOrderId: other.pendingOrder.id };
  for (let i = 0; i < COUNTS.admin; i++) {
    const payload = adminPayload(random, targets);
    add("admin", i, `${payload.method} ${payload.path.slice(0, 80)}: ${payload.label}`, () => sendHttp(payload));
  }
  // Interleaved, so the targets are hit at the same time as each other.
  return cases.sort((a, b) => a.index - b.index || a.target.localeCompare(b.target));
}

async function runAll(cases: Case[]): Promise<{ failures: string[]; timings: Record<string, string> }> {
  const failures: string[] = [];
  const durations: Record<string, number[]> = {};
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const item = cases[next++]!;
      const started = performance.now();
      const problem = await item.run().catch((error: unknown) => `no answer: ${String(error).slice(0, 160)}`);
      (durations[item.target] ??= []).push(performance.now() - started);
      if (problem) failures.push(`${item.target} #${item.index} (${item.label}): ${problem}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const timings = Object.fromEntries(
    Object.entries(durations).map(([target, ms]) => [target, `${ms.length} in avg ${Math.round(ms.reduce((a, b) => a + b, 0) / ms.length)} ms, max ${Math.round(Math.max(...ms))} ms`]),
  );
  return { failures, timings };
}

test(`${Object.values(COUNTS).reduce((a: number, b) => a + b, 0)} malformed payloads get a 4xx or a validation result, and change nothing`, async ({}, testInfo) => {
  // About 40 s on a busy two-core machine; the limit leaves room for a slower one.
  test.setTimeout(240_000);
  const cases = buildCases();
  const started = Date.now();
  const { failures, timings } = await runAll(cases);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  testInfo.annotations.push({ type: "fuzz", description: `seed ${SEED}: ${cases.length} payloads in ${seconds} s ${JSON.stringify(timings)}` });
  console.log(`hostile-input fuzz: seed ${SEED}, ${cases.length} payloads in ${seconds} s`, timings);

  expect(failures, `seed ${SEED}: ${failures.length} bad answers`).toEqual([]);
  expect(await snapshotPublicTables(world.sql)).toEqual(baseline);
  const calls = await sandboxRequests(sandboxSeq);
  expect(calls.filter((call) => call.operation === "createPaymentOrder")).toEqual([]);
  expect(calls.map((call) => `${call.operation ?? ""} ${call.path}`)).toEqual([]);
});

/** Ids no row has, in the shapes an attacker tries: NUL, SQL, too long, almost a uuid, emoji, path tricks. */
const MALFORMED_IDS = ["\u0000", "' OR 1=1 --", "not-an-id", "A".repeat(33), "0b7c4a4e-8d0f-4b5e-9c1a-2f3d4e5f6a7bx", "🎉", "../../api/health", "A".repeat(32), "0b7c4a4e-8d0f-4b5e-9c1a-2f3d4e5f6a7b"];

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

test("a malformed or foreign id in a URL or a form is a 404, 400 or refusal, and changes nothing", async () => {
  test.setTimeout(90_000);
  const failures: string[] = [];
  const get = async (path: string, headers: Record<string, string>, expected: number[]) => {
    const response = await fetch(`${world.app.url}${path}`, { method: "GET", headers, redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!expected.includes(response.status)) failures.push(`GET ${path}: ${response.status}`);
  };
  const bearer = { authorization: `Bearer ${FUZZ_ADMIN_TOKEN}`, "content-type": "application/json" };
  const post = async (path: string, headers: Record<string, string>, body: string, expected: number[]) => {
    const response = await fetch(`${world.app.url}${path}`, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!expected.includes(response.status)) failures.push(`POST ${path}: ${response.status}`);
  };
  const form3ds = { "content-type": "application/x-www-form-urlencoded" };
  await Promise.all(
    MALFORMED_IDS.map(encodeURIComponent).flatMap((id) => [
      get(`/orders/${id}`, {}, [400, 404]),
      get(`/api/orders/${id}/status`, {}, [400, 404]),
      get(`/admin/orders/${id}`, { cookie: world.staffCookie }, [400, 404]),
      get(`/dev/mailbox/${id}`, {}, [400, 404]),
      get(`/api/admin/orders/${id}`, bearer, [400, 404]),
      post(`/api/admin/orders/${id}/refunds`, bearer, '{"reason":"x"}', [400, 404]),
      post(`/checkout/three-d-secure/return?attempt=${id}`, form3ds, "TransactionId=tx_1&MD=po_1", [400]),
    ]),
  );
  // The 3-D Secure return page takes posts from the bank's page: past 64 KiB it is refused before parsing.
  await post(`/checkout/three-d-secure/return?attempt=${randomUUID()}`, form3ds, `TransactionId=${"x".repeat(70 * 1024)}`, [413]);

  // Ids in forms: a cart line's product, a saved card (someone else's too), an order to refund, an order token.
  const action = async (file: string, name: string, pagePath: string, args: unknown[], cookie: string) => {
    const answer = await callActionOverHttp({ baseUrl: world.app.url, pagePath, actionId: serverActionId(file, name), args, cookie, timeoutMs: TIMEOUT_MS });
    if (answer.status >= 500) failures.push(`${name}(${JSON.stringify(args).slice(0, 60)}): ${answer.status} ${answer.body.slice(0, 120)}`);
    return answer;
  };
  const cardIds = [...MALFORMED_IDS, ...world.other.savedCardIds];
  for (const cardId of cardIds) {
    for (const name of ["removeSavedCardAction", "makeDefaultSavedCardAction"]) {
      const answer = await action("app/account/actions.ts", name, "/account", [form({ cardId })], world.signedInCookie);
      if (!answer.redirect?.startsWith("/account?notice=not-found")) failures.push(`${name}(${JSON.stringify(cardId)}) redirected to ${answer.redirect}`);
    }
  }
  for (const productId of MALFORMED_IDS) {
    const added = await action("app/cart/actions.ts", "addToCartAction", "/", [{ status: "idle" }, form({ productId, quantity: "1" })], world.guestCookie);
    if ((added.result as { status?: string } | undefined)?.status !== "error") failures.push(`addToCartAction(${JSON.stringify(productId)}): ${JSON.stringify(added.result)}`);
    await action("app/cart/actions.ts", "changeQuantityAction", "/cart", [form({ productId, quantity: "5" })], world.guestCookie);
    await action("app/cart/actions.ts", "removeFromCartAction", "/cart", [form({ productId })], world.guestCookie);
    const orderId = productId;
    const refund = await action("app/admin/orders/[id]/actions.ts", "requestRefundAction", `/admin/orders/${encodeURIComponent(orderId)}`, [{ kind: "idle" }, form({ orderId, amount: "1.00", reason: "x" })], world.staffCookie);
    if ((refund.result as { kind?: string } | undefined)?.kind !== "invalid") failures.push(`requestRefundAction(${JSON.stringify(orderId)}): ${JSON.stringify(refund.result)}`);
    await action("app/orders/[token]/actions.ts", "createAccountFromOrderAction", "/", [form({ token: productId })], world.guestCookie);
  }
  // The same actions called with something other than a form: refused like an empty form, never a TypeError.
  for (const args of [[], ["x"], [{ cardId: world.other.savedCardIds[0] }], [null, null]]) {
    await action("app/account/actions.ts", "removeSavedCardAction", "/account", args, world.signedInCookie);
    await action("app/cart/actions.ts", "removeFromCartAction", "/cart", args, world.guestCookie);
    await action("app/cart/actions.ts", "addToCartAction", "/", args, world.guestCookie);
    await action("app/admin/orders/[id]/actions.ts", "requestRefundAction", "/admin", args, world.staffCookie);
    await action("app/orders/[token]/actions.ts", "createAccountFromOrderAction", "/", args, world.guestCookie);
  }

  expect(failures).toEqual([]);
  expect(await snapshotPublicTables(world.sql)).toEqual(baseline);
  expect(await sandboxRequests(sandboxSeq)).toEqual([]);
});
