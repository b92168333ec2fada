// Whether a request can carry an Auth.js session at all: its session cookie ("authjs.session-token", with the
// "__Secure-" prefix over HTTPS). A guest's request has none, and asking Auth.js would only spend its request
// handling (a few milliseconds of CPU on every checkout action) to answer null.
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

export function hasSessionCookie(cookieNames: Iterable<string>): boolean {
  for (const name of cookieNames) if (SESSION_COOKIE.test(name)) return true;
  return false;
}
