// Card checks shared by the browser (as the shopper types) and the server: brand and Luhn from
// card-validator, expiry, CVC length. Pure; no card data leaves these functions.
// Only card-validator's number check: its index (CommonJS, so not tree-shaken) would bring every other
// validator into the checkout's client bundle too.
import { cardNumber as checkCardNumber } from "card-validator/dist/card-number";

export type SupportedBrand = "visa" | "mastercard" | "amex";

const BRANDS: Record<string, SupportedBrand> = { visa: "visa", mastercard: "mastercard", "american-express": "amex" };

export const digitsOnly = (value: string) => value.replace(/\D/g, "");

/** The brand as soon as the first digits tell it, or null. */
export function detectBrand(cardNumber: string): SupportedBrand | null {
  const type = checkCardNumber(digitsOnly(cardNumber)).card?.type;
  return type ? (BRANDS[type] ?? null) : null;
}

/** Groups of four, or 4-6-5 for American Express, as printed on the card. */
export function formatCardNumber(cardNumber: string): string {
  const digits = digitsOnly(cardNumber).slice(0, 19);
  const groups = detectBrand(digits) === "amex" ? [4, 6, 5] : [4, 4, 4, 4, 3];
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    if (at >= digits.length) break;
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return parts.join(" ");
}

export type CardNumberProblem = "required" | "unsupported" | "invalid";

export function cardNumberProblem(cardNumber: string): CardNumberProblem | null {
  const digits = digitsOnly(cardNumber);
  if (digits.length === 0) return "required";
  const check = checkCardNumber(digits);
  if (check.card && !BRANDS[check.card.type]) return "unsupported";
  return check.isValid && detectBrand(digits) ? null : "invalid";
}

export type Expiry = { month: number; year: number };

/** "MM/YY" (or "MM / YY") to month and four-digit year. */
export function parseExpiry(value: string): Expiry | null {
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{2})\s*$/.exec(value);
  if (!match) return null;
  const month = Number(match[1]);
  if (month < 1 || month > 12) return null;
  return { month, year: 2000 + Number(match[2]) };
}

/** A card is valid through the last day of its expiry month. */
export function isExpired({ month, year }: Expiry, now: Date = new Date()): boolean {
  return year < now.getFullYear() || (year === now.getFullYear() && month < now.getMonth() + 1);
}

export function cvcLength(brand: SupportedBrand | null): number {
  return brand === "amex" ? 4 : 3;
}
