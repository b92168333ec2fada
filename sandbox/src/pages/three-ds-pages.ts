// The shopper-facing 3-D Secure pages (outside /pos): device data collection, the challenge,
// and the challenge answer that sends the browser back to the merchant's returnUrl.
import { SANDBOX_CHALLENGE_CODE } from "../cards.js";
import { verifyThreeDsJwt } from "../jwt.js";
import type { Runtime } from "../runtime.js";
import { findOrder } from "../store.js";
import { issueSessionId, recordChallengeAnswer } from "../three-ds-session.js";
import type { Merchant, Order, ThreeDsStage } from "../types.js";
import { challengePage, deviceDataPage, errorPage, returnPage } from "./templates.js";

export interface PageResult {
  status: number;
  html: string;
}

const INVALID = "3-D Secure session invalid";

function formatAmount(amount: number, currency: string): string {
  const major = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount / 100);
  return `${currency} ${major}`;
}

type Session = { ok: true; merchant: Merchant; order: Order } | { ok: false; page: PageResult };

/** The JWT must be ours, unexpired, for this stage, and still the order's current step. */
function openSession(rt: Runtime, form: URLSearchParams, stage: ThreeDsStage): Session {
  const token = form.get("JWT") ?? form.get("jwt");
  if (!token) return { ok: false, page: { status: 400, html: errorPage(INVALID, "The form field JWT is missing.") } };
  const verified = verifyThreeDsJwt(token, rt.jwtSecret);
  if (!verified.ok) return { ok: false, page: { status: 400, html: errorPage(INVALID, verified.reason) } };
  const { claims } = verified;
  const merchant = rt.store.merchantById(claims.merchantId);
  const order = merchant ? findOrder(merchant, claims.orderId) : undefined;
  if (claims.stage !== stage) {
    return { ok: false, page: { status: 400, html: errorPage(INVALID, `This JWT is for the ${claims.stage} step, not ${stage}.`) } };
  }
  if (!merchant || !order || !order.threeDs || order.threeDs.payerAuthenticationId !== claims.payerAuthenticationId) {
    return { ok: false, page: { status: 400, html: errorPage(INVALID, "This 3-D Secure session is no longer active.") } };
  }
  return { ok: true, merchant, order };
}

function deviceData(rt: Runtime, form: URLSearchParams): PageResult {
  const session = openSession(rt, form, "device-data");
  if (!session.ok) return session.page;
  return { status: 200, html: deviceDataPage(issueSessionId(rt, session.order)) };
}

function challenge(rt: Runtime, form: URLSearchParams): PageResult {
  const session = openSession(rt, form, "challenge");
  if (!session.ok) return session.page;
  const { order, merchant } = session;
  const threeDs = order.threeDs;
  if (!threeDs) return { status: 400, html: errorPage(INVALID, "This 3-D Secure session is no longer active.") };
  return {
    status: 200,
    html: challengePage({
      amountText: formatAmount(order.amount, order.currency),
      merchantName: merchant.id,
      orderNumber: order.orderNumber,
      cardText: `${order.card.brand} •••• ${order.card.last4}`,
      jwt: threeDs.jwt,
      submitUrl: `${rt.publicUrl}/3ds/challenge/submit`,
      code: SANDBOX_CHALLENGE_CODE,
    }),
  };
}

function challengeSubmit(rt: Runtime, form: URLSearchParams): PageResult {
  const session = openSession(rt, form, "challenge");
  if (!session.ok) return session.page;
  const { order } = session;
  const threeDs = order.threeDs;
  if (!threeDs?.returnUrl) return { status: 400, html: errorPage(INVALID, "This 3-D Secure session has no return URL.") };
  const outcome = recordChallengeAnswer(order, { verified: form.get("action") !== "cancel", code: form.get("code") ?? "" });
  return { status: 200, html: returnPage(threeDs.returnUrl, threeDs.payerAuthenticationId, order.id, outcome) };
}

const PAGES: Record<string, (rt: Runtime, form: URLSearchParams) => PageResult> = {
  "/3ds/device-data": deviceData,
  "/3ds/challenge": challenge,
  "/3ds/challenge/submit": challengeSubmit,
};

export function isThreeDsPagePath(pathname: string): boolean {
  return pathname.startsWith("/3ds/");
}

export function handleThreeDsPage(rt: Runtime, method: string, pathname: string, form: URLSearchParams): PageResult {
  const page = PAGES[pathname.replace(/\/+$/, "")];
  if (!page) return { status: 404, html: errorPage("Not found", "There is no 3-D Secure page at this address.") };
  if (method !== "POST") {
    return { status: 405, html: errorPage("Method not allowed", "Post the form field JWT to this page (as the 3-D Secure iframe does).") };
  }
  return page(rt, form);
}
