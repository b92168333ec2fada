import { describe, expect, it } from "vitest";
import { calibratedCpuSlowdown } from "../../../bench/lib/cpu-calibration";

describe("the calibrated CPU slowdown", () => {
  it("is Lighthouse's default 4x for a fast desktop (benchmarkIndex about 1533)", () => {
    expect(calibratedCpuSlowdown(1533)).toBe(4);
  });

  it("follows the calculator's points between the brackets", () => {
    expect(calibratedCpuSlowdown(2000)).toBe(6);
    expect(calibratedCpuSlowdown(1300)).toBe(3);
    expect(calibratedCpuSlowdown(1050)).toBe(2.5);
    expect(calibratedCpuSlowdown(800)).toBe(2);
    expect(calibratedCpuSlowdown(475)).toBe(1.5);
    expect(calibratedCpuSlowdown(150)).toBe(1);
  });

  it("gives none for a host too slow to emulate the target phone, or no index", () => {
    expect(calibratedCpuSlowdown(149)).toBeNull();
    expect(calibratedCpuSlowdown(Number.NaN)).toBeNull();
  });
});
