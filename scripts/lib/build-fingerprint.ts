// Decides whether the production build in .next/ is missing, older than the sources it was built from, or
// built with other secret values in its environment (npm test scans the build for the ones it was made with).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SECRET_VARIABLES } from "./secrets-scan";

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "messages",
  "instrumentation.ts",
  "middleware.ts",
  "proxy.ts",
  "next.config.js",
  "tsconfig.json",
  "package-lock.json",
];
const FINGERPRINT_FILE = path.join(".next", "cheqpay-build-fingerprint");

/**
 * A hash of every source file's path, size and modification time, and of the build environment's secret and
 * NEXT_PUBLIC_ values (hashed together: the fingerprint file never holds a secret).
 */
export function sourceFingerprint(root: string = process.cwd(), env: Record<string, string | undefined> = process.env): string {
  const hash = createHash("sha256");
  const buildEnv = Object.keys(env).filter((name) => SECRET_VARIABLES.includes(name) || name.startsWith("NEXT_PUBLIC_"));
  for (const name of buildEnv.sort()) hash.update(`env\0${name}\0${env[name] ?? ""}\n`);
  const visit = (relative: string) => {
    const absolute = path.join(root, relative);
    if (!existsSync(absolute)) return;
    const stat = statSync(absolute);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(absolute).sort()) visit(path.join(relative, entry));
      return;
    }
    hash.update(`${relative}\0${stat.size}\0${stat.mtimeMs}\n`);
  };
  SOURCES.forEach(visit);
  return hash.digest("hex");
}

export function isBuildCurrent(root: string = process.cwd(), env: Record<string, string | undefined> = process.env): boolean {
  const file = path.join(root, FINGERPRINT_FILE);
  if (!existsSync(path.join(root, ".next", "BUILD_ID")) || !existsSync(file)) return false;
  return readFileSync(file, "utf8") === sourceFingerprint(root, env);
}

export function recordBuild(root: string = process.cwd(), env: Record<string, string | undefined> = process.env): void {
  writeFileSync(path.join(root, FINGERPRINT_FILE), sourceFingerprint(root, env));
}
