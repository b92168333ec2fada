import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  cardNumberPattern,
  createScanner,
  formatFindings,
  listFiles,
  rowLabel,
  scanBuild,
  scanFiles,
  secretsFromEnvironments,
  sequenceSpan,
} from "../../../scripts/lib/secrets-scan";
import { TEST_CARDS } from "../../../sandbox/src/cards";

const API_KEY = { name: "CHEQPAY_API_KEY", value: "sk_test_local_sandbox" };
const WEBHOOK_SECRET = { name: "CHEQPAY_WEBHOOK_SECRET", value: "whsec_local_sandbox" };
const scanner = createScanner({ cardNumbers: TEST_CARDS.map((card) => card.number), secrets: [API_KEY, WEBHOOK_SECRET] });
const whatOf = (text: string) => scanner.scan(text, "here").map((finding) => finding.what);

describe("the secrets scan: card numbers", () => {
  it("finds every test card number, bare or grouped with spaces or dashes", () => {
    for (const { number } of TEST_CARDS) {
      const last4 = number.slice(-4);
      expect(whatOf(`{"pan":"${number}"}`)).toEqual([`test card number …${last4}`]);
      expect(whatOf(`card ${number.replace(/(\d{4})(?=\d)/g, "$1 ")} ok`)).toEqual([`test card number …${last4}`]);
      expect(whatOf(`card=${number.replace(/(\d{4})(?=\d)/g, "$1-")}&x=1`)).toEqual([`test card number …${last4}`]);
    }
  });

  it("finds American Express grouping, URL-encoded spaces and form-encoded pluses", () => {
    expect(whatOf("3782 822463 10005")).toEqual(["test card number …0005"]);
    expect(whatOf("number=4111%201111%201111%201111")).toEqual(["test card number …1111"]);
    expect(whatOf("number=4111+1111+1111+1111")).toEqual(["test card number …1111"]);
  });

  it("ignores the last four digits, other numbers and card numbers inside longer runs of digits", () => {
    expect(whatOf('{"brand":"VISA","last4":"1111","bin":"411111","expMonth":"12","expYear":"2030"}')).toEqual([]);
    expect(whatOf("order 1700000000000123 at 2026-05-01T10:00:00Z")).toEqual([]);
    expect(whatOf("94111111111111111")).toEqual([]);
    expect(whatOf("41111111111111112")).toEqual([]);
  });

  it("accepts only card numbers", () => {
    expect(() => cardNumberPattern("1234")).toThrow(/not a card number/);
  });
});

describe("the secrets scan: CVCs", () => {
  it("finds a CVC under a JSON or object key, quoted or not, escaped inside a string", () => {
    expect(whatOf('{"cvc":"123"}')).toEqual(["CVC"]);
    expect(whatOf('{"cvv": 1234}')).toEqual(["CVC"]);
    expect(whatOf('{"card":{"cvv2":"456"}}')).toEqual(["CVC"]);
    expect(whatOf('{"securityCode":"999"}')).toEqual(["CVC"]);
    expect(whatOf('{"card_cvc":"123"}')).toEqual(["CVC"]);
    expect(whatOf("{cvc:'123'}")).toEqual(["CVC"]);
    expect(whatOf('{"body":"{\\"cvc\\":\\"321\\"}"}')).toEqual(["CVC"]);
  });

  it("finds a CVC in a URL or form body", () => {
    expect(whatOf("GET /checkout?number=x&cvc=123&exp=12")).toEqual(["CVC"]);
    expect(whatOf("card[cvc]=4321")).toEqual(["CVC"]);
    expect(whatOf("/pay?CVV=123")).toEqual(["CVC"]);
  });

  it("ignores a bare 3-digit number, a redacted CVC and CVC rules", () => {
    expect(whatOf('{"status":123,"amount":"123","code":"123"}')).toEqual([]);
    expect(whatOf('{"cvc":"[REDACTED]","cvv":"***"}')).toEqual([]);
    expect(whatOf('{"cvcLength":3,"cvc":{"name":"CVV","size":4}}')).toEqual([]);
    expect(whatOf('{"cvc":"12345"}')).toEqual([]);
    expect(whatOf("placeholder:\"123\"")).toEqual([]);
  });
});

