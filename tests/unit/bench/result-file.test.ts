import { describe, expect, it } from "vitest";
import { resultFileName } from "../../../bench/lib/result-file";

describe("resultFileName", () => {
  it("names a day's first run by its date", () => {
    expect(resultFileName("2026-11-26", false, ["2026-11-25.json"])).toBe("2026-11-26.json");
    expect(resultFileName("2026-11-26", true, [])).toBe("2026-11-26-quick.json");
  });

  it("numbers a later run of the same day instead of overwriting the first", () => {
    expect(resultFileName("2026-11-26", false, ["2026-11-26.json"])).toBe("2026-11-26-2.json");
    expect(resultFileName("2026-11-26", false, ["2026-11-26.json", "2026-11-26-2.json"])).toBe("2026-11-26-3.json");
    expect(resultFileName("2026-11-26", true, ["2026-11-26-quick.json"])).toBe("2026-11-26-quick-2.json");
  });
});
