// The scripts a page's HTML makes a modern browser load: every <script src>, except `noModule` ones (the
// polyfills only browsers without ES modules fetch). Resolved against the page's URL, without duplicates.

const SCRIPT_TAG = /<script\b([^>]*)>/gi;
const ATTRIBUTE = /([^\s=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

function attributesOf(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.matchAll(ATTRIBUTE)) {
    found.set(match[1]!.toLowerCase(), decodeEntities(match[2] ?? match[3] ?? match[4] ?? ""));
  }
  return found;
}

const decodeEntities = (text: string) => text.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#x27;", "'");

export function scriptSources(html: string, pageUrl: string): string[] {
  const sources: string[] = [];
  for (const match of html.matchAll(SCRIPT_TAG)) {
    const attributes = attributesOf(match[1] ?? "");
    const src = attributes.get("src");
    if (!src || attributes.has("nomodule")) continue;
    const url = new URL(src, pageUrl).toString();
    if (!sources.includes(url)) sources.push(url);
  }
  return sources;
}
