import { describe, expect, it } from "vitest";
import { actionBodyProblem } from "@/lib/http/action-body";

const TEXT = "text/plain;charset=UTF-8";

describe("a Server Action body Next can decode", () => {
  it("accepts JSON arguments as React encodes them: escaped dollars, undefined, dates, big integers", () => {
    expect(actionBodyProblem(TEXT, "[]")).toBeNull();
    expect(actionBodyProblem(TEXT, '[{"email":"ana@example.com","phone":"$undefined","note":"$$5"}]')).toBeNull();
    expect(actionBodyProblem(TEXT, '["$D2026-11-26T00:00:00.000Z","$n42","$NaN","$-0","$Infinity"]')).toBeNull();
  });

  it("refuses text that is not JSON", () => {
    expect(actionBodyProblem(TEXT, "garbage")).toBe("not JSON");
    expect(actionBodyProblem(TEXT, "[")).toBe("not JSON");
  });

  it("refuses JSON that points at parts a JSON body cannot have", () => {
    for (const reference of ['"$Q1"', '["$@2"]', '[{"a":{"b":"$1"}}]', '["$F0"]', '["$K3"]']) {
      expect(actionBodyProblem(TEXT, reference)).toBe("a reference to a part the body does not have");
    }
  });

  it("accepts well-formed multipart form data and refuses broken multipart", () => {
    const type = "multipart/form-data; boundary=----x";
    const body = '------x\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"]\r\n------x--\r\n';
    expect(actionBodyProblem(type, body)).toBeNull();
    expect(actionBodyProblem('multipart/form-data; boundary="----x"', body)).toBeNull();
    expect(actionBodyProblem(type, "garbage")).toBe("malformed multipart");
    expect(actionBodyProblem("multipart/form-data", body)).toBe("multipart without a boundary");
  });

  it("refuses an encoding React never sends", () => {
    expect(actionBodyProblem("application/x-www-form-urlencoded", "a=1")).toBe("an encoding React never sends");
    expect(actionBodyProblem(null, "[]")).toBe("an encoding React never sends");
  });
});
