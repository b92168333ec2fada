// Reading a V8 .cpuprofile (what `node --cpu-prof` writes): time per function, self and inclusive, and per
// origin (our own folders, each package under node_modules, Node's internals), as a plain-text report.

export type CpuProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
export type CpuProfile = { nodes: CpuProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };
/** Microseconds of the monotonic clock (process.hrtime in any process on the machine, as V8 stamps samples). */
export type Window = { fromUs: number; toUs: number };

type FunctionTime = { key: string; origin: string; selfMs: number; totalMs: number };

/** Where a script comes from: "next", "drizzle-orm", "lib/checkout", "node:internal", "(program)"… */
export function originOf(url: string, root: string): string {
  if (!url) return "(native)";
  const file = url.startsWith("file://") ? decodeURIComponent(new URL(url).pathname) : url;
  const packaged = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (packaged) return packaged[1]!;
  if (file.startsWith("node:")) return "node:internal";
  const local = file.startsWith(root) ? file.slice(root.length).replace(/^\//, "") : file;
  if (local.startsWith(".next/")) return ".next (our compiled app)";
  return local.split("/").slice(0, 2).join("/");
}

/** Self and inclusive milliseconds per function (recursion counted once), largest first. */
export function functionTimes(profile: CpuProfile, root: string, window?: Window): { functions: FunctionTime[]; totalMs: number; idleMs: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    selfMs.set(id, (selfMs.get(id) ?? 0) + delta / 1000);
  });
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const keyOf = (node: CpuProfileNode) =>
    `${node.callFrame.functionName || "(anonymous)"} ${node.callFrame.url ? `${originOf(node.callFrame.url, root)}:${node.callFrame.lineNumber + 1}` : ""}`.trim();
  const table = new Map<string, FunctionTime>();
  let totalMs = 0;
  let idleMs = 0;
  for (const [id, ms] of selfMs) {
    const node = byId.get(id)!;
    totalMs += ms;
    if (node.callFrame.functionName === "(idle)") {
      idleMs += ms;
      continue;
    }
    // Self time to this function; inclusive time to it and each distinct ancestor function.
    const seen = new Set<string>();
    for (let at: number | undefined = id, first = true; at !== undefined; at = parent.get(at), first = false) {
      const frame = byId.get(at)!;
      const key = keyOf(frame);
      const row = table.get(key) ?? { key, origin: originOf(frame.callFrame.url, root), selfMs: 0, totalMs: 0 };
      table.set(key, row);
      if (first) row.selfMs += ms;
      if (!seen.has(key)) row.totalMs += ms;
      seen.add(key);
    }
  }
  return { functions: [...table.values()], totalMs, idleMs };
}

export function summarizeProfile(profile: CpuProfile, options: { top: number; root: string; window?: Window }): string {
  const { functions, totalMs, idleMs } = functionTimes(profile, options.root, options.window);
  const busy = totalMs - idleMs;
  const pct = (ms: number) => `${((ms / busy) * 100).toFixed(1).padStart(5)} %`;
  const origins = new Map<string, number>();
  for (const row of functions) origins.set(row.origin, (origins.get(row.origin) ?? 0) + row.selfMs);
  const lines = [`busy ${busy.toFixed(0)} ms of ${totalMs.toFixed(0)} ms profiled`, "", "self time by origin:"];
  for (const [origin, ms] of [...origins].sort((a, b) => b[1] - a[1]).slice(0, options.top)) lines.push(`${pct(ms)}  ${origin}`);
  lines.push("", "self time by function:");
  for (const row of [...functions].sort((a, b) => b.selfMs - a.selfMs).slice(0, options.top)) lines.push(`${pct(row.selfMs)}  ${row.key}`);
  lines.push("", "inclusive time by function:");
  for (const row of [...functions].sort((a, b) => b.totalMs - a.totalMs).slice(0, options.top * 2)) lines.push(`${pct(row.totalMs)}  ${row.key}`);
  return lines.join("\n");
}
