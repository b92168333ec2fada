// The payment actions with our database unreachable: a friendly "try again" problem instead of an error;
// any other error still fails loudly.
import { describe, expect, it } from "vitest";
import type { StepMessages } from "@/lib/checkout/attempt-outcome";
import { unlessDatabaseUnavailable } from "@/lib/checkout/service-unavailable";
import checkoutMessages from "@/messages/en/checkout.json";

const messages = async (): Promise<StepMessages> => ({
  decline: (code) => checkoutMessages.declines[code],
  problem: (code) => checkoutMessages.problems[code],
  savedCardDeclinedHint: checkoutMessages.savedCardDeclinedHint,
  limited: () => checkoutMessages.problems["payment-limited"],
});

/** What drizzle throws when postgres.js could not connect: its wrapper, the connection error as `cause`. */
const refused = Object.assign(new Error("Failed query: select 1"), { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }) });

describe("unlessDatabaseUnavailable", () => {
  it("answers the service-unavailable problem when the database cannot be reached", async () => {
    const step = await unlessDatabaseUnavailable(() => Promise.reject(refused), messages);
    expect(step).toEqual({
      kind: "problem",
      code: "service-unavailable",
      message: checkoutMessages.problems["service-unavailable"],
      nextSubmissionKey: expect.stringMatching(/^[\w-]{20,}$/),
    });
  });

  it("answers the work's own step when the database answers", async () => {
    expect(await unlessDatabaseUnavailable(async () => ({ kind: "paid", orderUrl: "/orders/x" }), messages)).toEqual({ kind: "paid", orderUrl: "/orders/x" });
  });

  it("lets any other error through", async () => {
    const bug = Object.assign(new Error("syntax error"), { code: "42601" });
    await expect(unlessDatabaseUnavailable(() => Promise.reject(bug), messages)).rejects.toBe(bug);
  });
});
