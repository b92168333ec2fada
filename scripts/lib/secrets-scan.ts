// After the end-to-end suite, `npm test` looks for card data and secrets where they must never be: the logs the
// app wrote during the run, every row of the e2e database, and the build in .next/. The scanning is pure
// (`createScanner`); the sources (files, database rows) are read by the small helpers at the end.
// A finding names where it was found and what it is, never the secret itself.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";

export type SecretValue = { name: string; value: string };

export type Finding = {
  /** Where: a file and line, or a table and row. */
  where: string;
  /** What, masked: "card number …1111", "CVC", "CHEQPAY_API_KEY". */
  what: string;
  /** The text around it, with every secret in it masked. */
  excerpt: string;
};

/** `allowable`: an allowance may cover it (keys in the code by design); card data never. */
type Needle = { what: (match: string) => string; mask: (match: string) => string; pattern: RegExp; allowable?: boolean };

export type Scanner = {
  /** Every secret in `text`; `where` is extended with the line number. */
  scan(text: string, where: string): Finding[];
  /** `text` with every secret in it masked. */
  mask(text: string): string;
};

const SEPARATOR = "(?:[ \\-+\\u00a0]|%20)?";

/** A test card number as typed anywhere: its digits, optionally grouped with spaces, dashes, `+` or `%20`. */
export function cardNumberPattern(number: string): string {
  const digits = number.replace(/\D/g, "");
  if (digits.length < 12) throw new Error(`not a card number: ${digits.length} digits`);
  return `(?<![0-9])${digits.split("").join(SEPARATOR)}(?![0-9])`;
}

/**
 * A CVC in key context: a JSON or object key (`"cvc": "123"`, `cvv2: 1234`, escaped `\"cvc\":\"123\"`) or a
 * query/form parameter (`cvc=123`, `card[cvc]=123`). A bare "123" is everywhere; only the key makes it a CVC.
 */
