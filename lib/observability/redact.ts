// What may never reach a log line, whatever object is logged: card numbers, CVCs and expiry dates, API keys,
// secrets, tokens, passwords, Authorization and cookie headers. Keys are censored by name at any depth; any
// string holding a card-number-like run of digits (13–19, Luhn-valid) or one of the configured secret values is
// masked too. Pure.

export const REDACTED = "[REDACTED]";

const SECRET_KEYS = new Set(
  [
    "cardnumber", "pan", "cvc", "cvv", "cvv2", "securitycode", "expiry", "expirymonth", "expiryyear", "expmonth", "expyear",
    "apikey", "xapikey", "secret", "secrets", "webhooksecret", "webhooksecrets", "clientsecret", "authsecret",
    "authorization", "proxyauthorization", "cookie", "setcookie", "password", "pass", "token", "accesstoken", "refreshtoken",
    "idtoken", "sessiontoken", "jwt", "metricstoken", "apitoken", "smtpurl", "databaseurl", "connectionstring",
  ].map(normalize),
);

/** Under these parents, `number` is a card number (elsewhere it is an order number). */
const CARD_PARENTS = new Set(["card", "carddetails", "paymentmethod", "source", "options"].map(normalize));

function normalize(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** A card number as people and machines write it: 13–19 digits in one run, in groups of four, or 4-6-5 (American
 *  Express); never part of a longer token (an id whose digit groups happen to look like one stays whole). */
const DIGIT_RUN = /(?<![\w-])(?:\d{13,19}|\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,3})?|\d{4}[ -]\d{6}[ -]\d{5})(?![\w-])/g;

/** The text with card-number-like runs and the given secret values masked. */
export function redactText(text: string, secretValues: readonly string[] = []): string {
  let out = text.replace(DIGIT_RUN, (run) => {
    const digits = run.replace(/\D/g, "");
    return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) ? "[REDACTED CARD]" : run;
  });
  for (const secret of secretValues) {
    if (secret.length >= 8 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** A copy of `value` safe to log. Cycles and depth beyond 8 are cut; errors keep name, message and code. */
export function redact(value: unknown, secretValues: readonly string[] = [], parentKey = "", depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return redactText(value, secretValues);
  if (typeof value === "number") {
    return CARD_PARENTS.has(normalize(parentKey)) && String(value).length >= 13 ? REDACTED : value;
  }
  if (value === null || typeof value !== "object") return value;
  if (depth > 8) return "[TRUNCATED]";
  if (seen.has(value)) return "[CIRCULAR]";
  seen.add(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: redactText(value.message, secretValues),
      ...(typeof code === "string" ? { code } : {}),
      ...(value.stack ? { stack: redactText(value.stack, secretValues) } : {}),
    };
  }
  if (value instanceof Headers) return redact(Object.fromEntries(value.entries()), secretValues, parentKey, depth + 1, seen);
  if (Array.isArray(value)) return value.map((item) => redact(item, secretValues, parentKey, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const name = normalize(key);
    if (SECRET_KEYS.has(name) || (name === "number" && CARD_PARENTS.has(normalize(parentKey)))) {
      out[key] = REDACTED;
      continue;
    }
    out[key] = redact(item, secretValues, key, depth + 1, seen);
  }
  return out;
}
