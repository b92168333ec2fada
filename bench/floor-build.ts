// The client-JS floor: bench/floor-app (one page, one trivial client component) built with the same Next.js in
// this run, in a temporary folder outside the repository (inside it, Turbopack would pick up the repository's
// own instrumentation.ts), its node_modules a link to ours. Then served by `next start` on a free port.
import type { ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run, spawnAndWaitFor, stopChild } from "../scripts/lib/child-process";
import { findFreePort } from "../scripts/lib/free-port";

export type FloorApp = { url: string; child: ChildProcess; stop(): Promise<void> };

const NEXT_CONFIG = `/** @type {import('next').NextConfig} */
export default { turbopack: { root: "/" }, typescript: { ignoreBuildErrors: true } };
`;
const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    lib: ["dom", "dom.iterable", "ES2023"],
    strict: true,
    noEmit: true,
    module: "esnext",
    moduleResolution: "bundler",
    jsx: "react-jsx",
    isolatedModules: true,
    skipLibCheck: true,
    plugins: [{ name: "next" }],
  },
  include: ["**/*.ts", "**/*.tsx"],
  exclude: ["node_modules"],
};

export async function buildFloorApp(repoRoot: string): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cheqpay-bench-floor-"));
  cpSync(path.join(repoRoot, "bench", "floor-app"), dir, { recursive: true });
  symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  writeFileSync(path.join(dir, "next.config.mjs"), NEXT_CONFIG);
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "floor", private: true, type: "module" }));
  await run(process.execPath, [path.join(repoRoot, "node_modules/next/dist/bin/next"), "build"], {
    cwd: dir,
    env: { ...cleanEnv(), NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startFloorApp(repoRoot: string, dir: string): Promise<FloorApp> {
  const port = await findFreePort();
  const { child } = await spawnAndWaitFor(
    process.execPath,
    [path.join(repoRoot, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    /Ready in|✓ Ready/,
    { cwd: dir, env: { ...cleanEnv(), NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" }, timeoutMs: 60_000 },
  );
  return { url: `http://127.0.0.1:${port}`, child, stop: () => stopChild(child, 5_000) };
}

/** Our environment without the app's settings (the floor app has none). */
function cleanEnv(): Record<string, string | undefined> {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("NEXT_") || name === "DATABASE_URL") delete env[name];
  return env;
}
