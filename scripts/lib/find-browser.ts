// A Chromium for Playwright: its own download when present, else the system's, installing Debian's
// `chromium` with apt when we are root on Debian and it is missing (no other download works here).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import { chromium } from "@playwright/test";

const SYSTEM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The executable to use, or null for Playwright's own browser. Throws when there is none at all. */
export function findBrowser(log: (line: string) => void = console.log): string | null {
  if (existsSync(chromium.executablePath())) return null;
  const system = SYSTEM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (system) return system;
  if (os.userInfo().uid === 0 && existsSync("/etc/debian_version")) {
    log("No browser for Playwright: installing Debian's chromium with apt-get (once)...");
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  }
  throw new Error(
    "No browser for the end-to-end tests. Run `npx playwright install chromium`, or install Chromium " +
      "(Debian: `apt-get install chromium`), or set PLAYWRIGHT_CHROMIUM_PATH.",
  );
}
