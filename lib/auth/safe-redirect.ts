// Where Auth.js may send the shopper after signing in or out: a path of this app, never another site (an
// open redirect would turn our sign-in link into a phishing link). Pure.

// Control characters and backslashes are refused outright: URL parsers drop tabs and newlines and read "\\" as
// "/", so "/\t/evil.example" would otherwise become "//evil.example", another site.
const UNSAFE = /[\u0000-\u001F\u007F\\]/;

/** `target` as an absolute URL on `appUrl`'s origin, or `appUrl` itself when it points anywhere else. */
export function safeRedirect(target: string, appUrl: string): string {
  const app = new URL(appUrl);
  // A path of this app, or an absolute URL (kept only on the app's origin); nothing relative to somewhere else.
  const pathOrAbsolute = target.startsWith("/") || /^[a-z][a-z0-9+.-]*:/i.test(target);
  if (!pathOrAbsolute || UNSAFE.test(target) || !URL.canParse(target, app)) return app.toString();
  const resolved = new URL(target, app);
  return resolved.origin === app.origin ? resolved.toString() : app.toString();
}

/** A `callbackUrl` from a query string, kept only when it is a path of this app. */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > 512 || !value.startsWith("/") || UNSAFE.test(value)) return fallback;
  const probe = "https://app.invalid";
  if (!URL.canParse(value, probe) || new URL(value, probe).origin !== probe) return fallback;
  return value;
}
