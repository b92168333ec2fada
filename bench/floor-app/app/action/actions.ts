"use server";
// A trivial Server Action: parse and return.
export async function ping(input: unknown): Promise<{ ok: boolean }> {
  return { ok: typeof input === "object" && input !== null };
}
