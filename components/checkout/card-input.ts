// Pure helpers for the card inputs as the shopper types: formatting that keeps the caret where it was,
// the expiry's automatic slash, and what the page measures about the browser for 3-D Secure.
import type { BrowserInfo } from "@/lib/checkout/checkout-form-schema";
import { cvcLength, detectBrand, digitsOnly, formatCardNumber } from "@/lib/checkout/card-rules";

/** A formatted value and where the caret goes in it. */
export type Formatted = { value: string; caret: number };

/** How many digits come before position `caret` of `value`. */
export function digitsBefore(value: string, caret: number): number {
  return digitsOnly(value.slice(0, Math.max(0, caret))).length;
}

/** The position just after the `count`-th digit of `value` (0 → start; more digits than there are → end). */
export function caretAfterDigits(value: string, count: number): number {
  if (count <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < value.length; i++) {
    if (/\d/.test(value[i]!)) seen++;
    if (seen === count) return i + 1;
  }
  return value.length;
}

/** The most digits a number of this brand may have (American Express 15, others up to 19). */
export function maxCardDigits(cardNumber: string): number {
  return detectBrand(cardNumber) === "amex" ? 15 : 19;
}

/** The card number as typed → grouped 4-4-4-4 (or 4-6-5 for American Express), caret kept after the same digit. */
export function formatCardNumberInput(raw: string, caret: number = raw.length): Formatted {
  const digits = digitsOnly(raw);
  const kept = digits.slice(0, maxCardDigits(digits));
  const value = formatCardNumber(kept);
  return { value, caret: caretAfterDigits(value, Math.min(digitsBefore(raw, caret), kept.length)) };
}

/**
 * The expiry as typed → "MM/YY": the slash comes by itself after the month ("1" stays, "12" → "12/",
 * "4" → "04/", "1/" → "01/"), deleting backwards over it does not put it back, and an autofilled
 * "12/2030" becomes "12/30".
 */
export function formatExpiryInput(raw: string, deleting = false): string {
  const withSlash = /^\s*(\d{1,2})\s*[/.-]\s*(\d*)\s*$/.exec(raw);
  if (withSlash) {
    let month = withSlash[1]!;
    const typedYear = withSlash[2]!;
    if (month === "0") return month;
    if (month.length === 1) month = `0${month}`;
    return `${month}/${typedYear.length >= 4 ? typedYear.slice(2, 4) : typedYear.slice(0, 2)}`;
  }
  let digits = digitsOnly(raw);
  // "MMYYYY" (pasted or autofilled) → MM and YY.
  digits = digits.length === 6 && digits.slice(2, 4) === "20" ? digits.slice(0, 2) + digits.slice(4) : digits.slice(0, 4);
  // A first digit 2-9 can only be a one-digit month.
  if (digits.length === 1 && /[2-9]/.test(digits) && !deleting) digits = `0${digits}`;
  if (digits.length < 2) return digits;
  if (digits.length === 2) return deleting ? digits : `${digits}/`;
  return `${digits.slice(0, 2)}/${digits.slice(2)}`;
}

/** The CVC as typed: digits only, no more than the brand's length. */
export function formatCvcInput(raw: string, cardNumber: string): string {
  return digitsOnly(raw).slice(0, cvcLength(detectBrand(cardNumber)));
}

type BrowserEnvironment = {
  screen: { width: number; height: number; colorDepth: number };
  navigator: { language?: string; javaEnabled?: () => boolean };
  now: Date;
};

const clampInt = (value: number, min: number, max: number) =>
  Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : 0;

/** The browser's screen, time zone and language, within the ranges the schema accepts. */
export function browserInfoFrom({ screen, navigator, now }: BrowserEnvironment): BrowserInfo {
  let javaEnabled = false;
  try {
    javaEnabled = navigator.javaEnabled?.() ?? false;
  } catch {
    javaEnabled = false;
  }
  return {
    screenWidth: clampInt(screen.width, 0, 100_000),
    screenHeight: clampInt(screen.height, 0, 100_000),
    colorDepth: clampInt(screen.colorDepth, 0, 64),
    timeZoneOffset: clampInt(now.getTimezoneOffset(), -900, 900),
    javaEnabled: javaEnabled === true,
    javaScriptEnabled: true,
    language: (navigator.language ?? "").slice(0, 35),
  };
}

/** In the browser, at submit time. */
export function collectBrowserInfo(): BrowserInfo {
  return browserInfoFrom({ screen: window.screen, navigator: window.navigator, now: new Date() });
}

/** Until the page measures the browser (at submit), values the schema accepts. */
export const PLACEHOLDER_BROWSER_INFO: BrowserInfo = {
  screenWidth: 0,
  screenHeight: 0,
  colorDepth: 0,
  timeZoneOffset: 0,
  javaEnabled: false,
  javaScriptEnabled: true,
  language: "",
};
