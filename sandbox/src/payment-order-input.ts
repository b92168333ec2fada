// Parses a create-order body (all accepted shapes: cardDetails / options.card, YY / YYYY years,
// saved-card aliases of §5) into one normalised input. Pure: no store access.
import { brandOf, fullYear } from "./cards.js";
import type { BillingAddress } from "./types.js";
import {
  EMAIL_PATTERN,
  FieldErrors,
  isObject,
  readBoolean,
  readPositiveInteger,
  readString,
  requireObjectBody,
} from "./validation.js";

export interface CustomerInput {
  id?: string;
  externalId?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phoneNumber?: string;
}

export interface NewCardInput {
  kind: "card";
  number: string;
  expiryMonth: string;
  /** Four digits. */
  expiryYear: string;
  persist: boolean;
}

export interface SavedCardInput {
  kind: "saved";
  paymentMethodId: string;
}

export interface CreateOrderInput {
  externalId: string;
  amount: number;
  currency: string;
  description: string | null;
  customer: CustomerInput;
  method: NewCardInput | SavedCardInput;
  billing: BillingAddress | null;
}

const OFFLINE_TYPES = new Set(["spei", "paycash", "cie_cash_net"]);

function readCustomer(body: Record<string, unknown>, errors: FieldErrors): CustomerInput {
  const raw = body.customer;
  if (!isObject(raw)) {
    errors.add("customer", raw === undefined || raw === null ? "is required" : "must be an object");
    return {};
  }
  return {
    id: readString(raw, "id", "customer.id", errors),
    externalId: readString(raw, "externalId", "customer.externalId", errors),
    firstName: readString(raw, "firstName", "customer.firstName", errors),
    lastName: readString(raw, "lastName", "customer.lastName", errors),
    email: readString(raw, "email", "customer.email", errors, { pattern: EMAIL_PATTERN, patternMessage: "must be an email address" }),
    phoneNumber: readString(raw, "phoneNumber", "customer.phoneNumber", errors, { max: 32 }),
  };
}

/** Accepts strings or numbers for month/year (the docs show strings; clients sometimes send numbers). */
function digitsOf(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return String(value);
  if (typeof value === "string" && /^\d+$/.test(value)) return value;
  return undefined;
}

function readNewCard(card: Record<string, unknown>, prefix: string, persist: boolean, errors: FieldErrors): NewCardInput | null {
  let ok = true;
  const number = card.number;
  if (typeof number !== "string" || !/^\d{12,19}$/.test(number)) {
    errors.add(`${prefix}.number`, "must be a string of 12 to 19 digits");
    ok = false;
  }
  const month = digitsOf(card.expiryMonth);
  const monthNum = month === undefined ? NaN : Number(month);
  if (month === undefined || month.length > 2 || !(monthNum >= 1 && monthNum <= 12)) {
    errors.add(`${prefix}.expiryMonth`, "must be a month 01-12");
    ok = false;
  }
  const year = digitsOf(card.expiryYear);
  if (year === undefined || (year.length !== 2 && year.length !== 4)) {
    errors.add(`${prefix}.expiryYear`, "must be a 2-digit (YY) or 4-digit (YYYY) year");
    ok = false;
  }
  const cvcDigits = typeof number === "string" && brandOf(number) === "AMEX" ? 4 : 3;
  const cvc = card.cvc;
  if (typeof cvc !== "string" || cvc.length !== cvcDigits || !/^\d+$/.test(cvc)) {
    errors.add(`${prefix}.cvc`, `must be ${cvcDigits} digits`);
    ok = false;
  }
  if (!ok || typeof number !== "string" || month === undefined || year === undefined) return null;
  return { kind: "card", number, expiryMonth: month.padStart(2, "0"), expiryYear: fullYear(year), persist };
}

function checkSavedCvc(cvc: unknown, field: string, errors: FieldErrors): void {
  if (cvc === undefined || cvc === null) return;
  if (typeof cvc !== "string" || !/^\d{3,4}$/.test(cvc)) errors.add(field, "must be 3 or 4 digits");
}

