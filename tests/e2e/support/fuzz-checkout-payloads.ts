// Payloads for the payment Server Actions (payWithCard, continueAuthentication, abandonAuthentication). Every
// payWithCard form gets, after its hostile mutations, one change the shared schema always refuses (so a form
// whose hostile text happens to be valid cannot pay), unless it deliberately carries another shopper's
// submission key or saved card: those must be refused by the service without a write.
import { checkoutFields } from "../../support/system-shopper";
import { type Random, HOSTILE_NUMBERS, hostileString, hugeString, pollutingObject, wrongType } from "./fuzz-values";

export type OtherShoppers = {
  /** Submission keys of other shoppers' attempts (a paid one first). */
  submissionKeys: string[];
  /** Saved cards (Cheqpay payment method ids) of another account. */
  paymentMethodIds: string[];
  attemptIds: string[];
  orderIds: string[];
  userIds: string[];
};

export type ActionPayload = {
  label: string;
  args: unknown[];
  /** Signed in as an account that owns none of the other shoppers' things. */
  signedIn: boolean;
  /** What the action may answer: `invalid`, or a `problem` with one of these codes. */
  expect: { invalid: boolean; problems: string[] };
};

type Form = Record<string, unknown> & { browser: Record<string, unknown> };

const REQUIRED = ["email", "firstName", "lastName", "address", "city", "state", "postalCode", "country", "cardNumber", "expiry", "cvc", "submissionKey", "browser"];
const TEXT_FIELDS = ["email", "firstName", "lastName", "phone", "address", "city", "state", "postalCode", "country", "cardNumber", "expiry", "cvc", "paymentMethodId", "submissionKey"];
const BROWSER_FIELDS = ["screenWidth", "screenHeight", "colorDepth", "timeZoneOffset", "javaEnabled", "javaScriptEnabled", "language"];
const EXTRA_FIELDS = ["amount", "totalCentavos", "amountCentavos", "orderId", "userId", "status", "cartId", "isAdmin", "currency"];

/** Each of these alone makes a form invalid whatever else it holds (a saved card or a new one; the country is
 *  only ever mutated to invalid values, so it stays Mexico or is invalid itself). */
const INVALIDATORS: [string, (form: Form) => void][] = [
  ["cvc of letters", (f) => (f.cvc = "12a")],
  ["postal code not Mexican", (f) => (f.postalCode = "ABCDE")],
  ["short submission key", (f) => (f.submissionKey = "short")],
  ["state not Mexican", (f) => (f.state = "XX")],
  ["email without domain", (f) => (f.email = "ana@")],
];

const describe = (value: unknown) => {
  if (typeof value === "string") return value.length > 40 ? `string of ${value.length} chars` : JSON.stringify(value);
  if (typeof value === "number") return String(value);
  return Object.prototype.toString.call(value);
};

function mutate(random: Random, form: Form, other: OtherShoppers): string {
  switch (random.int(0, 7)) {
    case 0: {
      const field = random.pick([...TEXT_FIELDS, "saveCard", "browser"]);
      const value = wrongType(random);
      form[field] = value;
      return `${field} = ${describe(value)}`;
    }
    case 1: {
      const field = random.pick(REQUIRED);
      delete form[field];
      return `no ${field}`;
    }
    case 2: {
      const field = random.pick(TEXT_FIELDS);
      form[field] = hugeString(random);
      return `${field} of ${(form[field] as string).length} chars`;
    }
    case 3: {
      const field = random.pick(TEXT_FIELDS);
      form[field] = hostileString(random);
      return `${field} = ${describe(form[field])}`;
    }
    case 4: {
      // An earlier mutation may have taken the browser object away: this one works on a fresh one.
      if (typeof form.browser !== "object" || form.browser === null || Array.isArray(form.browser)) form.browser = validBrowser();
      const field = random.pick(BROWSER_FIELDS);
      const value = random.chance(0.6) ? random.pick(HOSTILE_NUMBERS) : random.chance(0.5) ? wrongType(random) : undefined;
      if (value === undefined) delete form.browser[field];
      else form.browser[field] = value;
      return `browser.${field} = ${value === undefined ? "missing" : describe(value)}`;
    }
    case 5: {
      const field = random.pick(EXTRA_FIELDS);
      form[field] = random.pick([random.pick(HOSTILE_NUMBERS), random.pick(other.orderIds), random.pick(other.userIds), hostileString(random), 1]);
      return `extra ${field}`;
    }
    case 6: {
      Object.assign(form, pollutingObject(random));
      return "prototype keys";
    }
    default: {
      form.paymentMethodId = random.pick(other.paymentMethodIds);
      return "another account's saved card";
    }
  }
}

