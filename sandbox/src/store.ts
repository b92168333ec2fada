// In-memory state, partitioned by merchant: one merchant never sees another's orders, customers
// or saved cards (a foreign id is simply "not found").
import type { Customer, Merchant, Order, SavedMethod } from "./types.js";

export interface MerchantSeed {
  id: string;
  apiKey: string;
  webhookSecrets: string[];
  webhookUrl: string | null;
}

function emptyMerchant(seed: MerchantSeed): Merchant {
  return {
    ...seed,
    webhookSecrets: [...seed.webhookSecrets],
    configuredWebhookSecrets: [...seed.webhookSecrets],
    orders: new Map(),
    ordersByExternalId: new Map(),
    orderList: [],
    customers: new Map(),
    customersByExternalId: new Map(),
    customerList: [],
    savedMethods: new Map(),
  };
}

export class Store {
  private readonly merchants = new Map<string, Merchant>();
  private readonly byApiKey = new Map<string, Merchant>();

  constructor(private readonly initial: MerchantSeed) {
    this.reset();
  }

  /** Back to start-up: only the configured merchant, empty. */
  reset(): void {
    this.merchants.clear();
    this.byApiKey.clear();
    this.addMerchant(this.initial);
  }

  addMerchant(seed: MerchantSeed): Merchant {
    const merchant = emptyMerchant(seed);
    this.merchants.set(merchant.id, merchant);
    this.byApiKey.set(merchant.apiKey, merchant);
    return merchant;
  }

  hasMerchant(id: string): boolean {
    return this.merchants.has(id);
  }

  hasApiKey(apiKey: string): boolean {
    return this.byApiKey.has(apiKey);
  }

  merchantByApiKey(apiKey: string): Merchant | undefined {
    return this.byApiKey.get(apiKey);
  }

  merchantById(id: string): Merchant | undefined {
    return this.merchants.get(id);
  }

  get defaultMerchant(): Merchant {
    const merchant = this.merchants.get(this.initial.id);
    if (!merchant) throw new Error("default merchant missing");
    return merchant;
  }

  allMerchants(): Merchant[] {
    return [...this.merchants.values()];
  }
}

/** `{id}` path segments are the Cheqpay id first, then the merchant's externalId (contract). */
export function findOrder(merchant: Merchant, idOrExternalId: string): Order | undefined {
  return merchant.orders.get(idOrExternalId) ?? merchant.ordersByExternalId.get(idOrExternalId);
}

export function insertOrder(merchant: Merchant, order: Order): void {
  merchant.orders.set(order.id, order);
  merchant.ordersByExternalId.set(order.externalId, order);
  merchant.orderList.push(order);
}

export function findCustomer(merchant: Merchant, idOrExternalId: string): Customer | undefined {
  return merchant.customers.get(idOrExternalId) ?? merchant.customersByExternalId.get(idOrExternalId);
}

export function insertCustomer(merchant: Merchant, customer: Customer): void {
  merchant.customers.set(customer.id, customer);
  if (customer.externalId) merchant.customersByExternalId.set(customer.externalId, customer);
  merchant.customerList.push(customer);
}

/** Keeps the externalId index right when an update changes or sets the externalId. */
export function reindexCustomer(merchant: Merchant, customer: Customer, previousExternalId: string | null): void {
  if (previousExternalId === customer.externalId) return;
  if (previousExternalId && merchant.customersByExternalId.get(previousExternalId) === customer) {
    merchant.customersByExternalId.delete(previousExternalId);
  }
  if (customer.externalId) merchant.customersByExternalId.set(customer.externalId, customer);
}

export function methodsOfCustomer(merchant: Merchant, customerId: string): SavedMethod[] {
  const result: SavedMethod[] = [];
  for (const method of merchant.savedMethods.values()) if (method.customerId === customerId) result.push(method);
  return result;
}