function readMethod(body: Record<string, unknown>, errors: FieldErrors): NewCardInput | SavedCardInput | null {
  const pm = body.paymentMethod;
  const topLevelId = readString(body, "paymentMethodId", "paymentMethodId", errors);
  if (!isObject(pm)) {
    if (topLevelId !== undefined && (pm === undefined || pm === null)) return { kind: "saved", paymentMethodId: topLevelId };
    errors.add("paymentMethod", pm === undefined || pm === null ? "is required" : "must be an object");
    return null;
  }
  const type = pm.type;
  const persist = readBoolean(pm, "persist", "paymentMethod.persist", errors) ?? false;
  if (type === "payment_method_id") {
    const id = readString(pm, "paymentMethodId", "paymentMethod.paymentMethodId", errors, { required: true });
    checkSavedCvc(pm.cvc, "paymentMethod.cvc", errors);
    return id === undefined ? null : { kind: "saved", paymentMethodId: id };
  }
  if (typeof type === "string" && OFFLINE_TYPES.has(type)) {
    errors.add("paymentMethod.type", `"${type}" is not emulated by the sandbox (cards only)`);
    return null;
  }
  if (type !== "card" && type !== undefined) {
    errors.add("paymentMethod.type", 'must be "card" or "payment_method_id"');
    return null;
  }
  const options = isObject(pm.options) ? pm.options : undefined;
  if (isObject(pm.cardDetails)) return readNewCard(pm.cardDetails, "paymentMethod.cardDetails", persist, errors);
  if (options && isObject(options.card)) return readNewCard(options.card, "paymentMethod.options.card", persist, errors);
  // Saved-card aliases (§5): {type: "card", paymentMethodId}, paymentMethod.id, top-level paymentMethodId.
  const aliasId =
    readString(pm, "paymentMethodId", "paymentMethod.paymentMethodId", errors) ??
    readString(pm, "id", "paymentMethod.id", errors) ??
    topLevelId;
  if (aliasId !== undefined) {
    checkSavedCvc(pm.cvc, "paymentMethod.cvc", errors);
    return { kind: "saved", paymentMethodId: aliasId };
  }
  if (type === undefined) errors.add("paymentMethod.type", "is required");
  errors.add("paymentMethod.cardDetails", "is required (card number, expiryMonth, expiryYear, cvc)");
  return null;
}

function readBilling(body: Record<string, unknown>, required: boolean, errors: FieldErrors): BillingAddress | null {
  const raw = body.billingAddress;
  if (raw === undefined || raw === null) {
    if (required) errors.add("billingAddress", "is required for card payments");
    return null;
  }
  if (!isObject(raw)) {
    errors.add("billingAddress", "must be an object");
    return null;
  }
  const field = (key: string, max = 255) => readString(raw, key, `billingAddress.${key}`, errors, { required: true, max });
  const address = field("address");
  const city = field("city");
  const state = field("state");
  const postalCode = field("postalCode", 20);
  const country = readString(raw, "country", "billingAddress.country", errors, {
    required: true,
    pattern: /^[A-Za-z]{2}$/,
    patternMessage: "must be an ISO 3166-1 alpha-2 code (e.g. MX)",
  });
  if (!address || !city || !state || !postalCode || !country) return null;
  return { address, city, state, postalCode, country: country.toUpperCase() };
}

export function parseCreateOrder(rawBody: unknown): CreateOrderInput {
  const body = requireObjectBody(rawBody);
  const errors = new FieldErrors();
  const externalId = readString(body, "externalId", "externalId", errors, { required: true, max: 255 });
  const amount = readPositiveInteger(body, "amount", "amount", errors, true);
  const currency = readString(body, "currency", "currency", errors, {
    required: true,
    pattern: /^[A-Za-z]{3}$/,
    patternMessage: "must be a 3-letter ISO 4217 code",
  });
  const description = readString(body, "description", "description", errors, { max: 1000 });
  const customer = readCustomer(body, errors);
  // Without an id or externalId this can only be a new customer: report its required fields now.
  if (isObject(body.customer) && customer.id === undefined && customer.externalId === undefined) {
    if (customer.firstName === undefined && body.customer.firstName === undefined) errors.add("customer.firstName", "is required when creating a customer");
    if (customer.email === undefined && body.customer.email === undefined) errors.add("customer.email", "is required when creating a customer");
  }
  const method = readMethod(body, errors);
  // A new card needs the address; a saved card's may be omitted.
  const wasSaved = method?.kind === "saved" || (method === null && body.paymentMethodId !== undefined);
  const billing = readBilling(body, !wasSaved, errors);
  const device = body.deviceInformation;
  if (device !== undefined && device !== null && !isObject(device)) errors.add("deviceInformation", "must be an object");
  errors.throwIfAny();
  if (externalId === undefined || amount === undefined || currency === undefined || method === null) {
    throw new Error("unreachable: validated fields missing");
  }
  return {
    externalId,
    amount,
    currency: currency.toUpperCase(),
    description: description ?? null,
    customer,
    method,
    billing,
  };
}
