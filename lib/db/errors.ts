// Recognising PostgreSQL errors by code and constraint name (never by message text). postgres.js raises them
// directly; drizzle wraps them with the original as `cause`.
type PgError = { code?: string; constraint_name?: string };

/** A unique violation of `constraint`: the database's answer to a race that lost. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const cause = (error as { cause?: PgError } | null)?.cause ?? (error as PgError | null);
  return cause?.code === "23505" && cause.constraint_name === constraint;
}

/** Node's and postgres.js's codes for a connection that could not be made or was lost. */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);

/** SQLSTATEs of a server that is going away or not taking connections (admin or crash shutdown, starting up,
 *  too many connections); class 08 is every connection exception. */
const UNAVAILABLE_STATES = new Set(["57P01", "57P02", "57P03", "53300"]);

/**
 * The database cannot be reached right now (down, restarting, refusing connections): not a bug in the query.
 * Looks through drizzle's wrapper (`cause`) and Node's AggregateError (one error per address tried).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 4 || error === null || typeof error !== "object") return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (CONNECTION_CODES.has(code) || UNAVAILABLE_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  const inner = (error as { errors?: unknown }).errors;
  if (Array.isArray(inner) && inner.length > 0 && inner.every((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable((error as { cause?: unknown }).cause, depth + 1);
}

/** `work`'s value, or `fallback` when the database cannot be reached: for what a page can do without (the
 *  header's cart count) so that the page's own error, if any, is the one the shopper sees, in the shop's frame. */
export async function withFallbackWhenDatabaseUnavailable<T>(work: Promise<T>, fallback: T): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isDatabaseUnavailable(error)) return fallback;
    throw error;
  }
}
