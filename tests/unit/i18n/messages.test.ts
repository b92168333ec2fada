import { describe, expect, it } from "vitest";
import { loadMessages, NAMESPACES } from "@/i18n/messages";

describe("loadMessages", () => {
  it("gives every namespace of the locale", async () => {
    const messages = await loadMessages("es-MX");
    expect(Object.keys(messages)).toEqual([...NAMESPACES]);
    expect(messages.checkout).toEqual(expect.objectContaining({ declines: expect.any(Object) }));
  });

  it("reads a locale once per process: later requests get the same messages", async () => {
    const first = loadMessages("en");
    expect(loadMessages("en")).toBe(first);
    expect(await loadMessages("en")).toBe(await first);
    expect(await loadMessages("es-MX")).not.toBe(await first);
  });
});
