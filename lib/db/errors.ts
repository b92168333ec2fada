// Recognising PostgreSQL errors by code and constraint name (never by message text). postgres.js raises them
// directly; drizzle wraps them with the original as `cause`.
type PgError = { code?: string; constraint_name?: string };

/** A unique violation of `constraint`: the database's answer to a race that lost. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const cause = (error as { cause?: PgError } | null)?.cause ?? (error as PgError | null);
  return cause?.code === "23505" && cause.constraint_name === constraint;
}
