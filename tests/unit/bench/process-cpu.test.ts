import { describe, expect, it } from "vitest";
import { coresUsed, cpuSecondsByKind, processKind } from "../../../bench/lib/process-cpu";

describe("processKind", () => {
  it("names the run's app and worker by pid, and another app on the machine other", () => {
    const known = { app: 10, worker: 11 };
    expect(processKind("/usr/bin/node --import tsx scripts/app-server.ts ", "node", 10, 1, known)).toBe("app");
    expect(processKind("/usr/bin/node --import tsx scripts/worker.ts ", "node", 11, 1, known)).toBe("worker");
    expect(processKind("/usr/bin/node --import tsx scripts/app-server.ts ", "node", 20, 1, known)).toBe("other");
  });

  it("names the sandbox, PostgreSQL and the bench itself from their command lines", () => {
    expect(processKind("/usr/bin/node --import tsx sandbox/src/main.ts ", "node", 12, 1)).toBe("sandbox");
    expect(processKind("postgres: 15/main: postgres cheqpay 127.0.0.1(5432) idle ", "postgres", 13, 1)).toBe("postgres");
    expect(processKind("/usr/bin/node bench/run.ts", "node", 1, 1)).toBe("bench");
    expect(processKind("/usr/bin/chromium --headless", "chromium", 14, 1)).toBe("other");
  });
});

describe("coresUsed", () => {
  it("divides each kind's CPU seconds by the wall seconds", () => {
    const before = { app: 10, worker: 1, sandbox: 2, postgres: 3, bench: 4, other: 5 };
    const after = { app: 19.6, worker: 2, sandbox: 2.5, postgres: 6, bench: 6, other: 5 };
    expect(coresUsed(before, after, 10)).toEqual({ app: 0.96, worker: 0.1, sandbox: 0.05, postgres: 0.3, bench: 0.2, other: 0 });
  });

  it("is null without both readings", () => {
    expect(coresUsed(null, { app: 1, worker: 0, sandbox: 0, postgres: 0, bench: 0, other: 0 }, 1)).toBeNull();
  });
});

describe("cpuSecondsByKind", () => {
  it("reads this process as the bench, and grows as it works (Linux)", () => {
    const before = cpuSecondsByKind();
    if (!before) return expect(process.platform).not.toBe("linux");
    const until = Date.now() + 120;
    let x = 0;
    while (Date.now() < until) x += Math.sqrt(x + 1);
    expect(x).toBeGreaterThan(0);
    expect(cpuSecondsByKind()!.bench).toBeGreaterThan(before.bench);
  });
});
