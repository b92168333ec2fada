import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isBuildCurrent, recordBuild, sourceFingerprint } from "../../../scripts/lib/build-fingerprint";

function projectWithOnePage(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "fingerprint-"));
  mkdirSync(path.join(root, "app"));
  mkdirSync(path.join(root, ".next"));
  writeFileSync(path.join(root, "app", "page.tsx"), "export default 1;");
  writeFileSync(path.join(root, ".next", "BUILD_ID"), "build");
  return root;
}

describe("build fingerprint", () => {
  it("calls a build current until a source file changes", () => {
    const root = projectWithOnePage();
    expect(isBuildCurrent(root)).toBe(false);
    recordBuild(root);
    expect(isBuildCurrent(root)).toBe(true);
    const page = path.join(root, "app", "page.tsx");
    writeFileSync(page, "export default 2;");
    utimesSync(page, new Date(), new Date(Date.now() + 5_000));
    expect(isBuildCurrent(root)).toBe(false);
  });

  it("changes when a file is added", () => {
    const root = projectWithOnePage();
    const before = sourceFingerprint(root);
    writeFileSync(path.join(root, "app", "layout.tsx"), "export default 3;");
    expect(sourceFingerprint(root)).not.toBe(before);
  });

  it("asks for a build made with the same secrets only when told to (the secrets scan), and never holds them", () => {
    const root = projectWithOnePage();
    const env = { AUTH_SECRET: "build-time-auth-secret-0123456789abcdef", PATH: "/usr/bin" };
    recordBuild(root, env);
    const otherSecret = { ...env, AUTH_SECRET: "another-auth-secret-0123456789abcdef" };
    expect(isBuildCurrent(root, env, { sameSecrets: true })).toBe(true);
    expect(isBuildCurrent(root, { ...env, PATH: "/bin" }, { sameSecrets: true })).toBe(true);
    expect(isBuildCurrent(root, otherSecret, { sameSecrets: true })).toBe(false);
    expect(isBuildCurrent(root, { PATH: "/usr/bin" }, { sameSecrets: true })).toBe(false);
    // `npm start`: secrets are read at run time, so a build made with others serves as well.
    expect(isBuildCurrent(root, otherSecret)).toBe(true);
    expect(isBuildCurrent(root, { PATH: "/usr/bin" })).toBe(true);
    expect(readFileSync(path.join(root, ".next", "cheqpay-build-fingerprint"), "utf8")).not.toContain("build-time");
  });

  it("needs a new build for another value baked into it: public settings, the Server Actions key, the release", () => {
    const root = projectWithOnePage();
    const env = { RELEASE_ID: "r1", NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "a2V5", PATH: "/usr/bin" };
    recordBuild(root, env);
    expect(isBuildCurrent(root, env)).toBe(true);
    expect(isBuildCurrent(root, { ...env, NEXT_PUBLIC_SHOP: "x" })).toBe(false);
    expect(isBuildCurrent(root, { ...env, RELEASE_ID: "r2" })).toBe(false);
    expect(isBuildCurrent(root, { ...env, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "b3RoZXI=" })).toBe(false);
    expect(readFileSync(path.join(root, ".next", "cheqpay-build-fingerprint"), "utf8")).not.toContain("a2V5");
  });
});
