// A second release of the same sources for deploy tests: `next build` into `.next-release-b` (the e2e app's
// build in `.next` is release A), with its own build id and NEXT_SERVER_ACTIONS_ENCRYPTION_KEY. Skipped when an
// up-to-date one exists (same sources, same settings: a fingerprint, like scripts/lib/build-fingerprint.ts).
//
// Why another key: Next derives each Server Action id from a hash of the file, the export name and a salt, and
// the salt is the encryption key (`serverReferenceHashSalt` in next/dist/build/webpack-config.js; Turbopack's build
// gets the same key, next/dist/build/turbopack-build/impl.js). Two builds of
// the same sources with the same key therefore share their ids, which is what lets the instances of one release
// agree (and a release that changes no action keep them). Release A's key is the one Next generated for `.next`;
// release B gets a fixed, different one, so its ids differ as they do whenever the actions change.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sourceFingerprint } from "../../scripts/lib/build-fingerprint";
import { run } from "../../scripts/lib/child-process";
import { serverActionId } from "./server-action";

const root = fileURLToPath(new URL("../..", import.meta.url));

export const RELEASE_B = {
  distDir: ".next-release-b",
  releaseId: "release-b-deploy-test",
  /** A test key (32 bytes, base64), never a real one. */
  encryptionKey: "cmVsZWFzZS1iLWRlcGxveS10ZXN0LWtleS0zMmJ5dGU=",
} as const;

const FINGERPRINT = "cheqpay-build-fingerprint";
/** Next adds its build directory's type globs to the tsconfig it is given: release B gets a copy of its own. */
const TSCONFIG = `${RELEASE_B.distDir}.tsconfig.json`;

export type SecondRelease = { distDir: string; releaseId: string; encryptionKey: string; builtMs: number | null };

function fingerprint(env: NodeJS.ProcessEnv): string {
  return createHash("sha256")
    .update(sourceFingerprint(root, env))
    .update(`\0${RELEASE_B.releaseId}\0${RELEASE_B.encryptionKey}`)
    .digest("hex");
}

/** Builds release B unless an up-to-date one exists; `builtMs` is null when it was reused. */
export async function ensureSecondRelease(env: NodeJS.ProcessEnv = process.env): Promise<SecondRelease> {
  const dist = path.join(root, RELEASE_B.distDir);
  const fingerprintFile = path.join(dist, FINGERPRINT);
  const expected = fingerprint(env);
  const current = existsSync(path.join(dist, "BUILD_ID")) && existsSync(fingerprintFile) && readFileSync(fingerprintFile, "utf8") === expected;
  let builtMs: number | null = null;
  if (!current) {
    const started = Date.now();
    await build(env);
    writeFileSync(fingerprintFile, expected);
    builtMs = Date.now() - started;
  }
  const idA = serverActionId("app/checkout/actions.ts", "payWithCard");
  const idB = serverActionId("app/checkout/actions.ts", "payWithCard", RELEASE_B.distDir);
  if (idA === idB) throw new Error(`release B's payWithCard id equals release A's (${idA}): the deploy test would test nothing`);
  return { ...RELEASE_B, builtMs };
}

async function build(env: NodeJS.ProcessEnv): Promise<void> {
  // The build rewrites next-env.d.ts to point at its own types: put back what release A's build wrote.
  const nextEnv = path.join(root, "next-env.d.ts");
  const nextEnvBefore = existsSync(nextEnv) ? readFileSync(nextEnv, "utf8") : null;
  writeFileSync(path.join(root, TSCONFIG), tsconfigForReleaseB());
  try {
    await run(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
      cwd: root,
      env: {
        ...env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        NEXT_DIST_DIR: RELEASE_B.distDir,
        RELEASE_ID: RELEASE_B.releaseId,
        NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: RELEASE_B.encryptionKey,
        NEXT_TSCONFIG_PATH: TSCONFIG,
        // The same sources were type-checked by release A's build, and this one is built once per run.
        NEXT_THROWAWAY_BUILD: "1",
      },
    });
  } finally {
    if (nextEnvBefore === null) rmSync(nextEnv, { force: true });
    else writeFileSync(nextEnv, nextEnvBefore);
  }
}

/** The repository's tsconfig.json with release B's type globs in place of `.next`'s. */
function tsconfigForReleaseB(): string {
  const config = JSON.parse(readFileSync(path.join(root, "tsconfig.json"), "utf8")) as { include?: string[] };
  config.include = (config.include ?? []).map((entry) => entry.replace(/^\.next\//, `${RELEASE_B.distDir}/`));
  return `${JSON.stringify(config, null, 2)}\n`;
}