describe("the secrets scan: keys and tokens", () => {
  it("finds each secret value by name", () => {
    expect(whatOf('headers: {"x-api-key":"sk_test_local_sandbox"}')).toEqual(["CHEQPAY_API_KEY"]);
    expect(whatOf("sig with whsec_local_sandbox")).toEqual(["CHEQPAY_WEBHOOK_SECRET"]);
  });

  it("collects the secrets an environment sets, each once, splitting the webhook secret's rotation pair", () => {
    const token = "t".repeat(40);
    const secrets = secretsFromEnvironments(
      [API_KEY],
      [
        { ADMIN_API_TOKEN: token, CHEQPAY_WEBHOOK_SECRET: "whsec_new_one_1, whsec_old_one_2", PORT: "3000" },
        { ADMIN_API_TOKEN: token, METRICS_TOKEN: "short", CHEQPAY_API_KEY: "sk_test_local_sandbox" },
        undefined,
      ],
    );
    expect(secrets).toEqual([
      API_KEY,
      { name: "CHEQPAY_WEBHOOK_SECRET", value: "whsec_new_one_1" },
      { name: "CHEQPAY_WEBHOOK_SECRET", value: "whsec_old_one_2" },
      { name: "ADMIN_API_TOKEN", value: token },
    ]);
  });
});

describe("the secrets scan: allowances", () => {
  const allowing = createScanner({
    cardNumbers: ["4111111111111111"],
    secrets: [API_KEY, WEBHOOK_SECRET],
    allowed: [{ where: /^\.next\/server\//, span: sequenceSpan([API_KEY.value, WEBHOOK_SECRET.value]) }],
  });
  const defaults = 'let a="sk_test_local_sandbox",b="merchant_local_sandbox",c="whsec_local_sandbox";';

  it("skip what lies in an allowed span of an allowed source", () => {
    expect(allowing.scan(defaults, ".next/server/chunks/config.js")).toEqual([]);
  });

  it("still find the same values elsewhere in that source, in other sources and anything else in the span", () => {
    const elsewhere = `${defaults}\n${"x".repeat(400)} headers["x-api-key"]="sk_test_local_sandbox"`;
    expect(allowing.scan(elsewhere, ".next/server/chunks/config.js").map((f) => f.where)).toEqual([".next/server/chunks/config.js:2"]);
    expect(allowing.scan(defaults, ".next/static/chunks/page.js")).toHaveLength(2);
    const withCard = 'let a="sk_test_local_sandbox",n="4111111111111111",c="whsec_local_sandbox";';
    expect(allowing.scan(withCard, ".next/server/x.js").map((f) => f.what)).toEqual(["test card number …1111"]);
  });

  it("need the values in order and close together", () => {
    expect(allowing.scan('c="whsec_local_sandbox",a="sk_test_local_sandbox"', ".next/server/x.js")).toHaveLength(2);
    expect(allowing.scan(`a="sk_test_local_sandbox"${" ".repeat(400)}c="whsec_local_sandbox"`, ".next/server/x.js")).toHaveLength(2);
  });
});

describe("the secrets scan: findings", () => {
  it("say where (with the line) and what, and mask the secret in the excerpt", () => {
    const text = ['{"msg":"ok"}', '{"msg":"paid","card":"4111 1111 1111 1111","key":"sk_test_local_sandbox","cvc":"737"}'].join("\n");
    const findings = scanner.scan(text, "app.log");
    expect(findings.map((f) => [f.where, f.what])).toEqual([
      ["app.log:2", "test card number …1111"],
      ["app.log:2", "CVC"],
      ["app.log:2", "CHEQPAY_API_KEY"],
    ]);
    for (const finding of findings) {
      expect(finding.excerpt).not.toMatch(/4111 1111 1111 1111|sk_test_local_sandbox|737/);
    }
    expect(findings[0]!.excerpt).toContain('"card":"[card …1111]","key":"[CHEQPAY_API_KEY]","cvc":"***"');
    const printed = formatFindings(findings).join("\n");
    expect(printed).toContain("test card number …1111 in app.log:2");
    expect(printed).not.toMatch(/4111 1111 1111 1111|sk_test_local_sandbox|737/);
  });

  it("mask a secret cut by the excerpt's window as a whole", () => {
    const text = `${"x".repeat(30)}sk_test_local_sandbox${" ".repeat(25)}4111111111111111`;
    const [finding] = scanner.scan(text, "f");
    expect(finding!.what).toBe("test card number …1111");
    expect(finding!.excerpt).toContain("API_KEY]");
    expect(finding!.excerpt).not.toContain("sandbox");
  });

  it("are listed up to a limit", () => {
    const findings = scanner.scan("4111111111111111 ".repeat(5), "f");
    expect(formatFindings(findings, 2)).toHaveLength(3);
    expect(formatFindings(findings, 2)[2]).toBe("  … and 3 more");
  });

  it("name a database row by its id when it has one", () => {
    expect(rowLabel('{"id":42,"x":1}', 7)).toBe("row id=42");
    expect(rowLabel('{"id":"c8e1a3","x":1}', 7)).toBe("row id=c8e1a3");
    expect(rowLabel('{"name":"x"}', 7)).toBe("row #7");
  });
});

describe("the secrets scan: files", () => {
  it("lists every file under a directory except the skipped ones, and scans them", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "secrets-scan-"));
    mkdirSync(path.join(root, ".next", "static", "chunks"), { recursive: true });
    mkdirSync(path.join(root, ".next", "cache", "webpack"), { recursive: true });
    writeFileSync(path.join(root, ".next", "static", "chunks", "main.js"), 'var a="whsec_local_sandbox";\nvar b=1;');
    writeFileSync(path.join(root, ".next", "static", "chunks", "clean.js"), "var a=1;");
    writeFileSync(path.join(root, ".next", "cache", "webpack", "old.pack"), "4111111111111111");
    const files = listFiles(path.join(root, ".next"), ["cache"]);
    expect(files.map((file) => path.relative(root, file))).toEqual([
      path.join(".next", "static", "chunks", "clean.js"),
      path.join(".next", "static", "chunks", "main.js"),
    ]);
    const findings = scanFiles(scanner, files, root);
    expect(findings.map((f) => [f.where, f.what])).toEqual([[`${path.join(".next", "static", "chunks", "main.js")}:1`, "CHEQPAY_WEBHOOK_SECRET"]]);
    expect(listFiles(path.join(root, "missing"))).toEqual([]);
  });
});

