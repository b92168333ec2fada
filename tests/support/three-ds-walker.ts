// Walks the sandbox's 3-D Secure HTML pages with plain fetch, as the shopper's browser would: posts the
// forms and reads what it needs from the HTML with simple regular expressions (no browser).
import type { PayerAuthentication } from "@/lib/cheqpay";

export type HtmlForm = {
  action: string;
  method: string;
  /** Hidden and text inputs by name (values as the page filled them). */
  fields: Record<string, string>;
  /** Submit buttons as `[name, value]`. */
  buttons: [string, string][];
};

export type HtmlPage = { status: number; html: string };

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

const attribute = (tag: string, name: string): string | null => {
  const match = new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, "i").exec(tag);
  return match ? decode(match[1]!) : null;
};

/** Posts `fields` as application/x-www-form-urlencoded, as an HTML form does. */
export async function postForm(url: string, fields: Record<string, string>): Promise<HtmlPage> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, html: await response.text() };
}

export function parseForms(html: string): HtmlForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map(([, open, inner]) => {
    const fields: Record<string, string> = {};
    for (const [tag] of inner!.matchAll(/<input\b[^>]*>/gi)) {
      const name = attribute(tag, "name");
      if (name !== null) fields[name] = attribute(tag, "value") ?? "";
    }
    const buttons: [string, string][] = [];
    for (const [tag] of inner!.matchAll(/<button\b[^>]*>/gi)) {
      const name = attribute(tag, "name");
      if (name !== null) buttons.push([name, attribute(tag, "value") ?? ""]);
    }
    return { action: attribute(open!, "action") ?? "", method: (attribute(open!, "method") ?? "get").toLowerCase(), fields, buttons };
  });
}

/** The SessionId the device-data page's script posts to the parent window (inside a JSON string). */
export function sessionIdFrom(html: string): string {
  const match = /SessionId\\*"\s*:\s*\\*"([^"\\]+)\\*"/.exec(html);
  if (!match) throw new Error(`no SessionId in the device-data page:\n${html}`);
  return match[1]!;
}

/** Step 1 in the browser: POST the JWT to the device-data page and read the SessionId. */
export async function collectDeviceData(payerAuthentication: PayerAuthentication): Promise<string> {
  const page = await postForm(payerAuthentication.url, { JWT: payerAuthentication.jwt });
  if (page.status !== 200) throw new Error(`device-data page answered ${page.status}:\n${page.html}`);
  return sessionIdFrom(page.html);
}

export type ChallengeAnswer = { code: string } | { cancel: true };

/**
 * Step 3 in the browser: open the challenge page with the JWT, submit its form (code and Verify, or Cancel),
 * and return the auto-submitting form of the answer page (which posts TransactionId and MD to the returnUrl).
 */
export async function answerChallenge(payerAuthentication: PayerAuthentication, answer: ChallengeAnswer): Promise<HtmlForm> {
  const challenge = await postForm(payerAuthentication.url, { JWT: payerAuthentication.jwt });
  if (challenge.status !== 200) throw new Error(`challenge page answered ${challenge.status}:\n${challenge.html}`);
  const form = parseForms(challenge.html)[0];
  if (!form) throw new Error(`no form in the challenge page:\n${challenge.html}`);
  const cancel = "cancel" in answer;
  const button = form.buttons.find(([, value]) => (cancel ? /cancel/i.test(value) : !/cancel/i.test(value)));
  if (!button) throw new Error(`no ${cancel ? "Cancel" : "Verify"} button in ${JSON.stringify(form.buttons)}`);
  const codeField = Object.keys(form.fields).find((name) => /code/i.test(name)) ?? "code";
  const fields = { ...form.fields, [codeField]: cancel ? "" : answer.code, [button[0]]: button[1] };
  const result = await postForm(new URL(form.action, payerAuthentication.url).toString(), fields);
  if (result.status !== 200) throw new Error(`challenge submit answered ${result.status}:\n${result.html}`);
  const returnForm = parseForms(result.html)[0];
  if (!returnForm) throw new Error(`no return form after the challenge:\n${result.html}`);
  return returnForm;
}
