// The payment attempt's state machine: every pair of statuses, written out by hand (not derived from the
// module's own ranks), so a change to the machine has to change this table too.
import { describe, expect, it } from "vitest";
import type { CheqpayPaymentStatus } from "@/lib/cheqpay";
import {
  ATTEMPT_STATUSES,
  type AttemptStatus,
  allowedPredecessors,
  attemptStatusFor,
  canTransition,
  FINAL_STATUSES,
  IN_FLIGHT_STATUSES,
  isInFlight,
} from "@/lib/checkout/attempt-status";

const [C, S, DD, CH, F, E, OK] = ["created", "submitted", "requires_device_data", "requires_challenge", "failed", "expired", "succeeded"] as const;

// from → the statuses it may move to. Everything not listed is refused.
const FORWARD: Record<AttemptStatus, AttemptStatus[]> = {
  created: [S, DD, CH, F, E, OK],
  submitted: [DD, CH, F, E, OK],
  requires_device_data: [CH, F, E, OK],
  requires_challenge: [F, E, OK],
  // Cheqpay saying the money moved beats what we concluded before; failed and expired never replace each other.
  failed: [OK],
  expired: [OK],
  succeeded: [],
};

const transitions = ATTEMPT_STATUSES.flatMap((from) =>
  ATTEMPT_STATUSES.map((to) => ({ from, to, allowed: FORWARD[from].includes(to) })),
);

describe("canTransition", () => {
  it("has a row in the table for every status", () => {
    expect(Object.keys(FORWARD).sort()).toEqual([...ATTEMPT_STATUSES].sort());
    expect(transitions).toHaveLength(49);
  });

  it.each(transitions)("$from → $to is allowed: $allowed", ({ from, to, allowed }) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it.each(ATTEMPT_STATUSES)("never moves %s to itself", (status) => {
    expect(canTransition(status, status)).toBe(false);
  });

  it("lets nothing leave succeeded", () => {
    expect(ATTEMPT_STATUSES.filter((to) => canTransition(OK, to))).toEqual([]);
  });

  it("lets nothing go back to created", () => {
    expect(ATTEMPT_STATUSES.filter((from) => canTransition(from, C))).toEqual([]);
  });
});

describe("allowedPredecessors", () => {
  it.each([
    [C, []],
    [S, [C]],
    [DD, [C, S]],
    [CH, [C, S, DD]],
    [F, [C, S, DD, CH]],
    [E, [C, S, DD, CH]],
    [OK, [C, S, DD, CH, F, E]],
  ] as [AttemptStatus, AttemptStatus[]][])("of %s is %j", (to, predecessors) => {
    expect(allowedPredecessors(to)).toEqual(predecessors);
  });

  it.each(ATTEMPT_STATUSES)("of %s agrees with canTransition", (to) => {
    for (const from of ATTEMPT_STATUSES) expect(allowedPredecessors(to).includes(from)).toBe(canTransition(from, to));
  });
});

describe("in-flight and final statuses", () => {
  it("split the statuses into two disjoint halves", () => {
    expect([...IN_FLIGHT_STATUSES, ...FINAL_STATUSES].sort()).toEqual([...ATTEMPT_STATUSES].sort());
    expect(IN_FLIGHT_STATUSES.filter((s) => FINAL_STATUSES.includes(s))).toEqual([]);
  });

  it.each([
    [C, true],
    [S, true],
    [DD, true],
    [CH, true],
    [F, false],
    [E, false],
    [OK, false],
  ] as [AttemptStatus, boolean][])("isInFlight(%s) is %s", (status, inFlight) => {
    expect(isInFlight(status)).toBe(inFlight);
  });

  it("lets no final status move to an in-flight one", () => {
    for (const from of FINAL_STATUSES) for (const to of IN_FLIGHT_STATUSES) expect(canTransition(from, to)).toBe(false);
  });
});

describe("attemptStatusFor", () => {
  // A Record: adding a Cheqpay status without a row here is a type error.
  const MEANING: Record<CheqpayPaymentStatus, AttemptStatus | null> = {
    processing: null,
    requires_device_data: DD,
    requires_challenge: CH,
    authorized: OK,
    succeeded: OK,
    failed: F,
    cancelled: F,
    partially_refunded: OK,
    refunded: OK,
  };

  it.each(Object.entries(MEANING) as [CheqpayPaymentStatus, AttemptStatus | null][])("maps Cheqpay %s to %s", (cheqpay, attempt) => {
    expect(attemptStatusFor(cheqpay)).toBe(attempt);
  });

  it("never answers created, submitted or expired: only we decide those", () => {
    const answers = (Object.keys(MEANING) as CheqpayPaymentStatus[]).map(attemptStatusFor);
    expect(answers).not.toContain(C);
    expect(answers).not.toContain(S);
    expect(answers).not.toContain(E);
  });
});
