// 3-D Secure through the payment service: the sandbox's device-data and challenge pages are walked with
// fetch (as the shopper's browser would), and the return route's input is handed to completeChallenge.
import { describe, expect, it } from "vitest";
import { abandonAuthentication, completeChallenge, continueAuthentication, payWithCard } from "@/lib/checkout/payment-service";
import type { PaymentStep } from "@/lib/checkout/payment-step";
import { loadOrderPaymentState } from "@/lib/orders/order-queries";
import { addFault, clientFor, requestLog, useSandbox } from "../../support/cheqpay-sandbox";
import {
  APP_URL,
  attemptById,
  attemptsOf,
  cartWith,
  checkoutForm,
  messages,
  orderById,
  ordersOfCart,
  paymentContextFor,
  useDatabase,
} from "../../support/checkout-fixtures";
import { answerChallenge, collectDeviceData, type HtmlForm } from "../../support/three-ds-walker";

const sandbox = useSandbox();
const db = useDatabase();
const context = () => paymentContextFor(db, clientFor(sandbox()));
const browser = checkoutForm().browser;

type AuthStep = Extract<PaymentStep, { kind: "device-data" | "challenge" }>;
const pageOf = (step: AuthStep) => ({ id: step.attemptId, url: step.url, jwt: step.jwt });

function expectKind<K extends PaymentStep["kind"]>(step: PaymentStep | null, kind: K): Extract<PaymentStep, { kind: K }> {
  expect(step?.kind, JSON.stringify(step)).toBe(kind);
  return step as Extract<PaymentStep, { kind: K }>;
}

/** Pays with a 3-D Secure card, posts the device-data page and continues: the step after device data. */
async function throughDeviceData(card: string) {
  const { cartId } = await cartWith(db);
  const deviceData = expectKind(await payWithCard(context(), cartId, checkoutForm({ cardNumber: card })), "device-data");
  const sessionId = await collectDeviceData(pageOf(deviceData));
  const next = await continueAuthentication(context(), cartId, { attemptId: deviceData.attemptId, sessionId, browser });
  return { cartId, attemptId: deviceData.attemptId, deviceData, next };
}

async function toChallenge(card = "4000000000002503") {
  const walked = await throughDeviceData(card);
  return { ...walked, challenge: expectKind(walked.next, "challenge") };
}

/** What the return route hands to completeChallenge after the challenge page posted back. */
const returned = (attemptId: string, form: HtmlForm) => ({ attemptId, transactionId: form.fields.TransactionId!, merchantData: form.fields.MD ?? null });
type ReturnInput = ReturnType<typeof returned>;

const validations = async () => (await requestLog(sandbox(), "validatePayerAuthentication")).length;
const paidStepOf = async (attemptId: string) => {
  const order = await orderById(db, (await attemptById(db, attemptId)).orderId);
  return { kind: "paid", orderUrl: `/orders/${order.publicToken}` };
};