export function payWithCardPayload(random: Random, other: OtherShoppers): ActionPayload {
  const signedIn = random.chance(0.3);
  const form = checkoutFields({ email: `fuzz-${random.hex(8)}@example.com`, submissionKey: `key_${random.hex(32)}` }) as Form;
  // Another shopper's ids in an otherwise valid form: refused by the service, before anything is written.
  if (random.chance(0.1)) {
    if (random.chance(0.5)) {
      form.submissionKey = random.pick(other.submissionKeys);
      return { label: "valid form with another shopper's submission key", args: [form], signedIn, expect: { invalid: false, problems: ["session-expired"] } };
    }
    form.paymentMethodId = random.pick(other.paymentMethodIds);
    form.cardNumber = "";
    form.expiry = "";
    return { label: "valid form paying with another account's saved card", args: [form], signedIn, expect: { invalid: false, problems: ["saved-card-unavailable"] } };
  }
  // The whole argument is not a form at all.
  if (random.chance(0.06)) {
    const value = random.pick<() => unknown>([() => null, () => 42, () => "pay", () => [], () => hugeString(random), () => [form], () => pollutingObject(random)])();
    return { label: `argument ${describe(value)}`, args: random.chance(0.2) ? [] : [value], signedIn, expect: { invalid: true, problems: [] } };
  }
  const labels = Array.from({ length: random.int(1, 3) }, () => mutate(random, form, other));
  const [label, invalidate] = random.pick(INVALIDATORS);
  invalidate(form);
  labels.push(label);
  return { label: labels.join(", "), args: [form], signedIn, expect: { invalid: true, problems: [] } };
}

const validBrowser = () => (checkoutFields() as Form).browser;

/** continueAuthentication / abandonAuthentication: no attempt is the caller's, so each is invalid or session-expired. */
export function authenticationPayload(random: Random, other: OtherShoppers, action: "continue" | "abandon"): ActionPayload {
  const input: Record<string, unknown> = {
    attemptId: random.chance(0.7) ? random.pick(other.attemptIds) : random.uuid(),
    ...(action === "continue" ? { sessionId: random.chance(0.5) ? "0_1a2b3c4d-5e6f" : random.pick(["'OR'1'='1", "<b>x</b>", "%00"]), browser: validBrowser() } : {}),
  };
  let label = "another shopper's or an unknown attempt";
  if (random.chance(0.7)) {
    const field = random.pick(action === "continue" ? ["attemptId", "sessionId", "browser"] : ["attemptId"]);
    const value = random.pick<() => unknown>([
      () => hostileString(random),
      () => wrongType(random),
      () => undefined,
      () => String(input.attemptId).toUpperCase(),
      () => `${String(input.attemptId)}x`,
    ])();
    input[field] = value;
    label = `${field} = ${value === undefined ? "missing" : describe(value)}`;
  }
  if (random.chance(0.1)) Object.assign(input, pollutingObject(random));
  const args = random.chance(0.05) ? [random.pick([null, "x", 1])] : [input];
  return { label, args, signedIn: random.chance(0.3), expect: { invalid: true, problems: ["session-expired"] } };
}
