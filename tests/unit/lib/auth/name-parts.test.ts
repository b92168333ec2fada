import { describe, expect, it } from "vitest";
import { nameParts } from "@/lib/auth/name-parts";

describe("nameParts", () => {
  it("takes the first word as the first name and the rest as the last name", () => {
    expect(nameParts("Ana López García")).toEqual({ firstName: "Ana", lastName: "López García" });
  });

  it("leaves the last name empty for a single word", () => {
    expect(nameParts("Ana")).toEqual({ firstName: "Ana", lastName: "" });
  });

  it("trims the name and collapses the spaces between words", () => {
    expect(nameParts("  Ana \t María   López \n")).toEqual({ firstName: "Ana", lastName: "María López" });
  });

  it("gives empty names for a blank name", () => {
    expect(nameParts("")).toEqual({ firstName: "", lastName: "" });
    expect(nameParts("   ")).toEqual({ firstName: "", lastName: "" });
  });

  it("cuts each part to the 60 characters a checkout name allows", () => {
    const { firstName, lastName } = nameParts(`${"A".repeat(70)} ${"B".repeat(40)} ${"C".repeat(40)}`);
    expect(firstName).toBe("A".repeat(60));
    expect(lastName).toBe(`${"B".repeat(40)} ${"C".repeat(19)}`);
  });
});
