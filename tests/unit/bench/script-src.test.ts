import { describe, expect, it } from "vitest";
import { scriptSources } from "../../../bench/lib/script-src";

const PAGE = "https://localhost:3000/checkout";

describe("scriptSources", () => {
  it("lists each <script src>, resolved against the page, in order", () => {
    const html = `<html><head><script src="/_next/static/chunks/a.js" async=""></script>
      <script async src='/_next/static/chunks/b.js'></script></head>
      <body><script>self.__next_f=[]</script><script src=https://cdn.example.com/c.js></script></body></html>`;
    expect(scriptSources(html, PAGE)).toEqual([
      "https://localhost:3000/_next/static/chunks/a.js",
      "https://localhost:3000/_next/static/chunks/b.js",
      "https://cdn.example.com/c.js",
    ]);
  });

  it("leaves out noModule polyfills, however the attribute is written", () => {
    const html = `<script src="/_next/static/chunks/polyfills.js" noModule=""></script>
      <script nomodule src="/legacy.js"></script>
      <SCRIPT NOMODULE SRC="/legacy2.js"></SCRIPT>
      <script src="/_next/static/chunks/main.js"></script>`;
    expect(scriptSources(html, PAGE)).toEqual(["https://localhost:3000/_next/static/chunks/main.js"]);
  });

  it("counts a chunk once and ignores inline scripts and data attributes that merely mention src", () => {
    const html = `<script src="/x.js"></script><script src="/x.js"></script>
      <script data-src="/not-loaded.js"></script><link rel="preload" href="/y.js" as="script">`;
    expect(scriptSources(html, PAGE)).toEqual(["https://localhost:3000/x.js"]);
  });

  it("decodes HTML entities in the URL", () => {
    expect(scriptSources(`<script src="/a.js?v=1&amp;dpl=2"></script>`, PAGE)).toEqual(["https://localhost:3000/a.js?v=1&dpl=2"]);
  });
});