describe("the secrets scan: the build", () => {
  const AUTH_SECRET = { name: "AUTH_SECRET", value: "e2e-build-time-auth-secret-planted-0123456789" };
  const buildScanner = createScanner({
    cardNumbers: ["4111111111111111"],
    secrets: [API_KEY, WEBHOOK_SECRET, AUTH_SECRET],
    allowed: [{ where: /^\.next\/server\//, span: sequenceSpan([API_KEY.value, WEBHOOK_SECRET.value]) }],
  });
  const defaults = 'let a="sk_test_local_sandbox",c="whsec_local_sandbox";';

  function fakeBuild(files: Record<string, string>): string {
    const root = mkdtempSync(path.join(os.tmpdir(), "secrets-scan-build-"));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      writeFileSync(path.join(root, name), text);
    }
    return root;
  }

  it("finds a secret planted in the client's bundle, and the server's declared defaults anywhere in it", () => {
    const root = fakeBuild({
      ".next/server/chunks/config.js": defaults,
      ".next/static/chunks/app/page.js": `self.x={secret:"${AUTH_SECRET.value}"};`,
      ".next/static/chunks/vendor.js": defaults,
      ".next/static/chunks/clean.js": "var a=1;",
    });
    const { findings, problems, scanned } = scanBuild(buildScanner, path.join(root, ".next"), root);
    expect(problems).toEqual([]);
    expect(findings.map((f) => [f.where, f.what])).toEqual([
      [path.join(".next", "static", "chunks", "app", "page.js"), "AUTH_SECRET"],
      [path.join(".next", "static", "chunks", "vendor.js"), "CHEQPAY_API_KEY"],
      [path.join(".next", "static", "chunks", "vendor.js"), "CHEQPAY_WEBHOOK_SECRET"],
    ]);
    expect(findings[0]!.excerpt).not.toContain(AUTH_SECRET.value);
    expect(scanned).toBe(`4 files in .next/ (3 of them the client's, in .next/static/)`);
  });

  it("passes a clean build", () => {
    const root = fakeBuild({ ".next/server/chunks/config.js": defaults, ".next/static/chunks/clean.js": "var a=1;" });
    expect(scanBuild(buildScanner, path.join(root, ".next"), root)).toMatchObject({ findings: [], problems: [] });
  });

  it("cannot pass without a build, or without its client bundle", () => {
    const empty = fakeBuild({});
    expect(scanBuild(buildScanner, path.join(empty, ".next"), empty).problems).toEqual(["no build in .next/ to scan"]);
    const serverOnly = fakeBuild({ ".next/server/chunks/config.js": defaults });
    expect(scanBuild(buildScanner, path.join(serverOnly, ".next"), serverOnly).problems).toEqual(["no client bundle in .next/static/ to scan"]);
  });
});
