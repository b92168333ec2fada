// What the 3-D Secure device-data page posts to its parent window: a JSON string
// `{MessageType: "profile.completed", SessionId, Status}` (docs/cheqpay-wire-contract.md §3-D Secure).

/** The SessionId of a `profile.completed` message (its data is a JSON string), or null. */
export function sessionIdOf(data: unknown): string | null {
  let parsed: unknown = data;
  if (typeof data === "string") {
    try {
      parsed = JSON.parse(data);
    } catch {
      return null;
    }
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const { MessageType, SessionId } = parsed as { MessageType?: unknown; SessionId?: unknown };
  return MessageType === "profile.completed" && typeof SessionId === "string" && SessionId !== "" ? SessionId : null;
}
