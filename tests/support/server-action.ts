// Calling a Server Action over HTTP exactly as the browser does: POST to the page with the `Next-Action` header
// and the JSON arguments. The action's id comes from the build's manifest (ids change with every build).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

type ReferenceManifest = { node: Record<string, { filename?: string; exportedName?: string }> };

/** The id of `exportName` from `sourceFile` (e.g. "app/checkout/actions.ts", "payWithCard") in a build. */
export function serverActionId(sourceFile: string, exportName: string, distDir = ".next"): string {
  const manifestFile = path.join(root, distDir, "server", "server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as ReferenceManifest;
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === sourceFile && entry.exportedName === exportName);
  if (!found) throw new Error(`no Server Action ${exportName} of ${sourceFile} in ${manifestFile}`);
  return found[0];
}

export type ServerActionCall = {
  /** The app's origin, e.g. https://localhost:3000. */
  baseUrl: string;
  /** The page the form is on, e.g. "/checkout". */
  pagePath: string;
  actionId: string;
  args: unknown[];
  /** A Cookie header (e.g. `cart_id=…`). */
  cookie?: string;
  /** Defaults to baseUrl (a same-origin browser request). */
  origin?: string | null;
  headers?: Record<string, string>;
  /** A raw body instead of JSON.stringify(args) (hostile input). */
  rawBody?: string;
};

export type ServerActionAnswer<T> = {
  status: number;
  /** The action's return value, when the answer carried one. */
  result: T | undefined;
  body: string;
  headers: Headers;
};

export async function callServerAction<T = unknown>(call: ServerActionCall): Promise<ServerActionAnswer<T>> {
  const headers: Record<string, string> = {
    "next-action": call.actionId,
    accept: "text/x-component",
    "content-type": "text/plain;charset=UTF-8",
    ...(call.cookie ? { cookie: call.cookie } : {}),
    ...(call.origin === null ? {} : { origin: call.origin ?? new URL(call.baseUrl).origin }),
    ...call.headers,
  };
  const response = await fetch(new URL(call.pagePath, call.baseUrl), {
    method: "POST",
    headers,
    body: call.rawBody ?? JSON.stringify(call.args),
    redirect: "manual",
  });
  const body = await response.text();
  return { status: response.status, result: actionResultOf<T>(body), body, headers: response.headers };
}

/**
 * The return value in a React Flight answer: the row `1:<json>` (row 0 is the envelope that points at it).
 * Plain JSON values only (what our actions return); strings that start with "$" come escaped as "$$".
 */
export function actionResultOf<T>(body: string): T | undefined {
  for (const line of body.split("\n")) {
    const match = /^1:(.*)$/.exec(line);
    if (match) return unescapeFlight(JSON.parse(match[1]!)) as T;
  }
  return undefined;
}

function unescapeFlight(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$$") ? value.slice(1) : value;
  if (Array.isArray(value)) return value.map(unescapeFlight);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, unescapeFlight(inner)]));
  }
  return value;
}
