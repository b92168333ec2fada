// Reference §12.1: the docs disagree on the amount unit. We hold integer centavos everywhere and convert
// only here, so switching the wire to major units is one setting.
export type AmountUnit = "minor" | "major";

export function toWireAmount(centavos: number, unit: AmountUnit): number {
  if (!Number.isSafeInteger(centavos) || centavos < 0) {
    throw new RangeError("An amount must be a non-negative integer number of centavos");
  }
  return unit === "minor" ? centavos : centavos / 100;
}

export function fromWireAmount(wire: number, unit: AmountUnit): number {
  return unit === "minor" ? Math.round(wire) : Math.round(wire * 100);
}

/** Payment-level amounts are decimal strings in major units ("200.99") whatever the order's unit. */
export function fromMajorUnits(major: number): number {
  return Math.round(major * 100);
}
