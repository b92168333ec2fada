// The sandbox's domain model (in memory, per merchant). Wire shapes live in serializers.ts.
import type { CardBehaviour } from "./cards.js";

export type OrderStatus =
  | "PENDING"
  | "PAYER_AUTHENTICATION_DEVICE_DATA_REQUIRED"
  | "PAYER_AUTHENTICATION_CHALLENGE_REQUIRED"
  | "AUTHORIZED"
  | "COMPLETED"
  | "FAILED"
  | "CANCELLED"
  | "PARTIALLY_REFUNDED"
  | "REFUNDED";

export type PaymentStatus = "PENDING_CAPTURE" | "CAPTURED" | "FAILED" | "REFUNDED";

/** What the sandbox keeps of a card: never the full number or the CVC. */
export interface CardSnapshot {
  id: string;
  bin: string;
  last4: string;
  brand: string;
  type: string;
  country: string;
  issuerBank: string;
  expiryMonth: string;
  /** Four digits internally; the wire shows two. */
  expiryYear: string;
  behaviour: CardBehaviour;
  /** Keyed hash of the number, to recognise a card saved twice without keeping the number. */
  fingerprint: string;
}

export interface Customer {
  id: string;
  externalId: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phoneNumber: string | null;
  active: boolean;
  notificationOptions: { notifyEmail?: boolean; notifyPhone?: boolean } | null;
  createdAt: string;
  updatedAt: string;
}

export interface SavedMethod {
  id: string;
  customerId: string;
  card: CardSnapshot;
  createdAt: string;
}

export interface Payment {
  id: string;
  status: PaymentStatus;
  amount: number;
  refundedAmount: number;
  paymentMethodId: string;
  declineReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Refund {
  id: string;
  amount: number;
  status: "COMPLETED";
  reason: string | null;
  createdAt: string;
}

export interface BillingAddress {
  address: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
}

export type ThreeDsStage = "device-data" | "challenge";

export interface ThreeDsState {
  stage: ThreeDsStage;
  /** payerAuthentication.id of the current stage (the challenge one is the TransactionId). */
  payerAuthenticationId: string;
  jwt: string;
  /** Start of the current stage; the TTL counts from here. */
  startedAt: number;
  sessionIds: Set<string>;
  returnUrl: string | null;
  challengeOutcome: "success" | "failure" | null;
}

export interface Order {
  id: string;
  merchantId: string;
  externalId: string;
  orderNumber: string;
  amount: number;
  currency: string;
  status: OrderStatus;
  description: string | null;
  refundedAmount: number;
  createdAt: string;
  updatedAt: string;
  createdAtMs: number;
  customerId: string;
  card: CardSnapshot;
  /** The vaulted method (persisted or reused), else null. */
  savedMethodId: string | null;
  /** Vault the card once the payment succeeds (persist: true). */
  persistOnSuccess: boolean;
  billing: BillingAddress | null;
  payments: Payment[];
  refunds: Refund[];
  threeDs: ThreeDsState | null;
}

export interface Merchant {
  id: string;
  apiKey: string;
  webhookSecrets: string[];
  /** The secrets the merchant was configured with; POST /_sandbox/webhooks without a secret restores them. */
  configuredWebhookSecrets: string[];
  webhookUrl: string | null;
  orders: Map<string, Order>;
  ordersByExternalId: Map<string, Order>;
  /** Creation order, oldest first; lists walk it backwards for "newest first". */
  orderList: Order[];
  customers: Map<string, Customer>;
  customersByExternalId: Map<string, Customer>;
  customerList: Customer[];
  savedMethods: Map<string, SavedMethod>;
}