export const CVC_PATTERN =
  /(?<![A-Za-z0-9])((?:\\*["']?)[A-Za-z_\-[\]]*?(?:cvc|cvv|csc|security[_-]?code)2?\]?\\*["']?\s*(?:[:=]|%3D)\s*\\*["']?)(\d{3,4})(?![0-9])/gi;

const MIN_SECRET_LENGTH = 8;

export function maskCardNumber(match: string): string {
  const digits = match.replace(/\D/g, "");
  return `[card …${digits.slice(-4)}]`;
}

/**
 * Secret values that are not findings: inside a match of `span` in a source whose name matches `where` (card
 * numbers and CVCs always are). For keys in the code by design, e.g. the sandbox's well-known development values
 * that lib/config.ts holds as its defaults, compiled into the server build (never into the client's).
 */
export type Allowance = { where: RegExp; span: RegExp };

/** A span holding `values` in this order, each within `gap` characters of the one before (as code declares them). */
export function sequenceSpan(values: readonly string[], gap = 300): RegExp {
  return new RegExp(values.map(escapeRegExp).join(`[\\s\\S]{0,${gap}}?`), "g");
}

export function createScanner(options: {
  cardNumbers: readonly string[];
  secrets: readonly SecretValue[];
  allowed?: readonly Allowance[];
}): Scanner {
  const needles: Needle[] = [];
  const cards = [...new Set(options.cardNumbers.map((n) => n.replace(/\D/g, "")))];
  if (cards.length > 0) {
    needles.push({
      pattern: new RegExp(cards.map(cardNumberPattern).join("|"), "g"),
      what: (match) => `test card number …${match.replace(/\D/g, "").slice(-4)}`,
      mask: maskCardNumber,
    });
  }
  needles.push({
    pattern: new RegExp(CVC_PATTERN.source, CVC_PATTERN.flags),
    what: () => "CVC",
    mask: (match) => match.replace(/\d{3,4}$/, "***"),
  });
  // Longest first: a secret that contains another is reported (and masked) as itself.
  const secrets = uniqueSecrets(options.secrets).sort((a, b) => b.value.length - a.value.length);
  for (const secret of secrets) {
    needles.push({
      pattern: new RegExp(escapeRegExp(secret.value), "g"),
      what: () => secret.name,
      mask: () => `[${secret.name}]`,
      allowable: true,
    });
  }

  // Card numbers with separators are at most ~60 characters; secrets as long as they are.
  const pad = Math.max(64, ...secrets.map((secret) => secret.value.length)) + 8;
  const mask = (text: string): string =>
    needles.reduce((out, needle) => out.replace(new RegExp(needle.pattern.source, needle.pattern.flags), (m) => needle.mask(m)), text);

  return {
    mask,
    scan(text, where) {
      const findings: Finding[] = [];
      const allowedSpans = (options.allowed ?? [])
        .filter((allowance) => withFlags(allowance.where, "").test(where))
        .flatMap((allowance) => [...text.matchAll(withFlags(allowance.span, "g"))])
        .map((match) => [match.index, match.index + match[0].length] as const);
      for (const needle of needles) {
        const pattern = new RegExp(needle.pattern.source, needle.pattern.flags);
        for (const match of text.matchAll(pattern)) {
          const index = match.index;
          if (needle.allowable && allowedSpans.some(([start, end]) => index >= start && index + match[0].length <= end)) continue;
          findings.push({
            where: `${where}${lineSuffix(text, index)}`,
            what: needle.what(match[0]),
            excerpt: excerptOf(text, index, match[0], needle, mask, pad),
          });
        }
      }
      return findings;
    },
  };
}

/** Secrets worth looking for: non-empty, long enough not to match by chance, each value once. */
function uniqueSecrets(secrets: readonly SecretValue[]): SecretValue[] {
  const byValue = new Map<string, SecretValue>();
  for (const secret of secrets) {
    const value = secret.value.trim();
    if (value.length >= MIN_SECRET_LENGTH && !byValue.has(value)) byValue.set(value, { name: secret.name, value });
  }
  return [...byValue.values()];
}

/**
 * The secret values to look for: the given well-known ones, plus every secret-bearing variable set in any of
 * `environments` (webhook secrets split on commas, as the app reads them).
 */
export function secretsFromEnvironments(
  known: readonly SecretValue[],
  environments: readonly (Record<string, string | undefined> | undefined)[],
  names: readonly string[] = SECRET_VARIABLES,
): SecretValue[] {
  const found: SecretValue[] = [...known];
  for (const env of environments) {
    for (const name of names) {
      const value = env?.[name] ?? "";
      // The webhook secret is "new,old" during a rotation: each one is a secret.
      const values = name === "CHEQPAY_WEBHOOK_SECRET" ? value.split(",") : [value];
      for (const one of values) if (one.trim()) found.push({ name, value: one.trim() });
    }
  }
  return uniqueSecrets(found);
}

export const SECRET_VARIABLES = [
  "CHEQPAY_API_KEY",
  "CHEQPAY_WEBHOOK_SECRET",
  "AUTH_SECRET",
  "ADMIN_API_TOKEN",
  "METRICS_TOKEN",
  "AUTH_GOOGLE_SECRET",
  "AUTH_GITHUB_SECRET",
  "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY",
];

const EXCERPT_CHARS = 40;

function excerptOf(text: string, index: number, match: string, needle: Needle, mask: (text: string) => string, pad: number): string {
  // Mask a wider slice each side, then cut it: a secret the window would cut in half is still masked whole.
  const before = mask(text.slice(Math.max(0, index - EXCERPT_CHARS - pad), index)).slice(-EXCERPT_CHARS);
  const after = mask(text.slice(index + match.length, index + match.length + EXCERPT_CHARS + pad)).slice(0, EXCERPT_CHARS);
  const head = index > EXCERPT_CHARS && before.length === EXCERPT_CHARS ? "…" : "";
  const tail = text.length - index - match.length > EXCERPT_CHARS && after.length === EXCERPT_CHARS ? "…" : "";
  return `${head}${before}${needle.mask(match)}${after}${tail}`.replace(/\s+/g, " ");
}

function lineSuffix(text: string, index: number): string {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line > 1 || text.includes("\n") ? `:${line}` : "";
}

/** A fresh copy of `pattern` (no shared lastIndex), global or not. */
function withFlags(pattern: RegExp, global: "g" | ""): RegExp {
  return new RegExp(pattern.source, pattern.flags.replace("g", "") + global);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** One line per finding (the secret masked), at most `limit` of them. */
export function formatFindings(findings: readonly Finding[], limit = 50): string[] {
  const lines = findings.slice(0, limit).map((f) => `  ${f.what} in ${f.where}: ${f.excerpt}`);
  if (findings.length > limit) lines.push(`  … and ${findings.length - limit} more`);
  return lines;
}

// ---- sources -------------------------------------------------------------------------------------------------

/** Every file under `dir` (recursively), skipping directories named in `skip` (relative to `dir`). */
export function listFiles(dir: string, skip: readonly string[] = []): string[] {
  const skipped = new Set(skip.map((entry) => path.normalize(entry)));
  const files: string[] = [];
  const visit = (relative: string) => {
    const absolute = path.join(dir, relative);
    const stat = statSync(absolute, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      if (relative && skipped.has(path.normalize(relative))) return;
      for (const entry of readdirSync(absolute).sort()) visit(path.join(relative, entry));
    } else if (stat.isFile()) {
      files.push(absolute);
    }
  };
  visit("");
  return files;
}

/** Scans each file as text; `label` names it relative to `root`. */
export function scanFiles(scanner: Scanner, files: readonly string[], root: string = process.cwd()): Finding[] {
  return files.flatMap((file) => scanner.scan(readFileSync(file, "latin1"), path.relative(root, file)));
}

/**
 * Every row of every table in `schemas` as JSON text (`row_to_json`), with where it came from. Partitions are
 * read through their parent table (pg-boss partitions its jobs), so each row comes once.
 */
export async function* databaseRows(
  databaseUrl: string,
  schemas: readonly string[] = ["public", "pgboss"],
): AsyncGenerator<{ table: string; where: string; text: string }> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const tables = await sql<{ schema: string; name: string }[]>`
      select n.nspname as schema, c.relname as name
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ${sql(schemas as string[])} and c.relkind in ('r', 'p') and not c.relispartition
      order by 1, 2`;
    for (const table of tables) {
      const qualified = `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
      const label = `${table.schema}.${table.name}`;
      let rowNumber = 0;
      const cursor = sql.unsafe<{ row: string }[]>(`select row_to_json(t)::text as row from ${qualified} t`).cursor(200);
      for await (const rows of cursor) {
        for (const { row } of rows) {
          rowNumber++;
          yield { table: label, where: `database ${label} ${rowLabel(row, rowNumber)}`, text: row };
        }
      }
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** "row id=42" when the row has an id, else its position. */
export function rowLabel(rowJson: string, position: number): string {
  const id = /^\{"id":("[^"]{1,80}"|[0-9]{1,20})/.exec(rowJson)?.[1];
  return id ? `row id=${id.replace(/"/g, "")}` : `row #${position}`;
}

export type RunScan = {
  findings: Finding[];
  /** What could not be scanned (a missing log or build, an unreadable database): the scan cannot pass. */
  problems: string[];
  /** What was scanned, in words. */
  scanned: string;
};

/** Scans what a test run left: the app's log files, every row of the database, the build (without its cache). */
export async function scanTestRun(
  scanner: Scanner,
  options: { logFiles: readonly string[]; databaseUrl: string; buildDir: string; root?: string },
): Promise<RunScan> {
  const root = options.root ?? process.cwd();
  const findings: Finding[] = [];
  const problems: string[] = [];
  for (const file of options.logFiles) {
    if (existsSync(file)) findings.push(...scanFiles(scanner, [file], root));
    else problems.push(`no log at ${path.relative(root, file)}: it could not be scanned`);
  }
  let rows = 0;
  const tables = new Set<string>();
  try {
    for await (const row of databaseRows(options.databaseUrl)) {
      rows++;
      tables.add(row.table);
      findings.push(...scanner.scan(row.text, row.where));
    }
  } catch (error) {
    problems.push(`the database could not be read: ${scanner.mask(String(error))}`);
  }
  const build = scanBuild(scanner, options.buildDir, root);
  findings.push(...build.findings);
  problems.push(...build.problems);
  const logs = options.logFiles.map((file) => path.relative(root, file)).join(", ");
  return { findings, problems, scanned: `${logs}; ${rows} rows in ${tables.size} tables; ${build.scanned}` };
}

/**
 * The build without its cache. The client's bundle (`static/`, what every browser downloads) must be there to
 * be scanned: a scan of a build without it would pass for nothing.
 */
export function scanBuild(scanner: Scanner, buildDir: string, root: string = process.cwd()): RunScan {
  const label = path.relative(root, buildDir);
  const files = listFiles(buildDir, ["cache"]);
  const clientFiles = listFiles(path.join(buildDir, "static"));
  const problems: string[] = [];
  if (files.length === 0) problems.push(`no build in ${label}/ to scan`);
  else if (clientFiles.length === 0) problems.push(`no client bundle in ${label}/static/ to scan`);
  return {
    findings: scanFiles(scanner, files, root),
    problems,
    scanned: `${files.length} files in ${label}/ (${clientFiles.length} of them the client's, in ${label}/static/)`,
  };
}
