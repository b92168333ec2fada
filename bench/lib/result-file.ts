// The name of a run's results file: `<date>.json` (quick runs `<date>-quick.json`), and `-2`, `-3`, … for a
// later run of the same day, so that a second run never overwrites a committed first one.

export function resultFileName(date: string, quick: boolean, existing: readonly string[]): string {
  const base = quick ? `${date}-quick` : date;
  const taken = new Set(existing);
  if (!taken.has(`${base}.json`)) return `${base}.json`;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}.json`)) return `${base}-${n}.json`;
}
