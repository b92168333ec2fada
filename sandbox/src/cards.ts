// Test card matrix (reference §11.2 + the brief), BIN → brand, Luhn and expiry checks.
// Outcomes are decided here from the number once; afterwards only the CardBehaviour is kept.

export interface Decline {
  code: "DECLINED" | "INSUFFICIENT_FUNDS" | "EXPIRED_CARD" | "INVALID_CARD";
  reason: string;
  message: string;
}

export type CardBehaviour =
  | { kind: "approve" }
  /** Device data, then a challenge; alwaysFail cards fail even with the right code. */
  | { kind: "challenge"; alwaysFail: boolean }
  /** Device data, then payer-authentication answers the final result without a challenge. */
  | { kind: "frictionless"; success: boolean }
  | { kind: "decline"; decline: Decline }
  /** The processor fails (500) on every attempt; nothing is persisted. */
  | { kind: "processor-error" };

export type Brand = "VISA" | "MASTERCARD" | "AMEX" | "UNKNOWN";

export const SANDBOX_CHALLENGE_CODE = "1234";

const DECLINES = {
  generic: { code: "DECLINED", reason: "generic_decline", message: "Payment declined by issuing bank" },
  doNotHonor: { code: "DECLINED", reason: "do_not_honor", message: "Payment declined by issuing bank" },
  lostOrStolen: { code: "DECLINED", reason: "lost_or_stolen", message: "Payment declined by issuing bank" },
  notPermitted: { code: "DECLINED", reason: "not_permitted", message: "Transaction not permitted for this card" },
  limitExceeded: { code: "DECLINED", reason: "limit_exceeded", message: "Card limit exceeded" },
  issuerUnavailable: { code: "DECLINED", reason: "issuer_unavailable", message: "Issuing bank unavailable" },
  insufficientFunds: { code: "INSUFFICIENT_FUNDS", reason: "insufficient_funds", message: "Insufficient funds" },
  expired: { code: "EXPIRED_CARD", reason: "expired_card", message: "The card has expired" },
  invalid: { code: "INVALID_CARD", reason: "invalid_card", message: "Invalid card" },
} as const satisfies Record<string, Decline>;

export const EXPIRED_DECLINE: Decline = DECLINES.expired;
export const INVALID_CARD_DECLINE: Decline = DECLINES.invalid;

export interface TestCard {
  number: string;
  outcome: string;
  behaviour: CardBehaviour;
}

const challenge = (alwaysFail: boolean): CardBehaviour => ({ kind: "challenge", alwaysFail });
const frictionless = (success: boolean): CardBehaviour => ({ kind: "frictionless", success });
const decline = (d: Decline): CardBehaviour => ({ kind: "decline", decline: d });
const APPROVE: CardBehaviour = { kind: "approve" };

export const TEST_CARDS: readonly TestCard[] = [
  { number: "4111111111111111", outcome: "approved, no 3-D Secure", behaviour: APPROVE },
  { number: "5555555555554444", outcome: "approved, no 3-D Secure", behaviour: APPROVE },
  { number: "378282246310005", outcome: "approved, no 3-D Secure (AMEX, 4-digit CVC)", behaviour: APPROVE },
  { number: "4000000000002313", outcome: "approved, 3-D Secure unavailable", behaviour: APPROVE },
  { number: "4000000000002503", outcome: "3-D Secure challenge; code 1234 succeeds", behaviour: challenge(false) },
  { number: "5200000000002151", outcome: "3-D Secure challenge; code 1234 succeeds", behaviour: challenge(false) },
  { number: "4000000000002701", outcome: "3-D Secure frictionless success", behaviour: frictionless(true) },
  { number: "5200000000002235", outcome: "3-D Secure frictionless success", behaviour: frictionless(true) },
  { number: "4000000000002719", outcome: "3-D Secure frictionless (attempted) success", behaviour: frictionless(true) },
  { number: "5200000000002482", outcome: "3-D Secure frictionless (attempted) success", behaviour: frictionless(true) },
  { number: "4000000000002537", outcome: "3-D Secure frictionless rejected", behaviour: frictionless(false) },
  { number: "5200000000002185", outcome: "3-D Secure frictionless rejected", behaviour: frictionless(false) },
  { number: "4000000000002925", outcome: "3-D Secure frictionless not authenticated", behaviour: frictionless(false) },
  { number: "4000000000002370", outcome: "3-D Secure challenge that always fails", behaviour: challenge(true) },
  { number: "5200000000002490", outcome: "3-D Secure challenge that always fails", behaviour: challenge(true) },
  { number: "4000000000000002", outcome: "422 DECLINED (generic_decline)", behaviour: decline(DECLINES.generic) },
  { number: "4000000000009995", outcome: "422 INSUFFICIENT_FUNDS", behaviour: decline(DECLINES.insufficientFunds) },
  { number: "4000000000000069", outcome: "422 EXPIRED_CARD", behaviour: decline(DECLINES.expired) },
  { number: "4000000000000127", outcome: "422 INVALID_CARD", behaviour: decline(DECLINES.invalid) },
  { number: "4000000000000119", outcome: "500 INTERNAL_ERROR, nothing persisted", behaviour: { kind: "processor-error" } },
];

