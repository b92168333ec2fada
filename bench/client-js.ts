// Client JS a page makes the browser download: the <script src> chunks of its HTML (not the noModule
// polyfill), each fetched and gzipped (zlib's default level), summed.
import { gzipSync } from "node:zlib";
import { scriptSources } from "./lib/script-src";

export type PageJs = { url: string; chunks: number; rawKB: number; gzipKB: number };

export async function pageJs(pageUrl: string, cookie?: string): Promise<PageJs> {
  const page = await fetch(pageUrl, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  if (page.status !== 200) throw new Error(`${pageUrl} answered ${page.status}`);
  const sources = scriptSources(await page.text(), pageUrl);
  let raw = 0;
  let gzip = 0;
  for (const source of sources) {
    const response = await fetch(source);
    if (response.status !== 200) throw new Error(`${source} answered ${response.status}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { url: pageUrl, chunks: sources.length, rawKB: raw / 1024, gzipKB: gzip / 1024 };
}
