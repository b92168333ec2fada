// How a saved card is named to the shopper: "Visa ending in 1111", expiry "12/28". Pure.
const BRAND_NAMES: Record<string, string> = { visa: "Visa", mastercard: "Mastercard", amex: "American Express" };

export function brandName(brand: string, fallback = "Card"): string {
  return BRAND_NAMES[brand] ?? fallback;
}

export function expiryText(card: { expiryMonth: number; expiryYear: number }): { month: string; year: string } {
  return { month: String(card.expiryMonth).padStart(2, "0"), year: String(card.expiryYear % 100).padStart(2, "0") };
}