const BY_NUMBER = new Map(TEST_CARDS.map((card) => [card.number, card.behaviour]));

export function luhnValid(number: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = number.length - 1; i >= 0; i--) {
    let digit = number.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

export function brandOf(number: string): Brand {
  if (number.startsWith("4")) return "VISA";
  if (number.startsWith("34") || number.startsWith("37")) return "AMEX";
  const two = Number(number.slice(0, 2));
  if (two >= 51 && two <= 55) return "MASTERCARD";
  const four = Number(number.slice(0, 4));
  if (four >= 2221 && four <= 2720) return "MASTERCARD";
  return "UNKNOWN";
}

const ISSUER_BY_BRAND: Record<Brand, string> = {
  VISA: "BANCO SANDBOX VISA",
  MASTERCARD: "BANCO SANDBOX MASTERCARD",
  AMEX: "AMERICAN EXPRESS SANDBOX",
  UNKNOWN: "BANCO SANDBOX",
};

export function issuerBankFor(brand: Brand): string {
  return ISSUER_BY_BRAND[brand];
}

/** Outcome of a syntactically valid number: a listed test card, a Luhn failure, or approve. */
export function behaviourOf(number: string): CardBehaviour {
  const listed = BY_NUMBER.get(number);
  if (listed) return listed;
  if (!luhnValid(number)) return decline(DECLINES.invalid);
  return APPROVE;
}

/** Amount trigger 9000xx: decline with ISO 8583 response code xx (reference §11.2). */
export function amountTrigger(amount: number): Decline | null {
  if (amount < 900000 || amount > 900099) return null;
  switch (amount - 900000) {
    case 5:
      return DECLINES.doNotHonor;
    case 14:
      return DECLINES.invalid;
    case 33:
    case 54:
      return DECLINES.expired;
    case 41:
    case 43:
      return DECLINES.lostOrStolen;
    case 51:
      return DECLINES.insufficientFunds;
    case 57:
    case 62:
      return DECLINES.notPermitted;
    case 61:
    case 65:
      return DECLINES.limitExceeded;
    case 91:
    case 96:
      return DECLINES.issuerUnavailable;
    default:
      return DECLINES.generic;
  }
}

/** "30" → "2030"; four digits pass through. */
export function fullYear(year: string): string {
  return year.length === 2 ? `20${year}` : year;
}

/** A card is valid through the last day of its expiry month (UTC). */
export function isExpired(month: string, year4: string, now: Date): boolean {
  const y = Number(year4);
  const m = Number(month);
  const nowY = now.getUTCFullYear();
  const nowM = now.getUTCMonth() + 1;
  return y < nowY || (y === nowY && m < nowM);
}

export function needsThreeDs(behaviour: CardBehaviour): boolean {
  return behaviour.kind === "challenge" || behaviour.kind === "frictionless";
}
