// Cheqpay's decline reasons (webhooks carry only these) to the codes our friendly messages are keyed by.
const BY_REASON: Record<string, string> = {
  insufficient_funds: "INSUFFICIENT_FUNDS",
  expired_card: "EXPIRED_CARD",
  invalid_card: "INVALID_CARD",
  incorrect_cvc: "INVALID_CARD",
  authentication_failed: "AUTHENTICATION_FAILED",
};

export function declineCodeForReason(reason: string | null | undefined): string {
  return (reason && BY_REASON[reason]) || "DECLINED";
}
