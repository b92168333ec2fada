// A Server Action's body as React's client encodes it (encodeReply): JSON text, or multipart form data when an
// argument holds FormData or files. Next decodes it before any of our code runs and answers 500 to a body it
// cannot decode (hostile input, never our pages), so proxy.ts answers 400 to those first. Pure.

/** A string that stands for a value, not a part: React escapes a string starting with "$" as "$$…". */
const SCALAR_REFERENCE = /^\$(?:\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d+$)/;

export function actionBodyProblem(contentType: string | null, body: string): string | null {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "text/plain") {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return "not JSON";
    }
    // A JSON body has no other parts: a reference to one (a promise, a map, an outlined object) cannot resolve.
    return referencesAPart(value) ? "a reference to a part the body does not have" : null;
  }
  if (type === "multipart/form-data") {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
    const marker = boundary?.[1] ?? boundary?.[2];
    if (!marker) return "multipart without a boundary";
    const text = body.trim();
    return text.startsWith(`--${marker}`) && text.endsWith(`--${marker}--`) ? null : "malformed multipart";
  }
  return "an encoding React never sends";
}

function referencesAPart(value: unknown, depth = 0): boolean {
  if (depth > 64) return true;
  if (typeof value === "string") return value.startsWith("$") && !SCALAR_REFERENCE.test(value);
  if (Array.isArray(value)) return value.some((item) => referencesAPart(item, depth + 1));
  if (value && typeof value === "object") return Object.values(value).some((item) => referencesAPart(item, depth + 1));
  return false;
}