describe("a challenge card (4000000000002503)", () => {
  it("goes device data → challenge → code 1234 → paid", async () => {
    const { cartId, attemptId, deviceData, challenge } = await toChallenge();
    expect(deviceData.url).toBe(`${sandbox().url}/3ds/device-data`);
    expect(challenge).toMatchObject({ attemptId, url: `${sandbox().url}/3ds/challenge`, jwt: expect.any(String) });
    expect(await attemptById(db, attemptId)).toMatchObject({ status: "requires_challenge", payerAuthUrl: challenge.url, payerAuthJwt: challenge.jwt });
    const token = (await ordersOfCart(db, cartId))[0]!.publicToken;
    expect((await loadOrderPaymentState(db, token))?.state).toBe("processing");

    const form = await answerChallenge(pageOf(challenge), { code: "1234" });
    expect(form.action).toBe(`${APP_URL}/checkout/three-d-secure/return?attempt=${attemptId}`);
    const step = await completeChallenge(context(), returned(attemptId, form));

    expect(step).toEqual(await paidStepOf(attemptId));
    expect(await attemptById(db, attemptId)).toMatchObject({ status: "succeeded", payerAuthId: null, payerAuthUrl: null, payerAuthJwt: null });
    const [order] = await ordersOfCart(db, cartId);
    expect(order!.status).toBe("paid");
    expect((await loadOrderPaymentState(db, token))?.state).toBe("paid");
  });

  it("is declined AUTHENTICATION_FAILED after a wrong code", async () => {
    const { attemptId, challenge } = await toChallenge();
    const form = await answerChallenge(pageOf(challenge), { code: "0000" });
    const step = await completeChallenge(context(), returned(attemptId, form));
    expect(step).toEqual({
      kind: "declined",
      code: "AUTHENTICATION_FAILED",
      message: messages.decline("AUTHENTICATION_FAILED"),
      nextSubmissionKey: expect.any(String),
    });
    const attempt = await attemptById(db, attemptId);
    expect(attempt).toMatchObject({ status: "failed", declineCode: "AUTHENTICATION_FAILED" });
    expect((await orderById(db, attempt.orderId)).status).toBe("pending");
  });

  it.each([
    ["a forged transaction id", (t: ReturnInput) => ({ ...t, transactionId: "forged-id" })],
    ["another order's merchant data", (t: ReturnInput) => ({ ...t, merchantData: "another-order" })],
  ])("answers null to %s and changes nothing", async (_, forge) => {
    const { attemptId, challenge } = await toChallenge();
    const form = await answerChallenge(pageOf(challenge), { code: "1234" });
    const before = await attemptById(db, attemptId);
    expect(await completeChallenge(context(), forge(returned(attemptId, form)))).toBeNull();
    expect(await attemptById(db, attemptId)).toEqual(before);
    expect(await validations()).toBe(0);
  });

  it("answers null for an attempt that does not exist", async () => {
    const input = { attemptId: "00000000-0000-4000-8000-000000000000", transactionId: "x", merchantData: null };
    expect(await completeChallenge(context(), input)).toBeNull();
  });

  it("validates once when the return route is hit twice in a row, and answers the same", async () => {
    const { attemptId, challenge } = await toChallenge();
    const input = returned(attemptId, await answerChallenge(pageOf(challenge), { code: "1234" }));
    const first = await completeChallenge(context(), input);
    const second = await completeChallenge(context(), input);
    expect(first).toEqual(await paidStepOf(attemptId));
    expect(second).toEqual(first);
    expect(await validations()).toBe(1);
  });

  it("validates once when the return route is hit twice at the same time, and answers the same", async () => {
    const { attemptId, challenge } = await toChallenge();
    const input = returned(attemptId, await answerChallenge(pageOf(challenge), { code: "1234" }));
    await addFault(sandbox(), { match: { operation: "validatePayerAuthentication" }, action: { type: "latency", ms: 200 } });
    const [first, second] = await Promise.all([completeChallenge(context(), input), completeChallenge(context(), input)]);
    expect(first).toEqual(await paidStepOf(attemptId));
    expect(second).toEqual(first);
    expect(await validations()).toBe(1);
  });
});

describe("a frictionless card", () => {
  it("4000000000002701 is paid at continueAuthentication", async () => {
    const { attemptId, next } = await throughDeviceData("4000000000002701");
    expect(next).toEqual(await paidStepOf(attemptId));
    expect((await attemptById(db, attemptId)).status).toBe("succeeded");
    expect(await validations()).toBe(0);
  });

  it("4000000000002537 is declined AUTHENTICATION_FAILED at continueAuthentication", async () => {
    const { attemptId, next } = await throughDeviceData("4000000000002537");
    expect(next).toMatchObject({ kind: "declined", code: "AUTHENTICATION_FAILED", message: messages.decline("AUTHENTICATION_FAILED") });
    expect(await attemptById(db, attemptId)).toMatchObject({ status: "failed", declineCode: "AUTHENTICATION_FAILED" });
  });
});

describe("continueAuthentication", () => {
  it("answers session-expired for an attempt of another cart, and calls no one", async () => {
    const { cartId: otherCart } = await cartWith(db);
    const { cartId } = await cartWith(db);
    const deviceData = expectKind(await payWithCard(context(), cartId, checkoutForm({ cardNumber: "4000000000002503" })), "device-data");
    const step = await continueAuthentication(context(), otherCart, { attemptId: deviceData.attemptId, sessionId: "s", browser });
    expect(step).toMatchObject({ kind: "problem", code: "session-expired", message: messages.problem("session-expired") });
    expect(await requestLog(sandbox(), "initiatePayerAuthentication")).toEqual([]);
    expect((await attemptById(db, deviceData.attemptId)).status).toBe("requires_device_data");
  });
});

describe("abandoning 3-D Secure", () => {
  it("expires the attempt, which can no longer be completed, and another card pays the same order", async () => {
    const { cartId, attemptId, challenge } = await toChallenge();
    const abandoned = await abandonAuthentication(context(), cartId, attemptId);
    expect(abandoned).toMatchObject({ kind: "declined", code: "AUTHENTICATION_FAILED", nextSubmissionKey: expect.any(String) });
    expect(await attemptById(db, attemptId)).toMatchObject({ status: "expired", payerAuthId: null });

    const late = await completeChallenge(context(), returned(attemptId, await answerChallenge(pageOf(challenge), { code: "1234" })));
    expect(late?.kind).toBe("declined");
    expect(await validations()).toBe(0);
    expect((await attemptById(db, attemptId)).status).toBe("expired");

    const key = abandoned.kind === "declined" ? abandoned.nextSubmissionKey : "";
    const paid = await payWithCard(context(), cartId, checkoutForm({ submissionKey: key }));
    const [order, ...others] = await ordersOfCart(db, cartId);
    expect(others).toEqual([]);
    expect(paid).toEqual({ kind: "paid", orderUrl: `/orders/${order!.publicToken}` });
    expect((await attemptsOf(db, order!.id)).map((a) => [a.id === attemptId, a.status])).toEqual([
      [true, "expired"],
      [false, "succeeded"],
    ]);
  });

  it("answers session-expired for another cart's attempt and leaves it waiting", async () => {
    const { attemptId } = await toChallenge();
    const { cartId: otherCart } = await cartWith(db);
    expect(await abandonAuthentication(context(), otherCart, attemptId)).toMatchObject({ kind: "problem", code: "session-expired" });
    expect((await attemptById(db, attemptId)).status).toBe("requires_challenge");
  });
});

