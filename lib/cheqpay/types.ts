// The app's view of Cheqpay. Amounts are integer centavos (minor units) with the currency beside them,
// whatever unit the wire uses; statuses are our own enum (./status.ts maps Cheqpay's).

export type CheqpayPaymentStatus =
  | "processing" // not final yet, or a status we do not know: look again later
  | "requires_device_data"
  | "requires_challenge"
  | "authorized"
  | "succeeded"
  | "failed"
  | "cancelled"
  | "partially_refunded"
  | "refunded";

export type CardBrand = "visa" | "mastercard" | "amex" | "other";

export type CardSummary = {
  brand: CardBrand;
  last4: string;
  expiryMonth: number | null;
  /** Four digits. */
  expiryYear: number | null;
};

export type PayerAuthentication = { id: string; url: string; jwt: string };

export type PaymentOrder = {
  id: string;
  externalId: string | null;
  orderNumber: string | null;
  status: CheqpayPaymentStatus;
  /** Cheqpay's own status, kept for timelines and logs. */
  cheqpayStatus: string;
  amount: number;
  currency: string;
  refundedAmount: number;
  card: CardSummary | null;
  /** The vaulted method, present when the card was saved (`persist`) or reused. */
  paymentMethodId: string | null;
  customerId: string | null;
  payerAuthentication: PayerAuthentication | null;
  declineReason: string | null;
  createdAt: string | null;
};

export type DeviceInformation = {
  ipAddress?: string;
  userAgent?: string;
  acceptHeader?: string;
  language?: string;
  javaEnabled?: boolean;
  javaScriptEnabled?: boolean;
  colorDepth?: number;
  screenHeight?: number;
  screenWidth?: number;
  /** `Date.prototype.getTimezoneOffset()`: minutes, positive west of UTC. */
  timeZoneOffsetMinutes?: number;
};

export type CustomerInput = {
  /** Cheqpay's id of an existing customer. */
  id?: string;
  /** Our id for the customer (the account's user id). */
  externalId?: string;
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
};

export type BillingAddress = {
  line1: string;
  city: string;
  state: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
};

/** Card data lives only in memory, for the length of one call. */
export type PaymentSource =
  | { kind: "new-card"; number: string; expiryMonth: number; expiryYear: number; cvc: string; save: boolean }
  | { kind: "saved-card"; paymentMethodId: string; cvc: string };

export type CreatePaymentOrderInput = {
  externalId: string;
  amount: number;
  currency: string;
  description?: string;
  customer: CustomerInput;
  source: PaymentSource;
  billingAddress?: BillingAddress;
  device?: DeviceInformation;
};

export type InitiatePayerAuthenticationInput = {
  paymentOrderId: string;
  collectionReferenceId: string;
  returnUrl: string;
  device: DeviceInformation;
};

export type RefundStatus = "pending" | "succeeded" | "failed";

export type Refund = {
  id: string;
  amount: number;
  status: RefundStatus;
  reason: string | null;
  createdAt: string | null;
};

export type RefundResult = {
  refund: Refund;
  order: { id: string; status: CheqpayPaymentStatus; amount: number; refundedAmount: number; netAmount: number };
};

export type SavedPaymentMethod = { id: string; card: CardSummary | null; createdAt: string | null };

export type Customer = {
  id: string;
  externalId: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  paymentMethods: SavedPaymentMethod[];
};

export type Page<T> = { data: T[]; total: number; limit: number; offset: number };

export type ListPaymentOrdersQuery = {
  limit?: number;
  offset?: number;
  status?: string;
  customerId?: string;
  externalId?: string;
  startDate?: Date;
  endDate?: Date;
};
