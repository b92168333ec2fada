// An amount typed by staff in pesos ("123.45", "1,234.5", "$80") read as integer centavos, without floating
// point, and centavos written back the way the field expects them ("123.45"). Pure.

export type PesosInputError = "required" | "invalid" | "tooManyDecimals" | "negative" | "zero" | "tooLarge";

export type PesosInputResult = { ok: true; centavos: number } | { ok: false; error: PesosInputError };

/** The largest amount the field accepts: one hundred million pesos (as the admin API). */
export const MAX_INPUT_CENTAVOS = 100_000_000_00;

const PLAIN = /^(\d+)(?:\.(\d*))?$/;
const GROUPED = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d*))?$/;

export function parsePesosToCentavos(input: unknown): PesosInputResult {
  if (typeof input !== "string") return { ok: false, error: input === undefined || input === null ? "required" : "invalid" };
  // "$", "MX$", "MXN" and spaces around the number are what people paste; nothing else is dropped.
  let text = input.trim().replace(/^MX\$|^\$/i, "").replace(/\s*MXN$/i, "").trim();
  if (text === "") return { ok: false, error: "required" };
  let negative = false;
  if (text.startsWith("-") || text.startsWith("−")) {
    negative = true;
    text = text.slice(1).trim().replace(/^MX\$|^\$/i, "");
  }
  const match = PLAIN.exec(text) ?? GROUPED.exec(text);
  if (!match) return { ok: false, error: "invalid" };
  const whole = match[1]!.replaceAll(",", "");
  const fraction = match[2] ?? "";
  if (fraction.length > 2) return { ok: false, error: "tooManyDecimals" };
  if (negative) return { ok: false, error: "negative" };
  if (whole.replace(/^0+/, "").length > 12) return { ok: false, error: "tooLarge" };
  const centavos = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  if (centavos === 0) return { ok: false, error: "zero" };
  if (centavos > MAX_INPUT_CENTAVOS) return { ok: false, error: "tooLarge" };
  return { ok: true, centavos };
}

/** Centavos as the amount field's value: "123.45", "80.00" (no grouping, no symbol). */
export function centavosToPesosInput(centavos: number): string {
  if (!Number.isSafeInteger(centavos) || centavos < 0) throw new RangeError(`Not a whole, non-negative number of centavos: ${centavos}`);
  return `${Math.floor(centavos / 100)}.${String(centavos % 100).padStart(2, "0")}`;
}