describe("a new submission while a 3-D Secure attempt waits", () => {
  it.each(["device data", "a challenge"])("expires the attempt waiting for %s and proceeds with the new one", async (stage) => {
    const { cartId } = await cartWith(db);
    const first = expectKind(await payWithCard(context(), cartId, checkoutForm({ cardNumber: "4000000000002503" })), "device-data");
    if (stage === "a challenge") {
      const sessionId = await collectDeviceData(pageOf(first));
      expectKind(await continueAuthentication(context(), cartId, { attemptId: first.attemptId, sessionId, browser }), "challenge");
    }

    const second = await payWithCard(context(), cartId, checkoutForm({ cardNumber: "5555555555554444" }));

    const [order, ...others] = await ordersOfCart(db, cartId);
    expect(others).toEqual([]);
    expect(second).toEqual({ kind: "paid", orderUrl: `/orders/${order!.publicToken}` });
    expect((await attemptsOf(db, order!.id)).map((a) => [a.status, a.declineCode, a.cardLast4])).toEqual([
      ["expired", "AUTHENTICATION_FAILED", "2503"],
      ["succeeded", null, "4444"],
    ]);
  });
});

describe("a new submission while Cheqpay is answering the 3-D Secure step", () => {
  /** Starts `step` and resolves once the sandbox has received its request (the latency fault holds the answer). */
  async function inFlight<T>(operation: string, step: () => Promise<T>): Promise<{ pending: Promise<T> }> {
    await addFault(sandbox(), { match: { operation }, action: { type: "latency", ms: 400 } });
    const pending = step();
    for (let tries = 0; (await requestLog(sandbox(), operation)).length === 0; tries++) {
      if (tries > 200) throw new Error(`${operation} never reached the sandbox`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return { pending }; // wrapped: an async function returning the promise itself would wait for it
  }

  it("never charges twice when the frictionless step pays the first attempt", async () => {
    const { cartId } = await cartWith(db);
    const deviceData = expectKind(await payWithCard(context(), cartId, checkoutForm({ cardNumber: "4000000000002701" })), "device-data");
    const sessionId = await collectDeviceData(pageOf(deviceData));
    const { pending: continuing } = await inFlight("initiatePayerAuthentication", () =>
      continueAuthentication(context(), cartId, { attemptId: deviceData.attemptId, sessionId, browser }),
    );

    const [second, first] = await Promise.all([payWithCard(context(), cartId, checkoutForm()), continuing]);

    const [order] = await ordersOfCart(db, cartId);
    const paid = { kind: "paid", orderUrl: `/orders/${order!.publicToken}` };
    expect([first, second]).toEqual([paid, paid]);
    expect((await attemptsOf(db, order!.id)).map((a) => a.status)).toEqual(["succeeded"]);
    expect(await requestLog(sandbox(), "createPaymentOrder")).toHaveLength(1);
  });

  it("never charges twice when the challenge's validation pays the first attempt", async () => {
    const { cartId, attemptId, challenge } = await toChallenge();
    const input = returned(attemptId, await answerChallenge(pageOf(challenge), { code: "1234" }));
    const { pending: completing } = await inFlight("validatePayerAuthentication", () => completeChallenge(context(), input));

    const [second, first] = await Promise.all([payWithCard(context(), cartId, checkoutForm()), completing]);

    const paid = await paidStepOf(attemptId);
    expect([first, second]).toEqual([paid, paid]);
    expect((await attemptsOf(db, (await attemptById(db, attemptId)).orderId)).map((a) => a.status)).toEqual(["succeeded"]);
    expect(await requestLog(sandbox(), "createPaymentOrder")).toHaveLength(1);
  });

  it("answers paid to the shopper abandoning it while the validation pays it", async () => {
    const { cartId, attemptId, challenge } = await toChallenge();
    const input = returned(attemptId, await answerChallenge(pageOf(challenge), { code: "1234" }));
    const { pending: completing } = await inFlight("validatePayerAuthentication", () => completeChallenge(context(), input));

    const [abandoned, completed] = await Promise.all([abandonAuthentication(context(), cartId, attemptId), completing]);

    expect([abandoned, completed]).toEqual([await paidStepOf(attemptId), await paidStepOf(attemptId)]);
    expect((await attemptById(db, attemptId)).status).toBe("succeeded");
  });
});
