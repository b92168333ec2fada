// Decides whether the production build in .next/ is missing, older than the sources it was built from, or made
// with other values baked into it (NEXT_PUBLIC_*, the Server Actions key, the release id). Secrets are not baked
// in (the secrets scan proves it), so `npm start` reuses a build made with other ones; npm test's end-to-end run
// asks for a build made with its own secrets (sameSecrets), or its scan of the build would prove nothing.
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

/** Values the build keeps: another value needs another build. */
const bakedIn = (name: string) => name.startsWith("NEXT_PUBLIC_") || name === "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY" || name === "RELEASE_ID";

type Fingerprint = { build: string; secrets: string };

/**
 * Hashes of every source file's path, size and modification time with the values baked into the build, and of
 * the build environment's secret values apart (hashed: the fingerprint file never holds a secret).
 */
export function buildFingerprint(root: string = process.cwd(), env: Record<string, string | undefined> = process.env): Fingerprint {
  const hash = createHash("sha256");
  const secrets = createHash("sha256");
  for (const name of Object.keys(env).sort()) {
    if (bakedIn(name)) hash.update(`env\0${name}\0${env[name] ?? ""}\n`);
    else if (SECRET_VARIABLES.includes(name)) secrets.update(`env\0${name}\0${env[name] ?? ""}\n`);
  }
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
  return { build: hash.digest("hex"), secrets: secrets.digest("hex") };
}

/** Both hashes in one string: what a build made from these sources with these values would be. */
export function sourceFingerprint(root: string = process.cwd(), env: Record<string, string | undefined> = process.env): string {
  const { build, secrets } = buildFingerprint(root, env);
  return `${build}:${secrets}`;
}

export function isBuildCurrent(
  root: string = process.cwd(),
  env: Record<string, string | undefined> = process.env,
  options: { sameSecrets?: boolean } = {},
): boolean {
  const file = path.join(root, FINGERPRINT_FILE);
  if (!existsSync(path.join(root, ".next", "BUILD_ID")) || !existsSync(file)) return false;
  const [build, secrets] = readFileSync(file, "utf8").split(":");
  const now = buildFingerprint(root, env);
  return build === now.build && (!options.sameSecrets || secrets === now.secrets);
}

export function recordBuild(root: string = process.cwd(), env: Record<string, string | undefined> = process.env): void {
  writeFileSync(path.join(root, FINGERPRINT_FILE), sourceFingerprint(root, env));
}
