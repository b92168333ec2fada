// Every id that reaches SQL is checked first: a malformed uuid would otherwise be a database error (a 500).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** The cookie that names the shopper's cart (here, with no Next import, for scripts and system tests too). */
export const CART_COOKIE = "cart_id";
