import { describe, expect, it } from "vitest";
import { MEXICAN_STATE_NAMES, mexicanStateOptions } from "@/lib/checkout/mexican-state-names";
import { MEXICAN_STATE_CODE_LIST, MEXICAN_STATE_CODES } from "@/lib/checkout/mexican-states";

describe("Mexico's states", () => {
  it("are the 32 federal entities, each code with one name", () => {
    expect(MEXICAN_STATE_CODES.size).toBe(32);
    expect(Object.keys(MEXICAN_STATE_NAMES)).toEqual([...MEXICAN_STATE_CODE_LIST]);
    expect(MEXICAN_STATE_NAMES.CMX).toBe("Ciudad de México");
  });

  it("are offered in the list's order with their names", () => {
    const options = mexicanStateOptions();
    expect(options).toHaveLength(32);
    expect(options[0]).toEqual({ code: "AGU", name: "Aguascalientes" });
    expect(options.at(-1)).toEqual({ code: "ZAC", name: "Zacatecas" });
  });
});
