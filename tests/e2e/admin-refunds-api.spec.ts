// The merchant's own systems refund through the API with ADMIN_API_TOKEN: 202 with the refund PENDING at once,
// the job makes it SUCCEEDED; partial then full refunds; an amount above what remains, a bad amount, an unpaid
// order or no token are refused and change nothing.
import type { APIRequestContext } from "@playwright/test";
import { E2E_ADMIN_API_TOKEN } from "./support/admin-api";
import { addProductsAndCheckout, CARDS, english, expect, expectOrderConfirmed, fillAndPay, test } from "./support/checkout";
import { onlyOrderOf, orderByToken } from "./support/database";
import { SANDBOX_CREATES_LOCK } from "./support/sandbox";

test.use(english);

const auth = { authorization: `Bearer ${E2E_ADMIN_API_TOKEN}` };

type ApiOrder = { status: string; amount: number; refundedAmount: number; refunds: { id: string; amount: number; status: string }[] };

async function orderFromApi(request: APIRequestContext, id: string): Promise<ApiOrder> {
  const response = await request.get(`/api/admin/orders/${id}`, { headers: auth });
  expect(response.status()).toBe(200);
  return (await response.json()) as ApiOrder;
}

test("a paid order is refunded in part, then in full, through the API, each refund made once", { lock: SANDBOX_CREATES_LOCK }, async ({ page, request, shopper, sql }) => {
  await addProductsAndCheckout(page, ["Café de Chiapas", "Mole poblano"]);
  await fillAndPay(page, shopper, CARDS.visa);
  await expectOrderConfirmed(page);
  const order = await onlyOrderOf(sql, shopper.email);

  const partial = await request.post(`/api/admin/orders/${order.id}/refunds`, { headers: auth, data: { amount: 10000, reason: "Damaged jar" } });
  expect(partial.status()).toBe(202);
  const accepted = (await partial.json()) as { id: string; status: string; amount: number };
  expect(accepted).toMatchObject({ status: "PENDING", amount: 10000 });

  await expect.poll(async () => (await orderFromApi(request, order.id)).refunds.find((r) => r.id === accepted.id)?.status, { timeout: 30_000 }).toBe("SUCCEEDED");
  expect(await orderFromApi(request, order.id)).toMatchObject({ status: "partially_refunded", amount: 43800, refundedAmount: 10000 });

  const tooMuch = await request.post(`/api/admin/orders/${order.id}/refunds`, { headers: auth, data: { amount: 33801, reason: "x" } });
  expect(tooMuch.status()).toBe(422);
  expect(await tooMuch.json()).toMatchObject({ error: { code: "AMOUNT_EXCEEDS_REMAINING", remainingAmount: 33800 } });
  for (const data of [{ amount: 0, reason: "x" }, { amount: 12.5, reason: "x" }, { amount: "100", reason: "x" }, { amount: 100 }]) {
    const refused = await request.post(`/api/admin/orders/${order.id}/refunds`, { headers: auth, data });
    expect(refused.status(), JSON.stringify(data)).toBe(400);
  }

  const rest = await request.post(`/api/admin/orders/${order.id}/refunds`, { headers: auth, data: { reason: "Order cancelled" } });
  expect(rest.status()).toBe(202);
  expect(await rest.json()).toMatchObject({ status: "PENDING", amount: 33800 });
  await expect.poll(async () => (await orderFromApi(request, order.id)).status, { timeout: 30_000 }).toBe("refunded");
  const final = await orderFromApi(request, order.id);
  expect(final.refundedAmount).toBe(43800);
  expect(final.refunds.map((r) => r.status)).toEqual(["SUCCEEDED", "SUCCEEDED"]);

  const nothingLeft = await request.post(`/api/admin/orders/${order.id}/refunds`, { headers: auth, data: { reason: "again" } });
  expect(nothingLeft.status()).toBe(409);
  expect((await orderFromApi(request, order.id)).refunds).toHaveLength(2);
  expect((await orderByToken(sql, order.public_token))!.status).toBe("refunded");
});

test("without the token, or with a wrong one, the API does not exist and nothing changes", { lock: SANDBOX_CREATES_LOCK }, async ({ page, request, shopper, sql }) => {
  await addProductsAndCheckout(page, ["Café de Chiapas"]);
  await fillAndPay(page, shopper, CARDS.visa);
  await expectOrderConfirmed(page);
  const order = await onlyOrderOf(sql, shopper.email);
  const attempts: Record<string, string>[] = [{}, { authorization: "Bearer wrong-token-wrong-token-wrong-token" }, { authorization: E2E_ADMIN_API_TOKEN }];
  for (const headers of attempts) {
    expect((await request.post(`/api/admin/orders/${order.id}/refunds`, { headers, data: { reason: "x" } })).status()).toBe(404);
    expect((await request.get(`/api/admin/orders/${order.id}`, { headers })).status()).toBe(404);
  }
  expect((await orderFromApi(request, order.id)).refunds).toEqual([]);
});
