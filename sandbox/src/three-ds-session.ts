// The shopper-side 3-D Secure steps (device data collected, challenge answered), shared by the
// HTML pages and the POST /_sandbox/orders/{id}/complete-3ds shortcut so both behave the same.
import { SANDBOX_CHALLENGE_CODE } from "./cards.js";
import type { Runtime } from "./runtime.js";
import type { Order } from "./types.js";

/** Issues a SessionId for the order, as Cardinal's device-data collection would. */
export function issueSessionId(rt: Runtime, order: Order): string {
  if (!order.threeDs) throw new Error("order has no 3-D Secure state");
  const sessionId = rt.sessionIds.uuid();
  order.threeDs.sessionIds.add(sessionId);
  return sessionId;
}

/**
 * Records the shopper's answer. The first answer is final, like a real ACS transaction.
 * Success needs the sandbox code and a card that is not an always-fail card.
 */
export function recordChallengeAnswer(order: Order, answer: { verified: boolean; code?: string }): "success" | "failure" {
  const threeDs = order.threeDs;
  if (!threeDs) throw new Error("order has no 3-D Secure state");
  if (threeDs.challengeOutcome) return threeDs.challengeOutcome;
  const behaviour = order.card.behaviour;
  const alwaysFail = behaviour.kind === "challenge" && behaviour.alwaysFail;
  const codeOk = answer.code === undefined || answer.code.trim() === SANDBOX_CHALLENGE_CODE;
  threeDs.challengeOutcome = answer.verified && codeOk && !alwaysFail ? "success" : "failure";
  order.updatedAt = new Date().toISOString();
  return threeDs.challengeOutcome;
}
