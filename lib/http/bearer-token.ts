// `Authorization: Bearer <token>` against the expected token, in constant time. False when no token is set.
import { timingSafeEqual } from "node:crypto";

export function bearerTokenMatches(authorization: string | null, expected: string | null): boolean {
  if (!expected || !authorization) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return false;
  const given = Buffer.from(match[1]!);
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
