// The request being served gives its id to every Cheqpay call made while serving it (x-request-id), so a log
// line of ours and Cheqpay's record of the call can be matched.
import { describe, expect, it } from "vitest";
import { currentRequestId, runWithRequestContext } from "@/lib/observability/request-context";
import { clientFor, orderInput, requestLog, useSandbox } from "../../support/cheqpay-sandbox";

const sandbox = useSandbox();

describe("a Cheqpay call made while serving a request", () => {
  it("carries the request's id, and a call outside any request gets an id of its own", async () => {
    const client = clientFor(sandbox(), { currentRequestId: () => undefined });
    const traced = clientFor(sandbox(), { currentRequestId });

    await runWithRequestContext({ requestId: "req-checkout-0001" }, () => traced.createPaymentOrder(orderInput()));
    await client.createPaymentOrder(orderInput());

    const ids = (await requestLog(sandbox(), "createPaymentOrder")).map((entry) => entry.requestId);
    expect(ids[0]).toBe("req-checkout-0001");
    expect(ids[1]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("keeps an id the caller names itself", async () => {
    const traced = clientFor(sandbox(), { currentRequestId: () => "req-outer-0002" });
    await traced.getPaymentOrder((await traced.createPaymentOrder(orderInput())).id, { requestId: "req-explicit-0003" });
    expect((await requestLog(sandbox(), "getPaymentOrder")).map((entry) => entry.requestId)).toEqual(["req-explicit-0003"]);
  });
});
