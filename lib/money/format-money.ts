// Money is integer minor units (centavos for MXN) with its currency beside it; this is the only place that
// turns it into text. Intl.NumberFormat is costly to build, so one instance per (locale, currency, style).
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, currency: string, display: "symbol" | "narrowSymbol"): Intl.NumberFormat {
  const key = `${locale}|${currency}|${display}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: display });
    formatters.set(key, format);
  }
  return format;
}

function toMajorUnits(minor: number, format: Intl.NumberFormat): number {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`An amount must be an integer number of minor units: ${minor}`);
  // MXN has 2 decimals; reading them from the formatter keeps a 0-decimal currency right too.
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return minor / 10 ** digits;
}

/** The locale's own style: es-MX "$1,249.00", en "MX$1,249.00". */
export function formatMoney(centavos: number, currency: string, locale: string): string {
  const format = formatter(locale, currency, "symbol");
  return format.format(toMajorUnits(centavos, format));
}

/** The same amount in every locale, with the currency code spelled out: "$1,249.00 MXN". */
export function formatMoneyWithCode(centavos: number, currency: string, locale: string): string {
  const format = formatter(locale, currency, "narrowSymbol");
  return `${format.format(toMajorUnits(centavos, format))} ${currency}`;
}
