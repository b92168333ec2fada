// Client JS a page makes the browser download: the <script src> chunks of its HTML (not the noModule
// polyfill), each fetched and gzipped (zlib's default level), summed.
import { gzipSync } from "node:zlib";
import { scriptSources } from "./lib/script-src";

/** `files`: each chunk's path and gzip KB, largest first (what to look at when the page grows). */
export type PageJs = { url: string; chunks: number; rawKB: number; gzipKB: number; files: { path: string; gzipKB: number }[] };

export async function pageJs(pageUrl: string, cookie?: string): Promise<PageJs> {
  const page = await fetch(pageUrl, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  if (page.status !== 200) throw new Error(`${pageUrl} answered ${page.status}`);
  const sources = scriptSources(await page.text(), pageUrl);
  let raw = 0;
  let gzip = 0;
  const files: PageJs["files"] = [];
  for (const source of sources) {
    const response = await fetch(source);
    if (response.status !== 200) throw new Error(`${source} answered ${response.status}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    raw += bytes.length;
    const size = gzipSync(bytes).length;
    gzip += size;
    files.push({ path: new URL(source).pathname, gzipKB: Math.round((size / 1024) * 10) / 10 });
  }
  files.sort((a, b) => b.gzipKB - a.gzipKB);
  return { url: pageUrl, chunks: sources.length, rawKB: raw / 1024, gzipKB: gzip / 1024, files };
}
